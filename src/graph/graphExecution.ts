import { InputError } from "../units/InputError.js";
import type { ExecutionInput, ExecutionSpec } from "../workload/execution.js";
import { EXECUTION_DEFAULTS, GRADIENTS, OPTIMIZERS, RECOMPUTE } from "../workload/executionOptions.js";
import { PRECISIONS } from "../workload/precision.js";

/**
 * An execution setting with ExecutionSchema's checks and defaults (src/workload/execution.ts), without
 * loading zod: the ONNX path runs on every `scalecast workload model.onnx`, whose startup counts
 * (issue 17). test/graph/graphExecution.test.ts checks it against ExecutionSchema.parse on valid and
 * invalid settings, so the two cannot drift apart.
 */
export function resolveExecution(e: ExecutionInput, where = "execution"): ExecutionSpec {
  const count = (k: "batch" | "seq", v: unknown) => {
    if (!(typeof v === "number" && Number.isInteger(v) && v > 0))
      throw new InputError(`${where}.${k}`, v, "a positive integer");
    return v;
  };
  const member = <T extends string>(k: string, v: unknown, set: readonly T[]): T => {
    if (!(set as readonly unknown[]).includes(v))
      throw new InputError(`${where}.${k}`, v, `one of ${set.join(", ")}`);
    return v as T;
  };
  const d = EXECUTION_DEFAULTS;
  return {
    batch: e.batch === undefined ? d.batch : count("batch", e.batch),
    ...(e.seq === undefined ? {} : { seq: count("seq", e.seq) }),
    precision: e.precision === undefined ? d.precision : member("precision", e.precision, PRECISIONS),
    optimizer: e.optimizer === undefined ? d.optimizer : member("optimizer", e.optimizer, OPTIMIZERS),
    recompute: e.recompute === undefined ? d.recompute : member("recompute", e.recompute, RECOMPUTE),
    gradients: e.gradients === undefined ? d.gradients : member("gradients", e.gradients, GRADIENTS),
  };
}
