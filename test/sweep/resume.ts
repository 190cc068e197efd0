import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readLedger } from "./cliHelpers.js";

/** The built CLI (npm run test:slow builds first). */
export const MAIN = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

/** Start `scalecast sweep run ...` as a separate process (so it can be killed with SIGKILL). */
export function startRunner(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): { child: ChildProcess; done: Promise<number> } {
  const child = spawn(process.execPath, [MAIN, "sweep", "run", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env,
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += String(d)));
  child.stderr!.on("data", (d) => (out += String(d)));
  const done = new Promise<number>((resolve) =>
    child.on("exit", (code, signal) => {
      if (process.env.SCALECAST_TEST_DEBUG) console.log(out);
      resolve(code ?? (signal ? 128 : 1));
    }),
  );
  return { child, done };
}

/** Wait until `cond` holds, polling every 100 ms, at most `seconds`. */
export async function waitFor(cond: () => boolean, seconds: number, what: string): Promise<void> {
  const until = Date.now() + seconds * 1000;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out after ${seconds} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Ends per point id in the ledger. */
export function ends(ledger: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const [e, id] of readLedger(ledger)) if (e === "end") m.set(id, (m.get(id) ?? 0) + 1);
  return m;
}

/**
 * The exactly-once checks after a resumed sweep: every point has its result.json, exactly one attempt
 * reached its end, and no attempt started after that end (nothing finished was run again).
 */
export function checkExactlyOnce(results: string, ledger: string): { starts: Map<string, number> } {
  const ids = readFileSync(join(results, ".scalecast", "ids.txt"), "utf8")
    .split("\n")
    .filter(Boolean);
  const events = readLedger(ledger);
  const starts = new Map<string, number>();
  for (const id of ids) {
    if (!existsSync(join(results, "runs", id, "result.json"))) throw new Error(`point ${id} has no result`);
    const mine = events.map(([e, x], i) => ({ e, x, i })).filter((v) => v.x === id);
    const endAt = mine.filter((v) => v.e === "end");
    if (endAt.length !== 1) throw new Error(`point ${id} finished ${endAt.length} times`);
    if (mine.some((v) => v.e === "start" && v.i > endAt[0]!.i))
      throw new Error(`point ${id} started again after it finished`);
    starts.set(id, mine.filter((v) => v.e === "start").length);
    const outFiles = readdirSync(join(results, "runs", id, "out"));
    if (!outFiles.includes("metrics.jsonl")) throw new Error(`point ${id} lost its metrics`);
  }
  return { starts };
}
