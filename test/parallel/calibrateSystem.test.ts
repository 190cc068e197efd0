import { describe, expect, it } from "vitest";
import { accelerator } from "../../src/hardware/catalog.js";
import {
  calibrateSystem,
  type MeasuredRun,
  runErrors,
  withGemmCeiling,
} from "../../src/parallel/calibrateSystem.js";
import { type Layout, SINGLE_DEVICE_LAYOUT } from "../../src/parallel/layout.js";
import { stepProfile } from "../../src/parallel/stepProfile.js";
import { UNFITTED_FRAMEWORK_PROFILES } from "../../src/parallel/frameworkProfiles.js";
import { systemFor } from "../../src/parallel/systemFor.js";

const profile = stepProfile({
  family: "decoder",
  layers: 16,
  hidden: 4096,
  heads: 32,
  vocab: 51200,
  seq: 2048,
});
const base: Layout = { ...SINGLE_DEVICE_LAYOUT, dp: 8, recompute: "full", zero: 1 };
const layouts: Layout[] = [
  base,
  { ...base, dp: 4, tp: 2, sp: true },
  { ...base, dp: 2, tp: 4, mb: 2, recompute: "none" },
];

describe("calibrate: one system constant fitted to measured runs", () => {
  // the kernel-level model before any framework fit: the optimistic 55-60% MFU of issue 12
  const a100 = systemFor(accelerator("a100-80gb"), {
    framework: UNFITTED_FRAMEWORK_PROFILES["megatron-core"],
  });

  it("recovers a known GEMM ceiling from synthetic runs made with it", () => {
    const truth = withGemmCeiling(a100, "bf16", 0.55);
    const synthetic: MeasuredRun[] = layouts.map((layout, i) => {
      const run: MeasuredRun = { name: `run ${i}`, profile, layout, globalBatch: 64 };
      const [e] = runErrors(truth, "bf16", [{ ...run, stepSeconds: 1 }]);
      return { ...run, stepSeconds: e!.predicted };
    });
    const c = calibrateSystem(a100, "bf16", synthetic);
    expect(c.ceiling.before).toBe(0.835);
    expect(c.ceiling.after).toBeCloseTo(0.55, 4);
    expect(c.after.rmsPct).toBeLessThan(0.01);
    expect(c.system.calibration!.fitted).toEqual(["accelerator.efficiency.gemm.ceiling.bf16"]);
  });

  it("runs measured at 40-45% MFU lower a higher prediction (issue 13), and the result moves toward them", () => {
    const runs: MeasuredRun[] = layouts.map((layout, i) => ({
      name: `run ${i}`,
      profile,
      layout,
      globalBatch: 64,
      mfu: [0.4, 0.43, 0.45][i]!,
    }));
    const c = calibrateSystem(a100, "bf16", runs);
    for (let i = 0; i < runs.length; i++) {
      const before = c.before.runs[i]!;
      const after = c.after.runs[i]!;
      expect(before.predicted).toBeGreaterThan(0.5); // the uncalibrated model is optimistic here
      expect(after.predicted).toBeLessThan(before.predicted);
      expect(Math.abs(after.deltaPct)).toBeLessThan(Math.abs(before.deltaPct));
    }
    expect(c.ceiling.after).toBeLessThan(c.ceiling.before);
  });
});
