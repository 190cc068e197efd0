import type { Precision } from "../workload/precision.js";
import { layoutEvaluator } from "./evaluateLayout.js";
import { goldenSection } from "./goldenSection.js";
import type { Layout } from "./layout.js";
import type { StepProfile } from "./stepProfile.js";
import { bindSystem } from "./systemFor.js";
import type { System } from "./systemSchema.js";

/** A measured training run on one system: the model, its layout and batch, and what was measured. */
export interface MeasuredRun {
  name: string;
  profile: StepProfile;
  layout: Layout;
  globalBatch: number;
  /** The run's attention kernels; default the system's framework profile's (as `plan` times them). */
  attention?: "flash" | "standard";
  /** Measured seconds per step, or ... */
  stepSeconds?: number;
  /** ... measured MFU (fraction), or ... */
  mfu?: number;
  /** ... measured HFU (fraction; Megatron's "TFLOP/s per GPU" ÷ peak counts recompute, so it is an HFU). */
  hfu?: number;
}

/** Prediction error on one run, in the run's own metric. */
export interface RunError {
  name: string;
  predicted: number;
  measured: number;
  /** (predicted − measured)/measured, percent. */
  deltaPct: number;
}

/** Result of {@link calibrateSystem}: the calibrated system and the errors before and after. */
export interface SystemCalibration {
  system: System;
  /** The GEMM ceiling at the runs' precision, before and after. */
  ceiling: { before: number; after: number };
  before: { rmsPct: number; runs: RunError[] };
  after: { rmsPct: number; runs: RunError[] };
}

/** The range the GEMM ceiling is fitted in (fraction of dense peak). */
export const CEILING_RANGE = [0.05, 1] as const;

/** A copy of `system` with its GEMM ceiling at `precision` set to `ceiling`. */
export function withGemmCeiling(system: System, precision: Precision, ceiling: number): System {
  const eff = system.accelerator.efficiency;
  return {
    ...system,
    accelerator: {
      ...system.accelerator,
      efficiency: { ...eff, gemm: { ...eff.gemm, ceiling: { ...eff.gemm.ceiling, [precision]: ceiling } } },
    },
  };
}

/** Predicted vs measured for each run on `system` (the measured quantity decides what is compared). */
export function runErrors(system: System, precision: Precision, runs: readonly MeasuredRun[]): RunError[] {
  const sys = bindSystem(system, precision);
  return runs.map((r) => {
    // a measured run did run: time it even where the memory model says it does not fit
    const t = layoutEvaluator(r.profile, sys, {
      globalBatch: r.globalBatch,
      attention: r.attention ?? system.framework.attention,
      timeWhenOverMemory: true,
    })(r.layout);
    const [predicted, measured] = !t.feasible
      ? [NaN, NaN]
      : r.stepSeconds !== undefined
        ? [t.step.seconds, r.stepSeconds]
        : r.hfu !== undefined
          ? [t.hfu, r.hfu]
          : [t.mfu, r.mfu ?? NaN];
    return { name: r.name, predicted, measured, deltaPct: (100 * (predicted - measured)) / measured };
  });
}

const rms = (errors: readonly RunError[]) =>
  Math.sqrt(errors.reduce((s, e) => s + e.deltaPct ** 2, 0) / errors.length);

const logLoss = (errors: readonly RunError[]) =>
  errors.reduce((s, e) => s + Math.log(e.predicted / e.measured) ** 2, 0);

/**
 * Calibrate a system to measured runs (`scalecast calibrate`): the GEMM ceiling at the runs' precision
 * is the one constant fitted, by least squares on log(predicted/measured) (golden-section search over
 * {@link CEILING_RANGE}), everything else (shape terms, attention, bandwidths, network, framework)
 * kept. The same step-time model then predicts with the calibrated system, so predictions move toward
 * the runs; synthetic runs made with a known ceiling give that ceiling back. Calculon (Isaev et al.
 * 2023) calibrates its efficiency tables against measured Megatron runs the same way.
 *
 * @param runs - at least one run; the caller has validated them (finite, positive, divisible).
 */
export function calibrateSystem(
  system: System,
  precision: Precision,
  runs: readonly MeasuredRun[],
): SystemCalibration {
  const eff = system.accelerator.efficiency;
  const before = eff.gemm.ceiling[precision] ?? Object.values(eff.gemm.ceiling).find((v) => v !== undefined)!;
  const cost = (c: number) => {
    const e = logLoss(runErrors(withGemmCeiling(system, precision, c), precision, runs));
    return Number.isFinite(e) ? e : Infinity;
  };
  const after = goldenSection(cost, CEILING_RANGE[0], CEILING_RANGE[1]);
  const fitted = withGemmCeiling(system, precision, after);
  const errBefore = runErrors(system, precision, runs);
  const errAfter = runErrors(fitted, precision, runs);
  return {
    system: {
      ...fitted,
      calibration: {
        runs: runs.length,
        kept: runs.length,
        fitted: [`accelerator.efficiency.gemm.ceiling.${precision}`],
        rmsPctBefore: rms(errBefore),
        rmsPctAfter: rms(errAfter),
      },
    },
    ceiling: { before, after },
    before: { rmsPct: rms(errBefore), runs: errBefore },
    after: { rmsPct: rms(errAfter), runs: errAfter },
  };
}
