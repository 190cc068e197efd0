/**
 * What a sweep itself costs, through the same chain as a forecast: each point's training step from the
 * workload model (`trainingStep`: forward + backward FLOP, a multiply-accumulate as 2, plus the
 * optimizer update), its step time on one device of the chosen accelerator from the layout search
 * (`hardwareStepTime`), times the point's steps; evaluation adds forward passes. Dollars use the
 * accelerator's catalog price per device-hour.
 */

import { InputError } from "../units/InputError.js";
import type { Accelerator } from "../hardware/accelerator.js";
import { hardwareStepTime } from "../plan/hardwareStepTime.js";
import type { ModelSpec } from "../workload/modelSpec.js";
import type { Precision } from "../workload/precision.js";
import { trainingStep } from "../workload/trainingStep.js";
import type { SweepCost, SweepPoint } from "./sweepFile.js";

/** Options of {@link sweepCost}. */
export interface SweepCostOptions {
  /** The model of a point's width, as a workload spec (for the built-in trainer: a `layers` MLP). */
  specOf: (width: number) => ModelSpec | Record<string, unknown>;
  /** Training steps of a point (its expected steps, or the cap when runs stop at a target). */
  stepsOf: (p: SweepPoint) => number;
  /** Samples evaluated (forward only) over a whole run; default 0. */
  evalSamplesOf?: (p: SweepPoint) => number;
  accelerator: Accelerator;
  /** Default fp32 (the built-in trainer's precision). */
  precision?: Precision;
  /** True when `stepsOf` gives a cap rather than an estimate. */
  upperBound?: boolean;
}

/** Total FLOP, device-hours and dollars of a sweep, with the per-point breakdown. */
export interface SweepCostResult extends SweepCost {
  perPoint: { id: string; steps: number; flops: number; seconds: number }[];
}

/** The cost of running every point once on one device each. */
export function sweepCost(points: readonly SweepPoint[], o: SweepCostOptions): SweepCostResult {
  const { precision = "fp32", evalSamplesOf = () => 0, upperBound = false } = o;
  const stepCache = new Map<string, { flops: number; forward: number; seconds: number }>();
  const timers = new Map<number, ReturnType<typeof hardwareStepTime>>();
  const perStep = (p: SweepPoint) => {
    const key = `${p.width}/${p.batch}/${p.optimizer}`;
    let c = stepCache.get(key);
    if (!c) {
      const spec = o.specOf(p.width);
      const s = trainingStep(spec, { batch: p.batch, precision, optimizer: p.optimizer });
      let timer = timers.get(p.width);
      if (!timer) {
        timer = hardwareStepTime(spec as ModelSpec, o.accelerator, precision);
        timers.set(p.width, timer);
      }
      const seconds = timer(p.batch, 1);
      if (seconds === null)
        // a width too large for the device is the design's input, not a bug (issue 16 fuzz finding)
        throw new InputError("--widths", p.width, `a width whose model fits one ${o.accelerator.name}`);
      c = { flops: s.step.flops + s.optimizer.flops, forward: s.forward.flopsPerSample, seconds };
      stepCache.set(key, c);
    }
    return c;
  };
  const perPoint = points.map((p) => {
    const c = perStep(p);
    const steps = o.stepsOf(p);
    const evalSamples = evalSamplesOf(p);
    const evalFlops = c.forward * evalSamples;
    // evaluation runs at the training step's rate per FLOP (forward only: a third of a step's work)
    const seconds = steps * c.seconds + (c.flops > 0 ? (evalFlops / c.flops) * c.seconds : 0);
    return { id: p.id, steps, flops: steps * c.flops + evalFlops, seconds };
  });
  const flops = perPoint.reduce((s, p) => s + p.flops, 0);
  const deviceHours = perPoint.reduce((s, p) => s + p.seconds, 0) / 3600;
  const price = o.accelerator.price?.dollarsPerHour;
  return {
    accelerator: o.accelerator.name,
    flops,
    deviceHours,
    dollars: price !== undefined ? deviceHours * price : null,
    upperBound,
    note: `${points.length} runs, one ${o.accelerator.name} each, ${precision}; step time from the layout search${upperBound ? "; steps capped: runs that stop at the target cost less" : ""}`,
    perPoint,
  };
}
