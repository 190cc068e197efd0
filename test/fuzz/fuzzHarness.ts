import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Io } from "../../src/cli/io.js";
import { runCli } from "../../src/cli/runCli.js";

// The properties every fuzz case must keep (issue 16 acceptance): an exit code from the documented set,
// exactly one line starting "scalecast:" on stderr when the input is refused (exit 2), no stack trace and
// no internal error, and bounded time and heap. The bounds are hang and blow-up guards far above what a
// case takes (milliseconds to a few hundred), not timing assertions.

/** A case running longer than this is a hang, not a slow case. */
export const CASE_MS = 10_000;
/** A case growing the heap by more than this is unbounded work. */
export const CASE_HEAP_BYTES = 500 * 2 ** 20;

/**
 * Exit codes a case may end with: 0 (a result), 2 (bad input, one line), 3 (fit did not converge,
 * documented in `fit --help`), and 1 only for a documented result that is not an error of the input
 * (`plan`: no layout fits / infeasible; `sweep run`: a point failed); never 1 with "internal error".
 */
const RESULT_1 = /^scalecast: (no layout of|infeasible:)/;

/** One CLI run in-process: virtual files first, then the real file system (as nodeIo, for sweep dirs). */
export async function runCase(argv: string[], files: Record<string, string> = {}) {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    readText: (p) => (Object.hasOwn(files, p) ? files[p]! : readFileSync(p, "utf8")),
    writeText: (p, t) => {
      if (!Object.hasOwn(files, p) && existsSync(dirname(p)) && p.startsWith("/tmp/")) writeFileSync(p, t);
    },
    isTTY: false,
    outputProblem: (p) => (existsSync(p) && statSync(p).isDirectory() ? "it is a directory" : undefined),
  };
  // FUZZ_TRACE=FILE: each case's argv appended before it runs (finds a case that kills the worker)
  if (process.env.FUZZ_TRACE)
    (await import("node:fs")).appendFileSync(process.env.FUZZ_TRACE, `${argv.join(" ")}\n`);
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  let code: number;
  let thrown: unknown;
  try {
    code = await runCli(argv, io);
  } catch (e) {
    code = -1;
    thrown = e;
  }
  const ms = performance.now() - t0;
  const heapBytes = process.memoryUsage().heapUsed - heap0;
  return { argv, code, stdout, stderr, ms, heapBytes, thrown };
}

export type CaseResult = Awaited<ReturnType<typeof runCase>>;

/** What is wrong with a case's outcome, or undefined when it keeps every property. */
export function violation(r: CaseResult): string | undefined {
  const lines = r.stderr.trimEnd().split("\n");
  if (r.thrown !== undefined) return `runCli threw ${String(r.thrown)}`;
  if (/^ {4}at |internal error/im.test(r.stderr + r.stdout))
    return `stack trace or internal error: ${r.stderr}`;
  if (r.code === 2) {
    if (lines.length !== 1 || !lines[0]!.startsWith("scalecast:"))
      return `exit 2 without exactly one "scalecast:" line: ${JSON.stringify(r.stderr)}`;
  } else if (r.code === 1) {
    if (!lines.some((l) => RESULT_1.test(l))) return `exit 1: ${r.stderr}`;
  } else if (r.code !== 0 && r.code !== 3) return `exit ${r.code}: ${r.stderr}`;
  if (r.ms > CASE_MS) return `took ${Math.round(r.ms)} ms (limit ${CASE_MS})`;
  if (r.heapBytes > CASE_HEAP_BYTES) return `heap grew ${Math.round(r.heapBytes / 2 ** 20)} MB`;
  return undefined;
}

/** A reproducer line for a failing case. */
export function describeCase(r: CaseResult, why: string): string {
  return `${why}\n  reproduce: scalecast ${r.argv.map((a) => JSON.stringify(a)).join(" ")}`;
}
