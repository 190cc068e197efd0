import type { ServingCase } from "../validation/servingCase.js";
import { predictServingCase, type ServingConstants } from "./inferenceCase.js";

/** The grid {@link fitServingCalibration} searches (both axes from physical bounds, not from the data). */
export const SERVING_FIT_GRID = {
  /** Achieved fraction of datasheet bandwidth: 0.60 to 0.95 by 0.05 (STREAM-like kernels reach ~0.9). */
  bandwidthFraction: [0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95],
  /** Fixed seconds per forward pass: 0 to 4 ms (a CUDA-graph replay to an eager Python step). */
  stepOverheadSeconds: [0, 0.00025, 0.0005, 0.001, 0.002, 0.004],
} as const;

/** A fit of the serving constants and its in-sample error. */
export interface ServingFit extends ServingConstants {
  /** Root-mean-square of log(predicted / measured) over the calibration cases. */
  rmsLogError: number;
  cases: string[];
}

/**
 * Fit the serving model's two constants (servingCalibration.ts) to measured cases: the grid point of
 * {@link SERVING_FIT_GRID} with the least mean squared log error of the predictions (log, so that a
 * throughput and a latency weigh alike). A grid, not a gradient method: each evaluation is a layout
 * and batch search, and the objective is piecewise (the best batch jumps). Cases the model cannot
 * predict are left out; none left is an error.
 */
export function fitServingCalibration(cases: readonly ServingCase[], grid = SERVING_FIT_GRID): ServingFit {
  let best: ServingFit | undefined;
  for (const bandwidthFraction of grid.bandwidthFraction)
    for (const stepOverheadSeconds of grid.stepOverheadSeconds) {
      const used: string[] = [];
      let sum = 0;
      for (const c of cases) {
        const p = predictServingCase(c, { bandwidthFraction, stepOverheadSeconds });
        if (p.predicted === null) continue;
        used.push(c.name);
        sum += Math.log(p.predicted / p.measured) ** 2;
      }
      if (used.length === 0) throw new Error("fitServingCalibration: no case the serving model can predict");
      const rmsLogError = Math.sqrt(sum / used.length);
      if (!best || rmsLogError < best.rmsLogError)
        best = { bandwidthFraction, stepOverheadSeconds, rmsLogError, cases: used };
    }
  return best!;
}
