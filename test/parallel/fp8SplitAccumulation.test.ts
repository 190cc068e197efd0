import { describe, expect, it } from "vitest";
import { accelerator } from "../../src/hardware/catalog.js";
import { bindSystem, systemFor } from "../../src/parallel/systemFor.js";

describe("fp8 split accumulation, bound per device", () => {
  it("Hopper: the backward's fp8 GEMMs at 1.15× the fast-accumulation ceiling (pytorch/ao#2377: 1.1-1.2×)", () => {
    for (const name of ["h100-sxm", "h200", "h100-sxm-96gb"])
      expect(bindSystem(systemFor(accelerator(name)), "fp8").fp8SplitAccumulation, name).toBe(1.15);
  });
  it("devices without a fast-accumulation mode or without a measurement take 1", () => {
    for (const name of ["b200", "gb200", "a100-80gb", "tpu-v5p"])
      expect(bindSystem(systemFor(accelerator(name)), "fp8").fp8SplitAccumulation, name).toBe(1);
  });
});
