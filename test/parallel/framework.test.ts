import { describe, expect, it } from "vitest";
import { accelerator } from "../../src/hardware/catalog.js";
import { FRAMEWORK_NAMES, FrameworkProfileSchema } from "../../src/parallel/framework.js";
import { defaultFramework, pipelineOverlapped, gradientBytes } from "../../src/parallel/frameworkRules.js";
import {
  FITTED_KERNEL_EFFICIENCY,
  FRAMEWORK_PROFILES,
  frameworkProfile,
  UNFITTED_FRAMEWORK_PROFILES,
} from "../../src/parallel/frameworkProfiles.js";
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

  it("the default stack is the one the corpus measured on that generation of device", () => {
    // TPUs: MaxText; A100 and V100 (released 2020, 2017-18): Megatron-LM as Narayanan et al. 2021 and
    // Korthikanti et al. 2022 ran it; Hopper and later (released 2022+): Megatron-Core
    expect(defaultFramework(accelerator("tpu-v4"))).toBe("maxtext");
    expect(defaultFramework(accelerator("a100-80gb"))).toBe("megatron");
    expect(defaultFramework(accelerator("v100-32gb"))).toBe("megatron");
    expect(defaultFramework(accelerator("h100-sxm"))).toBe("megatron-core");
    expect(defaultFramework(accelerator("b200"))).toBe("megatron-core");
    // the export variants follow their architecture: the A800 (sold from 2022) is an Ampere A100, the
    // H800 a Hopper H100
    expect(defaultFramework(accelerator("a800-80gb"))).toBe("megatron");
    expect(defaultFramework(accelerator("h800"))).toBe("megatron-core");
    // Megatron-LM 2021-22 ran standard attention (Korthikanti §4.2 recomputes the s×s softmax that a
    // fused kernel never stores); every other stack defaults to fused attention
    expect(FRAMEWORK_PROFILES.megatron.attention).toBe("standard");
    for (const n of FRAMEWORK_NAMES.filter((f) => f !== "megatron"))
      expect(FRAMEWORK_PROFILES[n].attention, n).toBe("flash");
  });

  it("the stacks' layout support, as their code has it", () => {
    // Megatron-Core overlaps pipeline sends only under the interleaved schedule: arguments.py turns
    // overlap_p2p_comm off without a virtual pipeline ("non-interleaved schedule does not support
    // overlapping p2p communication"); MaxText's XLA schedule overlaps them always; Megatron-LM 2021 never
    const mc = FRAMEWORK_PROFILES["megatron-core"];
    expect(pipelineOverlapped(mc, { pp: 8, vp: 1 })).toBe(false);
    expect(pipelineOverlapped(mc, { pp: 8, vp: 2 })).toBe(true);
    expect(pipelineOverlapped(mc, { pp: 1, vp: 1 })).toBe(false);
    expect(pipelineOverlapped(FRAMEWORK_PROFILES.maxtext, { pp: 4, vp: 1 })).toBe(true);
    expect(pipelineOverlapped(FRAMEWORK_PROFILES.megatron, { pp: 8, vp: 4 })).toBe(false);
    // Megatron-LM 2021-22 (Narayanan, Korthikanti) had no context parallelism and no MoE layers
    expect(FRAMEWORK_PROFILES.megatron.supports.contextParallel).toBe(false);
    expect(FRAMEWORK_PROFILES.megatron.supports.expertParallel).toBe(false);
    // Megatron-Core: DDP or the distributed optimizer (ZeRO-1); Megatron-FSDP is opt-in and unmeasured
    expect(FRAMEWORK_PROFILES["megatron-core"].supports.zero).toEqual([0, 1]);
    // DeepSpeed's pipeline engine asserts ZeRO stage < 2; it has no tensor parallelism of its own
    expect(FRAMEWORK_PROFILES.deepspeed.supports.zeroWithPipeline).toEqual([0, 1]);
    expect(FRAMEWORK_PROFILES.deepspeed.supports.tensorParallel).toBe(false);
    // FSDP (llm-foundry / Composer): ZeRO-2/3 over data-parallel ranks only, whole-block recompute
    expect(FRAMEWORK_PROFILES.fsdp.supports.tensorParallel).toBe(false);
    expect(FRAMEWORK_PROFILES.fsdp.supports.recompute).toEqual(["none", "full"]);
    // PyTorch DDP: data parallelism only, ZeroRedundancyOptimizer for ZeRO-1
    expect(FRAMEWORK_PROFILES.ddp.supports.zero).toEqual([0, 1]);
    expect(FRAMEWORK_PROFILES.ddp.supports.tensorParallel).toBe(false);
    expect(FRAMEWORK_PROFILES.ddp.supports.pipeline).toBe(false);
  });

  it("DDP under AMP reduces fp32 gradients behind the backward (Li et al. 2020 §3.2)", () => {
    // autocast keeps fp32 parameters, so their gradients and the all-reduce are 4 bytes at bf16 and fp16
    const ddp = FRAMEWORK_PROFILES.ddp;
    expect(gradientBytes(ddp, "bf16")).toBe(4);
    expect(gradientBytes(ddp, "fp16")).toBe(4);
    expect(ddp.overlap.gradients).toBe(true);
    // ZeroRedundancyOptimizer broadcasts the updated shards after the step, on the critical path
    expect(ddp.overlap.parameters).toBe(false);
  });

  it("GSPMD overlaps tensor-parallel collectives only since collective matmul (Wang et al. 2023)", () => {
    // T5X (PaLM, 2022) and Mesh TensorFlow ran before the decomposition; MaxText (2023 on) after it
    expect(FRAMEWORK_PROFILES.t5x.overlap.tensorParallel).toBe(false);
    expect(FRAMEWORK_PROFILES["mesh-tensorflow"].overlap.tensorParallel).toBe(false);
    expect(FRAMEWORK_PROFILES.maxtext.overlap.tensorParallel).toBe(true);
    // the rest of their overlap is XLA's async collectives either way
    expect(FRAMEWORK_PROFILES.t5x.overlap.parameters).toBe(true);
  });
});
