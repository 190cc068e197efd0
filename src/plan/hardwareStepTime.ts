import type { StepTimeFn } from "../batch/dataParallelPlan.js";
import type { Accelerator } from "../hardware/accelerator.js";
import { stepProfile } from "../parallel/stepProfile.js";
import type { System } from "../parallel/systemSchema.js";
import type { ModelSpec } from "../workload/modelSpec.js";
import type { Precision } from "../workload/precision.js";
import { bestLayout } from "./bestLayout.js";

/**
 * The parallel model as the batch planner's step-time callback: for a global batch on n devices, the
 * step time of the fastest layout the search finds (null when no layout fits). Connects
 * `planDataParallel` (src/batch) to the layout search (src/parallel), so that time-to-target and cost
 * against device count use the real step time, communication and memory limits included; `system` (a
 * calibrated or user system file) replaces the catalog's system for `accelerator`.
 */
export function hardwareStepTime(
  spec: ModelSpec,
  accelerator: Accelerator,
  precision: Precision = "bf16",
  system?: System,
): StepTimeFn {
  const profile = stepProfile(spec, { precision });
  return (globalBatch, devices) => {
    const found = bestLayout({
      profile,
      accelerator,
      ...(system ? { system } : {}),
      precision,
      globalBatch: Math.round(globalBatch),
      devices,
    });
    return found.best ? found.best.step.seconds : null;
  };
}
