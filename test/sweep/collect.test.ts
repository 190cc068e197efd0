import { describe, expect, it } from "vitest";
import { bestPerSize } from "../../src/sweep/bestPerSize.js";
import { checkTemplate, fillTemplate, shellQuote } from "../../src/sweep/commandTemplate.js";
import { collectRuns, finalMetrics, type PointOutcome, stepsToTarget } from "../../src/sweep/collectRuns.js";
import { designBatch } from "../../src/sweep/designBatch.js";
import { type MetricRow, parseMetricLog, scalarsToRows } from "../../src/sweep/metricLog.js";
import { parseSweepFile } from "../../src/sweep/sweepFile.js";

describe("command template", () => {
  const p = {
    index: 3,
    id: "d100_w8",
    data: 100,
    width: 8,
    batch: 64,
    lr: 0.001,
    seed: 0,
    optimizer: "adam" as const,
  };
  it("fills every placeholder and quotes what a shell would split", () => {
    expect(
      fillTemplate(
        "t.sh --data {data} --width {width} --lr {lr} --out {out} --seed {seed} {optimizer} {target}",
        p,
        "/r/my runs/out",
        0.05,
      ),
    ).toBe("t.sh --data 100 --width 8 --lr 0.001 --out '/r/my runs/out' --seed 0 adam 0.05");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });
  it("rejects an unknown placeholder, naming it", () => {
    expect(() => checkTemplate("t.sh {data} {depth}")).toThrow(
      /--command: got "\{depth\}", expected placeholders among \{data\}/,
    );
  });
});

describe("metric logs", () => {
  it("keeps every good JSONL line and rejects a truncated one with its line number", () => {
    const r = parseMetricLog(
      '{"step": 1, "val_error": 0.5}\n{"step": 2, "val_e\n{"step": 3, "val_error": 0.25, "note": "x"}\n',
      "jsonl",
      "m.jsonl",
    );
    expect(r.rows).toEqual([
      { step: 1, val_error: 0.5 },
      { step: 3, val_error: 0.25 },
    ]);
    expect(r.rejected).toEqual([
      { where: "m.jsonl line 2", reason: "not a JSON object (truncated or corrupt line)" },
    ]);
  });
  it("reads CSV and merges TensorBoard scalars by step", () => {
    expect(parseMetricLog("step,test_error\n10,0.2\n", "csv", "m.csv").rows).toEqual([
      { step: 10, test_error: 0.2 },
    ]);
    expect(
      scalarsToRows([
        { step: 5, wallTime: 0, tag: "a", value: 1 },
        { step: 1, wallTime: 0, tag: "a", value: 2 },
        { step: 5, wallTime: 0, tag: "b", value: 3 },
      ]),
    ).toEqual([
      { step: 1, a: 2 },
      { step: 5, a: 1, b: 3 },
    ]);
  });
});

describe("runs table", () => {
  const rows: MetricRow[] = [
    { step: 10, val_error: 0.3 },
    { step: 20, val_error: 0.1 },
    { step: 30, val_error: 0.09 },
    { step: 30, test_error: 0.12, params: 100, final: 1 },
  ];
  it("takes final metrics from the final row and steps to target strictly below (Shallue et al.)", () => {
    expect(finalMetrics(rows)).toEqual({ val_error: 0.09, test_error: 0.12, params: 100, steps: 30 });
    expect(stepsToTarget(rows, "val_error", 0.1)).toBe(30); // 0.1 is not strictly below 0.1
    expect(stepsToTarget(rows, "val_error", 0.05)).toBeNull();
  });
  it("lists finished rows, and points missing or failed with their reasons", () => {
    const sweep = parseSweepFile({
      schema: "scalecast.sweep/1",
      kind: "batch",
      metric: "val_error",
      target: 0.1,
      trainer: {},
      design: { optimizer: "momentum" },
      points: designBatch({ batches: [8, 16], lrs: [0.1, 0.2] }),
      warnings: [],
      cost: null,
    });
    const [a, b, c, d] = sweep.points.map((p) => p.id) as [string, string, string, string];
    const outcomes = new Map<string, PointOutcome>([
      [a, { status: "done", rows, attempts: 1, seconds: 2 }],
      [b, { status: "failed", attempts: 2, exitCode: 3, logTail: "boom" }],
      [c, { status: "done", rows: [{ step: 1, loss: 1 }], attempts: 1 }],
    ]);
    const out = collectRuns(sweep, outcomes);
    expect(out.rows).toHaveLength(1);
    expect(out.rows[0]).toMatchObject({
      id: a,
      batch: 8,
      lr: 0.1,
      steps_to_target: 30,
      test_error: 0.12,
      seconds: 2,
    });
    expect(out.failed).toEqual([
      {
        id: b,
        attempts: 2,
        exitCode: 3,
        reason: "command failed on all 2 attempt(s) (exit code 3)",
        logTail: "boom",
      },
    ]);
    expect(out.missing).toEqual([
      { id: c, reason: "finished, but its logs have no val_error" },
      { id: d, reason: "not run yet" },
    ]);
  });
});

describe("best model per data size", () => {
  const row = (data: number, width: number, e: number, extra: Record<string, number> = {}) => ({
    id: `${data}-${width}-${extra.seed ?? 0}`,
    data,
    width,
    batch: 64,
    lr: 0.001,
    seed: extra.seed ?? 0,
    optimizer: "adam",
    test_error: e,
    test_samples: 10_000,
    params: 10 * width,
    ...extra,
  });
  it("takes the smallest width within one binomial standard error of the lowest error", () => {
    // at 1000: lowest 0.1 (w 64), se = sqrt(0.1 * 0.9 / 10000) = 0.003, so w 32 (0.102) is chosen, w 16 (0.11) is not
    const b = bestPerSize([
      row(1000, 16, 0.11),
      row(1000, 32, 0.102),
      row(1000, 64, 0.1),
      row(1000, 128, 0.1005),
    ]);
    expect(b[0]).toMatchObject({
      data: 1000,
      width: 32,
      params: 320,
      error: 0.102,
      minError: 0.1,
      seSource: "binomial",
      bracketed: true,
    });
    expect(b[0]!.se).toBeCloseTo(0.003, 6);
  });
  it("averages seeds and uses their standard error; flags a best width at the edge", () => {
    // w 8: mean 0.3, seeds 0.28 and 0.32: sd = 0.02828, se = 0.02; w 4: mean 0.31 lies within it
    const b = bestPerSize([
      row(50, 4, 0.3, { seed: 0 }),
      row(50, 4, 0.32, { seed: 1 }),
      row(50, 8, 0.28, { seed: 0 }),
      row(50, 8, 0.32, { seed: 1 }),
    ]);
    expect(b[0]).toMatchObject({ width: 4, seSource: "seeds", bracketed: false });
    expect(b[0]!.se).toBeCloseTo(0.02, 6);
  });
});
