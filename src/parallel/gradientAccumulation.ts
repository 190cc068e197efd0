import { ACTIVATION_BYTES } from "../workload/precision.js";
import type { Precision } from "../workload/precision.js";
import { type FrameworkProfile } from "./framework.js";
import { gradientBytes } from "./frameworkRules.js";
import type { SegmentTime } from "./segmentTime.js";

/**
 * Bytes per local parameter that summing one micro-batch's weight gradients into the step's gradient
 * moves, where the stack does it as its own pass (`gradientAccumulation: "separate"`): the new gradient
 * read in the training word, the accumulated one read and written at the main-gradient width g
 * (`gradientBytes`): 2 + 2g, i.e. 10 with fp32 main gradients (Megatron-LM's DDP hook
 * `param.main_grad.add_(param.grad.data)`, megatron/model/distributed.py at de7dc40; DeepSpeed's
 * BF16_Optimizer accumulating in fp32) and 6 with 16-bit ones (autograd's in-place `grad += new`, which
 * skips the first micro-batch: taken as every micro-batch, an overcount of 1/m). 0 where the weight-
 * gradient GEMM accumulates into the main gradient itself (`"fused"`: Megatron-LM's
 * --gradient-accumulation-fusion, `fused_weight_gradient_mlp_cuda.wgrad_gemm_accum_fp32` since 83b1e42,
 * Feb 2022; Transformer Engine's `fuse_wgrad_accumulation` under Megatron-Core; XLA's fused update), and
 * under ZeRO-2/3 and FSDP, which reduce-scatter every micro-batch's gradients and accumulate only the
 * 1/dp shard.
 */
export function gradientAccumulationBytesPerParam(
  fw: Pick<FrameworkProfile, "gradientAccumulation" | "mainGradients">,
  precision: Precision,
  zero: 0 | 1 | 2 | 3,
): number {
  if (fw.gradientAccumulation === "fused" || zero >= 2) return 0;
  return ACTIVATION_BYTES[precision] + 2 * gradientBytes(fw, precision);
}

/**
 * A segment's time with its gradient accumulation pass in the backward's memory-bound time: `localParams`
 * parameters on this rank at `secondsPerParam` (bytes per parameter over achieved bandwidth). Not scaled
 * by the framework's kernel efficiency (a streaming pass, like the optimizer step).
 */
export function withGradientAccumulation(
  t: SegmentTime,
  localParams: number,
  secondsPerParam: number,
): SegmentTime {
  if (!(secondsPerParam > 0) || !(localParams > 0)) return t;
  return { ...t, memoryBackward: t.memoryBackward + localParams * secondsPerParam };
}
