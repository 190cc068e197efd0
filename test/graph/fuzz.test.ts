import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { rngFor, uniform01 } from "../../src/fit/random.js";
import { analyzeOnnx } from "../../src/graph/analyzeGraph.js";
import { graphStep } from "../../src/graph/graphStep.js";
import { InputError } from "../../src/units/InputError.js";
import { run } from "../cli/run.js";
import { HAS_ONNX, ONNX_DIR, onnxBytes } from "./onnxHelpers.js";

// Issue 16 acceptance, ONNX reader: seeded corruptions of real graphs give a result or a clean
// InputError (library), exit 0 or 2 with one line on stderr and no stack trace (CLI), in bounded time
// and memory per case. The time bound is a hang guard, far above what a case takes (tens of ms).

/** A case taking longer than this is a hang (a loop that does not end), not a slow case. */
const HANG_MS = 10_000;

/** A seeded corruption of `bytes`: a truncation (case 0 of 3) or 1–8 random byte overwrites. */
function corrupt(bytes: Uint8Array, seed: number, k: number): Uint8Array {
  const rng = rngFor(seed, k);
  const pick = (n: number) => Math.floor(uniform01(rng) * n);
  if (k % 3 === 0) return bytes.slice(0, pick(bytes.length));
  const out = bytes.slice();
  const edits = 1 + pick(8);
  for (let e = 0; e < edits; e++) out[pick(out.length)] = pick(256);
  return out;
}

function outcome(bytes: Uint8Array): "ok" | "input-error" {
  try {
    const a = analyzeOnnx(bytes, { field: "fuzz" });
    graphStep(a, a.symbols.includes("batch") ? { dims: { batch: 2 } } : {});
    return "ok";
  } catch (e) {
    if (e instanceof InputError) return "input-error";
    throw e;
  }
}

const singleOps = HAS_ONNX ? readdirSync(`${ONNX_DIR}ops`).map((f) => `ops/${f}`) : [];
const sources = (what: string) => (what.startsWith("light") ? [`models/${what}.onnx`] : singleOps);

describe.skipIf(!HAS_ONNX)("fuzz: truncated and mutated real graphs", () => {
  const dir = mkdtempSync(`${tmpdir()}/scalecast-onnx-fuzz-`);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ["37 single-op graphs", 3000, 1],
    ["light_squeezenet", 150, 2],
    ["light_resnet50", 60, 3],
  ] as const)("library, %s: %i cases give a result or an InputError", (what, cases, seed) => {
    const originals = sources(what).map(onnxBytes);
    const tally = { ok: 0, "input-error": 0 };
    let slowest = 0;
    for (let k = 0; k < cases; k++) {
      const bytes = corrupt(originals[k % originals.length]!, seed, k);
      const t0 = performance.now();
      let r: ReturnType<typeof outcome>;
      try {
        r = outcome(bytes);
      } catch (e) {
        throw new Error(`case ${k} of ${what} (seed ${seed}) crashed: ${(e as Error).stack}`);
      }
      const ms = performance.now() - t0;
      slowest = Math.max(slowest, ms);
      expect(ms, `case ${k} of ${what} (seed ${seed}) ran ${ms} ms`).toBeLessThan(HANG_MS);
      tally[r]++;
    }
    console.log(
      `fuzz ${what}: ${cases} cases, ${tally.ok} analysed, ${tally["input-error"]} InputError, slowest ${slowest.toFixed(0)} ms`,
    );
    expect(tally.ok + tally["input-error"]).toBe(cases);
  });

  it("CLI, 60 cases: exit 0 (JSON on stdout) or 2 with one line on stderr, never a stack trace", async () => {
    const originals = [...singleOps, "models/light_squeezenet.onnx"].map(onnxBytes);
    const codes = { 0: 0, 2: 0 };
    for (let k = 0; k < 60; k++) {
      const path = `${dir}/case-${k}.onnx`;
      writeFileSync(path, corrupt(originals[k % originals.length]!, 4, k));
      const r = await run(["workload", path, "--json"]);
      const where = `case ${k} (seed 4): exit ${r.code}, stderr ${JSON.stringify(r.stderr)}`;
      expect([0, 2], where).toContain(r.code);
      expect(r.stderr, where).not.toMatch(/^\s+at |internal error/m);
      if (r.code === 2) expect(r.stderr, where).toMatch(/^scalecast: [^\n]+\n$/);
      else {
        expect(() => JSON.parse(r.stdout), where).not.toThrow();
        for (const line of r.stderr.split("\n").filter(Boolean))
          expect(line, where).toMatch(/^scalecast: warning: /);
      }
      codes[r.code as 0 | 2]++;
    }
    console.log(`fuzz CLI: 60 cases, ${codes[0]} exit 0, ${codes[2]} exit 2`);
  });

  it("CLI as a process, 2 cases: exit 0 or 2 within the time and a 512 MB heap", () => {
    // the real entry point, killed at the hang guard; a heap limit turns runaway memory into a failure
    const cli = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));
    const original = onnxBytes("models/light_resnet50.onnx");
    for (const k of [1, 2]) {
      const path = `${dir}/process-${k}.onnx`;
      writeFileSync(path, corrupt(original, 5, k));
      const r = spawnSync(process.execPath, ["--max-old-space-size=512", cli, "workload", path], {
        timeout: HANG_MS,
        encoding: "utf8",
      });
      const where = `case ${k} (seed 5): exit ${r.status} ${r.signal ?? ""}, stderr ${JSON.stringify(r.stderr)}`;
      expect([0, 2], where).toContain(r.status);
      if (r.status === 2) expect(r.stderr, where).toMatch(/^scalecast: [^\n]+\n$/);
    }
  });
});
