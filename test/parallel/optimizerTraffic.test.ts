import { describe, expect, it } from "vitest";
import { frameworkProfile } from "../../src/parallel/frameworkProfiles.js";
import {
  optimizerStepBytesPerParam,
  UNFUSED_CLIP_BYTES,
  UNFUSED_OPTIMIZER_BYTES,
} from "../../src/parallel/optimizerTraffic.js";
import { optimizerCost } from "../../src/workload/optimizerCost.js";

describe("optimizerTraffic: the optimizer step as a stack runs it", () => {
  it("unfused AdamW by hand: eight foreach passes over fp32 words, 84 bytes per parameter", () => {
    // decay mul_ (r4 w4) 8, lerp_ (r8 w4) 12, mul_ 8, addcmul_ (r12 w4) 16, sqrt 8, div_ 8, add_ 8,
    // addcdiv_ (r12 w4) 16 = 84
    expect(UNFUSED_OPTIMIZER_BYTES.adamw).toBe(84);
    expect(UNFUSED_OPTIMIZER_BYTES.adam).toBe(84 - 8);
    // clip_grad_norm_: norm read 4, scale read 4 + write 4
    expect(UNFUSED_CLIP_BYTES).toBe(12);
  });

  it("a fused stack keeps the workload's fused update: 30 bytes for mixed-precision AdamW", () => {
    // read fp32 master 4 + fp32 gradient 4 + m, v 8; write master 4 + m, v 8 + the bf16 copy 2
    const fused = optimizerCost("adamw", "bf16", 4).updateBytesPerParam;
    expect(fused).toBe(30);
    expect(optimizerStepBytesPerParam("adamw", fused, { optimizerKernels: "fused" })).toBe(30);
    expect(optimizerStepBytesPerParam("adamw", fused, frameworkProfile("megatron-core"))).toBe(30);
  });

  it("an unfused stack moves 96 bytes per AdamW parameter, 3.2x the fused update", () => {
    expect(optimizerStepBytesPerParam("adamw", 30, frameworkProfile("torchtitan"))).toBe(96);
    expect(optimizerStepBytesPerParam("adamw", 30, frameworkProfile("fsdp"))).toBe(96);
    expect(optimizerStepBytesPerParam("momentum", 20, { optimizerKernels: "unfused" })).toBe(32 + 12);
  });

  it("optimizers torch.optim has no eager form of stay at the fused count", () => {
    expect(optimizerStepBytesPerParam("lamb", 31, { optimizerKernels: "unfused" })).toBe(31);
  });
});
