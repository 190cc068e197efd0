import type { OpCost } from "../workload/layerCost.js";

/**
 * Bytes saved by fusing each chain of consecutive elementwise ops of a layer into one kernel: every
 * intermediate output is neither written nor read back (2 × its bytes forward; the backward saves in
 * the same proportion). Megatron-LM fuses bias-GeLU and bias-dropout-add this way; XLA and
 * torch.compile fuse any such chain.
 */
export function fusionSavings(ops: readonly OpCost[]): number[] {
  const saved = ops.map(() => 0);
  for (let i = 0; i + 1 < ops.length; i++)
    if (ops[i]!.kind === "elementwise" && ops[i + 1]!.kind === "elementwise")
      saved[i] = 2 * ops[i]!.forwardBytes.written;
  return saved;
}

const isMatmul = (o: OpCost) => o.kind === "matmul" || o.kind === "batched-matmul" || o.kind === "conv";

/**
 * Bytes saved when, beyond {@link fusionSavings}, every chain of elementwise ops right after a matmul is
 * fused into it (XLA's output fusion, `HloInstruction::FusionKind::kOutput`, "Op's output is fused into
 * the op itself"): such an op writes nothing and reads only what its predecessor did not produce (the
 * residual of a residual add; nothing for a bias, an activation or rotary on the matmul's output).
 * Chains elsewhere keep their {@link fusionSavings}.
 */
export function matmulFusionSavings(ops: readonly OpCost[], chain: readonly number[]): number[] {
  let afterMatmul = false;
  return ops.map((o, j) => {
    const prev = ops[j - 1];
    afterMatmul = o.kind === "elementwise" && prev !== undefined && (isMatmul(prev) || afterMatmul);
    if (!afterMatmul) return chain[j]!;
    const extra = Math.max(0, o.forwardBytes.read - prev!.forwardBytes.written);
    return o.forwardBytes.read + o.forwardBytes.written - extra;
  });
}
