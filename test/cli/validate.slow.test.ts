import { describe, expect, it } from "vitest";
import { CORPUS } from "../../src/validation/corpus.js";
import { run } from "./run.js";

interface JsonCase {
  name: string;
  measured: number;
  predicted: number;
  deltaPct: number;
  inSample: boolean;
  moe: boolean;
  accelerator: string;
}

describe("scalecast validate --json (issue 12 item 2)", () => {
  it("prints the contract's shape, and its summary is the mean of its own cases", async () => {
    const r = await run(["validate", "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      cases: JsonCase[];
      summary: Record<string, { n: number; meanAbsPct: number; maxAbsPct: number }> & {
        notModelled?: { name: string; reason: string }[];
      };
    };
    expect(out.cases.length).toBe(CORPUS.length);
    for (const k of [
      "name",
      "source",
      "accelerator",
      "framework",
      "metric",
      "measured",
      "predicted",
      "deltaPct",
      "inSample",
    ])
      expect(out.cases[0]).toHaveProperty(k);
    expect(Object.keys(out.summary)).toEqual(
      expect.arrayContaining(["outOfSample", "inSample", "byAccelerator", "bySource"]),
    );
    // delta % = 100·(predicted − measured)/measured, recomputed here from the printed numbers
    for (const c of out.cases)
      expect(c.deltaPct).toBeCloseTo((100 * (c.predicted - c.measured)) / c.measured, 6);
    // cases the model leaves out (listed with the reason in summary.notModelled) do not count
    const left = new Set((out.summary.notModelled ?? []).map((c) => c.name));
    const held = out.cases.filter((c) => !c.inSample && !left.has(c.name)).map((c) => Math.abs(c.deltaPct));
    expect(out.summary.outOfSample!.n).toBe(held.length);
    expect(out.summary.outOfSample!.meanAbsPct).toBeCloseTo(held.reduce((s, v) => s + v, 0) / held.length, 6);
    expect(out.summary.outOfSample!.maxAbsPct).toBeCloseTo(Math.max(...held), 6);
    // per accelerator, the dense out-of-sample statistic is the mean over its own non-MoE cases
    const byAcc = (
      out.summary as unknown as {
        byAccelerator: Record<string, { denseOutOfSample: { n: number; meanAbsPct: number } }>;
      }
    ).byAccelerator;
    const h100 = out.cases.filter(
      (c) => c.accelerator === "h100-sxm" && !c.inSample && !c.moe && !left.has(c.name),
    );
    expect(byAcc["h100-sxm"]!.denseOutOfSample.n).toBe(h100.length);
    expect(byAcc["h100-sxm"]!.denseOutOfSample.meanAbsPct).toBeCloseTo(
      h100.reduce((s, c) => s + Math.abs(c.deltaPct), 0) / h100.length,
      6,
    );
    // Table 1 is never fitted on
    expect(out.cases.filter((c) => c.name.startsWith("narayanan2021-") && c.inSample)).toEqual([]);
    // whole runs: their own delta from their printed device-hours, and a summary of those
    const whole = (
      out as unknown as {
        wholeRuns: {
          runs: { measuredDeviceHours: number; predictedDeviceHours: number; deltaPct: number }[];
          summary: { n: number; maxAbsPct: number };
        };
      }
    ).wholeRuns;
    expect(whole.summary.n).toBe(whole.runs.length);
    for (const w of whole.runs)
      expect(w.deltaPct).toBeCloseTo(
        (100 * (w.predictedDeviceHours - w.measuredDeviceHours)) / w.measuredDeviceHours,
        6,
      );
    expect(whole.summary.maxAbsPct).toBeCloseTo(Math.max(...whole.runs.map((w) => Math.abs(w.deltaPct))), 6);
    const text = await run(["validate"]);
    expect(text.stdout).toMatch(/^llama2-2023-70b +a100-80gb +2048 +1\.72e\+6 /m);
    expect(text.stdout).toMatch(/^gpt-neox2022-20b +a100-40gb +96 +175680 /m);
    expect(text.stdout).toMatch(/^whole runs: n 5, mean /m);
  });
});
