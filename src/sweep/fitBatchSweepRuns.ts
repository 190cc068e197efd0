/**
 * `sweep fit` for a batch-size sweep: steps to result per batch size over the tuned learning rates
 * (Shallue et al. 2018), the fit S(B) = S_min(1 + B_noise/B) with its regimes (McCandlish et al. 2018;
 * `analyzeBatchSweep`, src/batch), B_simple from the runs' gradient-noise logs next to B_noise, the best
 * learning rate per batch (and whether it is inside the grid), and the large-batch optimizers against the
 * main one at the largest batches.
 */

import {
  type BatchAnalysis,
  type FailedBatchAnalysis,
  analyzeBatchSweep,
} from "../batch/analyzeBatchSweep.js";
import { computeStepsToResult, type Measurement } from "../batch/stepsToResult.js";
import { gnsSamplesOf, seriesOf, stepsToTarget } from "./collectRuns.js";
import type { MetricRow } from "./metricLog.js";
import { type PooledNoiseScale, pooledNoiseScale } from "./pooledNoiseScale.js";
import type { SweepFile, SweepPoint } from "./sweepFile.js";

/** A finished run: its point and its metric rows. */
export interface FinishedRun {
  point: SweepPoint;
  rows: MetricRow[];
}

/** Steps to target of one optimizer at one batch, best over its learning rates. */
export interface OptimizerAtBatch {
  optimizer: string;
  batch: number;
  steps: number | null;
  lr: number | null;
  lrs: number[];
  /** True when the best learning rate is the smallest or largest tried. */
  lrAtEdge: boolean;
}

/** The batch sweep's analysis. */
export interface BatchSweepFit {
  optimizer: string;
  analysis: BatchAnalysis | FailedBatchAnalysis;
  perBatch: OptimizerAtBatch[];
  /** B_simple pooled over the best trials' windows in the second half of their way to the target. */
  bSimple: PooledNoiseScale | null;
  /** B_simple of each batch size's best trial, same windows. */
  bSimpleByBatch: { batch: number; value: number | null; windows: number }[];
  /** B_noise / B_simple (null when either is missing). */
  ratio: number | null;
  largeBatch: OptimizerAtBatch[];
  warnings: string[];
}

function bestAt(runs: FinishedRun[], metric: string, target: number): OptimizerAtBatch[] {
  const byBatch = new Map<number, FinishedRun[]>();
  for (const r of runs) byBatch.set(r.point.batch, [...(byBatch.get(r.point.batch) ?? []), r]);
  return [...byBatch.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([batch, rs]) => {
      const lrs = [...new Set(rs.map((r) => r.point.lr))].sort((a, b) => a - b);
      const reached = rs
        .map((r) => ({ r, s: stepsToTarget(r.rows, metric, target) }))
        .filter((x): x is { r: FinishedRun; s: number } => x.s !== null)
        .sort((a, b) => a.s - b.s || a.r.point.lr - b.r.point.lr);
      const win = reached[0];
      return {
        optimizer: rs[0]!.point.optimizer,
        batch,
        steps: win?.s ?? null,
        lr: win?.r.point.lr ?? null,
        lrs,
        lrAtEdge:
          win !== undefined &&
          lrs.length > 1 &&
          (win.r.point.lr === lrs[0] || win.r.point.lr === lrs[lrs.length - 1]),
      };
    });
}

/** Analyse a batch sweep's finished runs. */
export function fitBatchSweepRuns(
  sweep: SweepFile,
  runs: readonly FinishedRun[],
  o: { bootstrap?: number; seed?: number } = {},
): BatchSweepFit {
  const { bootstrap = 1000, seed = 0 } = o;
  const target = sweep.target!;
  const optimizer = String(sweep.design.optimizer ?? "momentum");
  const main = runs.filter((r) => r.point.optimizer === optimizer);
  const measurements: Measurement[] = main.flatMap((r) =>
    seriesOf(r.rows, sweep.metric).map((s) => ({
      batch: r.point.batch,
      step: s.step,
      metric: s.value,
      trial: r.point.id,
    })),
  );
  const analysis = analyzeBatchSweep(
    { kind: "sweep", measurements, target },
    { bootstrap, seed, optimizer: optimizer === "sgd" ? "sgd" : optimizer === "adam" ? "adam" : "momentum" },
  );
  const perBatch = bestAt(main, sweep.metric, target);
  const warnings: string[] = [];
  for (const b of perBatch)
    if (b.lrAtEdge)
      warnings.push(
        `batch ${b.batch}: the best learning rate ${b.lr} is at the edge of the grid ${b.lrs.join(", ")}; a rate outside it may reach the target sooner`,
      );
  // B_simple near the target: windows logged in the second half of each best trial's steps to target
  const table = computeStepsToResult(measurements, { target });
  const windows: { batch: number; samples: ReturnType<typeof gnsSamplesOf> }[] = table.results.map((res) => {
    const run = main.find((r) => r.point.id === res.trial)!;
    return {
      batch: res.batch,
      samples: gnsSamplesOf(run.rows).filter(
        (s) => (s.step ?? 0) <= res.steps && (s.step ?? 0) > res.steps / 2,
      ),
    };
  });
  const bSimple = pooledNoiseScale(
    windows.flatMap((w) => w.samples),
    { bootstrap, seed },
  );
  const bSimpleByBatch = windows.map((w) => ({
    batch: w.batch,
    value: pooledNoiseScale(w.samples, { bootstrap: 0 })?.value ?? null,
    windows: w.samples.length,
  }));
  if (!bSimple)
    warnings.push(
      "no gradient-noise windows before the target in the best trials: B_simple is not estimated",
    );
  const bNoise = analysis.status === "converged" ? analysis.fit.bNoise.value : null;
  const largeBatch = [...new Set(runs.map((r) => r.point.optimizer))]
    .filter((name) => name !== optimizer)
    .flatMap((name) => {
      const theirs = bestAt(
        runs.filter((r) => r.point.optimizer === name),
        sweep.metric,
        target,
      );
      const ours = perBatch.filter((b) => theirs.some((t) => t.batch === b.batch));
      return [...ours, ...theirs];
    })
    .filter((v, i, all) => all.findIndex((u) => u.optimizer === v.optimizer && u.batch === v.batch) === i)
    .sort((a, b) => a.batch - b.batch || a.optimizer.localeCompare(b.optimizer));
  return {
    optimizer,
    analysis,
    perBatch,
    bSimple,
    bSimpleByBatch,
    ratio: bNoise !== null && bSimple ? bNoise / bSimple.value : null,
    largeBatch,
    warnings,
  };
}
