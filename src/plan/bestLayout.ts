import type { Accelerator } from "../hardware/accelerator.js";
import type { TimedLayout } from "../parallel/evaluateLayout.js";
import type { Objective } from "../parallel/objective.js";
import { searchLayouts } from "../parallel/searchLayouts.js";
import { systemFor } from "../parallel/systemFor.js";
import type { StepProfile } from "../parallel/stepProfile.js";
import type { System } from "../parallel/systemSchema.js";
import type { Precision } from "../workload/precision.js";

/** The best layout of a search and the search's counts, or null when nothing fits. */
export interface BestLayout {
  best: TimedLayout | null;
  top: TimedLayout[];
  evaluated: number;
  pruned: number;
}

/**
 * Search every layout (dp, tp, pp, cp, ep, vp, micro-batch, recompute, sequence parallelism, ZeRO stage)
 * for a device count, or any count up to a budget, on this thread (the CLI spreads the same search over
 * worker threads; see src/parallel/searchLayouts.ts for the model and the pruning).
 */
export function bestLayout(o: {
  profile: StepProfile;
  accelerator: Accelerator;
  /** The system to time on (a calibrated or user file); default the catalog's for `accelerator`. */
  system?: System;
  precision: Precision;
  globalBatch: number;
  devices?: number;
  maxDevices?: number;
  objective?: Objective;
  units?: number;
  deadlineSeconds?: number;
  /** Attention kernels; default the system's framework's, as `scalecast plan` (Megatron-LM 2021: standard). */
  attention?: "flash" | "standard";
}): BestLayout {
  const { objective = "throughput" } = o;
  const price = (o.system?.accelerator ?? o.accelerator).price?.dollarsPerHour;
  const r = searchLayouts({
    profile: o.profile,
    accelerator: o.accelerator,
    ...(o.system ? { system: o.system } : {}),
    precision: o.precision,
    space: {
      ...(o.devices !== undefined ? { devices: o.devices } : { maxDevices: o.maxDevices ?? 1 }),
      globalBatch: o.globalBatch,
    },
    evaluate: { attention: o.attention ?? (o.system ?? systemFor(o.accelerator)).framework.attention },
    objective: {
      objective,
      ...(o.units !== undefined ? { units: o.units } : {}),
      ...(o.deadlineSeconds !== undefined ? { deadlineSeconds: o.deadlineSeconds } : {}),
      ...(price !== undefined ? { dollarsPerHour: price } : {}),
    },
    top: 5,
  });
  return { best: r.top[0] ?? null, top: r.top, evaluated: r.evaluated, pruned: r.pruned };
}
