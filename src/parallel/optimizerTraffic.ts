import type { Optimizer } from "../workload/execution.js";
import type { FrameworkProfile } from "./framework.js";

/**
 * Bytes per parameter of PyTorch's unfused optimizer steps on fp32 parameters, gradients and state, one
 * pass per elementwise op, each reading its operands and writing its result (4 bytes a word), as
 * `torch.optim`'s multi-tensor (foreach) implementations run them:
 * - sgd: `_foreach_add_(params, grads)`: read 8, write 4 → 12;
 * - momentum: `_foreach_mul_(bufs)` 8, `_foreach_add_(bufs, grads)` 12, `_foreach_add_(params, bufs)` 12 → 32;
 * - adam: `_foreach_lerp_(exp_avgs, grads)` 12, `_foreach_mul_(exp_avg_sqs)` 8,
 *   `_foreach_addcmul_(exp_avg_sqs, grads, grads)` 16, `_foreach_sqrt` 8, `_foreach_div_` 8,
 *   `_foreach_add_(eps)` 8, `_foreach_addcdiv_(params, exp_avgs, denom)` 16 → 76;
 * - adamw: adam's and the decoupled decay `_foreach_mul_(params)` 8 → 84 (Composer's `DecoupledAdamW`,
 *   a per-parameter loop of the same eager ops with `mul_().add_()` for the lerp, moves 92).
 * LAMB, LARS and Adafactor have no eager implementation in `torch.optim` to count; they are costed as
 * the fused update the workload counts. [derived from each update's ops; not measured]
 */
export const UNFUSED_OPTIMIZER_BYTES: Readonly<Partial<Record<Optimizer, number>>> = {
  sgd: 12,
  momentum: 32,
  adam: 76,
  adamw: 84,
};

/**
 * PyTorch's `clip_grad_norm_` (torch.nn.utils, and FSDP's own): a norm pass reading every fp32 gradient
 * (4), then every gradient scaled by the clamped coefficient, clipped or not (read 4, write 4) → 12.
 */
export const UNFUSED_CLIP_BYTES = 12;

/**
 * Bytes per parameter the optimizer step moves as the stack runs it: the fused update the workload
 * counts (`fusedBytes`, src/workload/optimizerCost.ts: one kernel over weights, gradients and state,
 * as apex, DeepSpeed and Transformer Engine FusedAdam and XLA's fused update do), or, for an
 * `optimizerKernels: "unfused"` stack, every op its own pass ({@link UNFUSED_OPTIMIZER_BYTES}) and
 * PyTorch's gradient clipping ({@link UNFUSED_CLIP_BYTES}).
 */
export function optimizerStepBytesPerParam(
  optimizer: Optimizer,
  fusedBytes: number,
  fw: Pick<FrameworkProfile, "optimizerKernels">,
): number {
  if (fw.optimizerKernels === "fused") return fusedBytes;
  const unfused = UNFUSED_OPTIMIZER_BYTES[optimizer];
  return unfused === undefined ? fusedBytes : unfused + UNFUSED_CLIP_BYTES;
}
