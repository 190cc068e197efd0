import { exchangedKvHeadsPerRank } from "./communication.js";
import type { FrameworkProfile } from "./framework.js";
import type { Layout } from "./layout.js";
import type { StepProfile } from "./stepProfile.js";

/**
 * Bytes PyTorch's context parallelism moves outside the attention kernels, for one block and
 * micro-batch on one rank: eager ops on the compute stream between the cp sub-attentions
 * (torch/distributed/tensor/experimental/_attention.py, `_templated_ring_attention` and its backward,
 * with `_cp_options.convert_to_f32` on, the default). `queryElements` counts this rank's queries ×
 * heads × head dim (its output has as many), `kvElements` the same for K (and again for V). Per op,
 * reads + writes in bytes per element (16-bit tensors 2, fp32 4):
 * - forward: K and V made contiguous on entry (4 each); before each of the cp − 1 exchanges
 *   `torch.cat([key.flatten(), value.flatten()])` (4 each); each of the cp − 1 merges of a
 *   sub-attention's output into the running fp32 result (`_SDPAMerger`: `out.to(float32)` 6,
 *   `out - block_out` 12, `sigmoid(·) * (·)` 8, `out - ·` 12 → 38); the result cast back (6);
 * - backward: fp32 accumulators zeroed (dQ 4, dK and dV 4 each); K and V made contiguous (4 each) and
 *   concatenated before each of the cp − 1 exchanges (4 each); each step adds its 16-bit dK and dV into
 *   the fp32 ones (10 each; after the first step a load-balanced rank adds into one chunk and
 *   concatenates the two, `_partial_update`: 5 + 8 = 13 each), concatenates them for the ring pass
 *   (8 each) and adds its dQ (10); at the end dQ, dK and dV are cast back (6 each).
 * The busiest rank (the last, whose steps all add into chunks) sets the pace. [derived from the code;
 * not measured]
 */
export function pytorchContextBytes(
  cp: number,
  queryElements: number,
  kvElements: number,
): { forward: number; backward: number } {
  if (cp <= 1) return { forward: 0, backward: 0 };
  const q = queryElements;
  const kv = kvElements;
  const forward = 8 * kv + (cp - 1) * (8 * kv + 38 * q) + 6 * q;
  const backward =
    4 * q +
    8 * kv +
    8 * kv +
    (cp - 1) * 8 * kv +
    20 * kv +
    (cp - 1) * 26 * kv +
    cp * (16 * kv + 10 * q) +
    6 * q +
    12 * kv;
  return { forward, backward };
}

/**
 * Memory-bound seconds of {@link pytorchContextBytes} for one block and micro-batch on one rank, at the
 * device's achieved bandwidth: the rank's mb·s/cp tokens × its heads (÷ tp) × head dim on the query side,
 * the KV heads the stack exchanges on the other; the forward's share twice under full recompute. Zero
 * unless the stack runs PyTorch's context parallelism (`contextParallel: "pytorch"`) with cp > 1.
 */
export function pytorchContextSeconds(
  p: Pick<StepProfile, "tokensPerSample" | "heads" | "kvHeads" | "headDim">,
  l: Pick<Layout, "mb" | "cp" | "tp">,
  fw: Pick<FrameworkProfile, "contextParallel" | "kvExchanged">,
  bytesPerSecond: number,
  fullRecompute: boolean,
): number {
  if (l.cp <= 1 || fw.contextParallel !== "pytorch" || p.headDim === undefined) return 0;
  const tokens = (l.mb * p.tokensPerSample) / l.cp;
  const q = tokens * Math.max(1, (p.heads ?? 1) / l.tp) * p.headDim;
  const kv = tokens * exchangedKvHeadsPerRank(p, l, fw) * p.headDim;
  const b = pytorchContextBytes(l.cp, q, kv);
  return (b.forward * (fullRecompute ? 2 : 1) + b.backward) / bytesPerSecond;
}
