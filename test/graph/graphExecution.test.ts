import { describe, expect, it } from "vitest";
import { resolveExecution } from "../../src/graph/graphExecution.js";
import { InputError } from "../../src/units/InputError.js";
import { ExecutionSchema } from "../../src/workload/execution.js";

// The ONNX path resolves execution settings without zod; it must accept, default and refuse exactly
// what the workload's own schema does.
describe("resolveExecution agrees with ExecutionSchema", () => {
  const valid = [
    {},
    { batch: 8, seq: 2048 },
    { precision: "fp32", optimizer: "sgd", recompute: "full", gradients: "fp32" },
    { precision: "fp8", optimizer: "lamb", recompute: "selective" },
    { batch: 1, optimizer: "adafactor" },
  ];
  it.each(valid)("same result for %j", (e) => {
    expect(resolveExecution(e as never)).toEqual(ExecutionSchema.parse(e));
  });
  const invalid = [
    { batch: 0 },
    { batch: 1.5 },
    { seq: -3 },
    { precision: "fp12" },
    { optimizer: "adamm" },
    { recompute: "some" },
    { gradients: "fp16" },
  ];
  it.each(invalid)("both refuse %j, and resolveExecution names the field", (e) => {
    expect(ExecutionSchema.safeParse(e).success).toBe(false);
    const field = Object.keys(e)[0]!;
    expect(() => resolveExecution(e as never)).toThrow(InputError);
    expect(() => resolveExecution(e as never)).toThrow(new RegExp(`^execution\\.${field}: got`));
  });
});
