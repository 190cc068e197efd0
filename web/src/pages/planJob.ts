import type { System } from "../../../src/parallel/systemSchema.js";
import type { Layout } from "../../../src/parallel/layout.js";
import type { Objective } from "../../../src/parallel/objective.js";
import type { SearchJob } from "../../../src/parallel/searchLayouts.js";
import { stepProfile } from "../../../src/parallel/stepProfile.js";
import { checkpointBytesOf } from "../../../src/plan/layoutRunCost.js";
import type { Precision } from "../../../src/workload/precision.js";
import { memoize } from "../memo.js";

/** The step profile of a model (tens of ms on the main thread): the same for every device count. */
const profileOf = memoize(stepProfile);

/**
 * The search job of {@link bestLayout} (src/plan/bestLayout.ts) for the page's inputs, with the CLI's
 * `--layout` fields held fixed, its `--attention`, and the system `--system`, `--framework`,
 * `--memory-reserve` and `--max-fraction` make, so the page's search in the worker gives the same
 * result as `scalecast plan --search`.
 */
export function planJob(o: {
  spec: Parameters<typeof stepProfile>[0];
  system: System;
  precision: Precision;
  seq?: number;
  globalBatch: number;
  devices?: number;
  maxDevices?: number;
  objective: Objective;
  units?: number;
  deadlineSeconds?: number;
  fixed?: Partial<Layout>;
  attention?: "flash" | "standard";
}): SearchJob {
  const acc = o.system.accelerator;
  const profile = profileOf(o.spec, {
    precision: o.precision,
    ...(o.seq !== undefined ? { seq: o.seq } : {}),
  });
  const price = acc.price?.dollarsPerHour;
  return {
    profile,
    accelerator: acc,
    system: o.system,
    precision: o.precision,
    space: {
      ...(o.devices !== undefined ? { devices: o.devices } : { maxDevices: o.maxDevices ?? 1 }),
      globalBatch: o.globalBatch,
      ...(o.fixed && Object.keys(o.fixed).length ? { fixed: o.fixed } : {}),
    },
    evaluate: { attention: o.attention ?? o.system.framework.attention },
    // only what the objective scores by (objective.ts): the search for throughput does not move with
    // the price or the tokens to train, so changing those finds the cached search
    objective: {
      objective: o.objective,
      ...(o.objective === "time" && o.units !== undefined ? { units: o.units } : {}),
      ...(o.objective === "time" && o.deadlineSeconds !== undefined
        ? { deadlineSeconds: o.deadlineSeconds }
        : {}),
      ...(o.objective !== "throughput" && price !== undefined ? { dollarsPerHour: price } : {}),
      // a run's wall time counts failures and checkpoints (objective.ts), as `plan --tokens` does
      ...(o.objective !== "throughput" && o.units !== undefined
        ? { goodput: { checkpointBytes: checkpointBytesOf(profile), options: {} } }
        : {}),
    },
    top: 5,
  };
}
