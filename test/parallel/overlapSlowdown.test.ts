import { describe, expect, it } from "vitest";
import {
  GPU_OVERLAP_SLOWDOWN,
  overlapSlowdownFor,
  overlapSlowdownSeconds,
} from "../../src/parallel/overlapSlowdown.js";
import { bindSystem, systemFor } from "../../src/parallel/systemFor.js";
import { accelerator } from "../../src/hardware/catalog.js";

describe("overlapSlowdown", () => {
  it("is the measured mean on GPUs (arXiv 2507.03114: 18.9%), the same on TPUs (XLA runs collectives in the TensorCore's programs), nothing where collectives have engines", () => {
    expect(GPU_OVERLAP_SLOWDOWN).toBe(0.189);
    expect(overlapSlowdownFor("gpu")).toBe(0.189);
    expect(overlapSlowdownFor("tpu")).toBe(0.189);
    expect(overlapSlowdownFor("npu")).toBe(0);
  });

  it("costs the fraction of the hidden seconds, never of more than the compute they hide behind", () => {
    // 0.26 s of FSDP traffic behind 0.62 s of compute: 0.189 × 0.26 = 0.04914 s
    expect(overlapSlowdownSeconds(0.26, 0.62, 0.189)).toBeCloseTo(0.04914, 12);
    // 3 s of traffic behind 1 s of compute slows 1 s of it: 0.189
    expect(overlapSlowdownSeconds(3, 1, 0.189)).toBeCloseTo(0.189, 12);
    expect(overlapSlowdownSeconds(-1, 1, 0.189)).toBe(0);
  });

  it("reaches the bound system by device kind, and a system file's efficiency overrides it", () => {
    expect(bindSystem(systemFor(accelerator("h100-sxm")), "bf16").overlapSlowdown).toBe(0.189);
    expect(bindSystem(systemFor(accelerator("tpu-v4")), "bf16").overlapSlowdown).toBe(0.189);
    expect(bindSystem(systemFor(accelerator("gaudi2")), "bf16").overlapSlowdown).toBe(0);
    const sys = systemFor(accelerator("h100-sxm"));
    const own = {
      ...sys,
      accelerator: {
        ...sys.accelerator,
        efficiency: { ...sys.accelerator.efficiency, overlapSlowdown: 0.05 },
      },
    };
    expect(bindSystem(own, "bf16").overlapSlowdown).toBe(0.05);
  });
});
