import { crossEntropyBytesPerLogit } from "../workload/ops.js";
import type { FrameworkProfile } from "./framework.js";

type Bytes = { read: number; written: number };
const sum = (b: Bytes) => b.read + b.written;

/**
 * Bytes per logit a stack's loss moves beyond the fp32 cross-entropy the workload costs its loss op with
 * (src/workload/ops.ts `crossEntropyBytesPerLogit`), e the logits' format; negative where it moves less.
 * - `crossEntropy: "fused"` runs one kernel each way on the 16-bit logits instead of the fp32 passes;
 * - `trainMetricPasses` forward-only fp32 cross-entropies over the logits per micro-batch for logging
 *   (each as the fp32 loss's forward: the autocast cast and log-softmax), counted with the backward,
 *   after which Composer runs them.
 */
export function lossBytesPerLogit(
  e: number,
  fw: Pick<FrameworkProfile, "crossEntropy" | "trainMetricPasses">,
): { forward: number; backward: number } {
  const f32 = crossEntropyBytesPerLogit(e, "fp32");
  const used = crossEntropyBytesPerLogit(e, fw.crossEntropy);
  return {
    forward: sum(used.forward) - sum(f32.forward),
    backward: sum(used.backward) - sum(f32.backward) + fw.trainMetricPasses * sum(f32.forward),
  };
}

/**
 * Bytes per logit a stack's loss keeps for backward beyond the fp32 softmax the workload counts
 * (negative for a fused kernel, which keeps the 16-bit logits instead). The metric passes run after
 * the backward has freed the activations, so they add none.
 */
export function lossKeptBytesPerLogit(e: number, crossEntropy: FrameworkProfile["crossEntropy"]): number {
  return crossEntropyBytesPerLogit(e, crossEntropy).kept - crossEntropyBytesPerLogit(e, "fp32").kept;
}
