import { describe, expect, it } from "vitest";
import {
  FITTED_KERNEL_EFFICIENCY,
  FRAMEWORK_NAMES,
  FRAMEWORK_PROFILES,
  frameworkProfile,
  FrameworkProfileSchema,
  UNFITTED_FRAMEWORK_PROFILES,
} from "../../src/parallel/framework.js";
import { CorpusCaseSchema } from "../../src/validation/corpusCase.js";

describe("framework profiles", () => {
  it("every profile validates, cites its sources, and carries the recorded fit", () => {
    for (const n of FRAMEWORK_NAMES) {
      const p = FRAMEWORK_PROFILES[n];
      expect(FrameworkProfileSchema.safeParse(p).success, n).toBe(true);
      expect(p.sources.all, n).toMatch(/\S{10}/);
      expect(p.kernelEfficiency).toBe(FITTED_KERNEL_EFFICIENCY[n]);
      expect(UNFITTED_FRAMEWORK_PROFILES[n].kernelEfficiency).toBe(1);
    }
  });

  it("every framework the corpus may name has a profile", () => {
    const corpusFrameworks = CorpusCaseSchema.shape.framework.options;
    for (const f of corpusFrameworks) expect(FRAMEWORK_NAMES).toContain(f);
  });

  it("an unknown name is an InputError listing the profiles", () => {
    expect(() => frameworkProfile("jax")).toThrow(
      /--framework: got "jax", expected one of megatron, megatron-core/,
    );
  });
});
