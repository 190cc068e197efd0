import { InputError } from "../units/InputError.js";
import { type ModelSpec, parseModelSpec } from "../workload/modelSpec.js";
import { softmaxOp } from "../workload/ops.js";
import { isMoeBlock } from "../workload/transformer/decoderFamily.js";
import type { DecoderSpec } from "../workload/transformer/decoderSpec.js";
import { isGated, mlpParams } from "../workload/transformer/mlpParts.js";
import { trainingStep } from "../workload/trainingStep.js";

/** One decoder block as serving sees it: weights it reads, what it caches, what attention costs. */
export interface ServingLayer {
  /** Linear weights every token uses: attention projections, dense MLP or router plus shared experts. */
  linearParams: number;
  /** Routed experts (0 for a dense block), experts per token, weights per expert. */
  experts: number;
  topK: number;
  expertParams: number;
  /** K and V elements cached per token (MLA: the latent and the shared rope key). */
  kvElementsPerToken: number;
  /** At most this many tensor-parallel ranks split the cache: the KV heads (1 for MLA's shared latent). */
  kvSplit: number;
  /** Tokens attended to when the block uses a sliding window; undefined for full attention. */
  window: number | undefined;
  /**
   * Attention FLOP per query token per attended context token (scores + context): 2·heads·(dk + dv).
   * Decode with MLA runs the absorbed form over the latent: 2·heads·(2·kvLoraRank + rope).
   */
  attentionFlops: { prefill: number; decode: number };
}

/** A decoder reduced to what prefill and decode cost (built once per model, see {@link inferenceProfile}). */
export interface ServingProfile {
  layers: ServingLayer[];
  hidden: number;
  vocab: number;
  /** Heads split by tensor parallelism (attention FLOP divide by min(tp, heads)). */
  heads: number;
  /** Input embedding tables (gathered, B rows a step): vocab·hidden plus learned positions. */
  embeddingParams: number;
  /** The output projection hidden·vocab, read whole every step (tied or not). */
  headParams: number;
  /** The head reuses the embedding table (stored once when one device holds both). */
  tiedEmbeddings: boolean;
  /** All parameters and those one token uses (the workload's counts). */
  params: { total: number; active: number };
  /** Memory-bound activation bytes per token per forward pass at 16 bits (norms, activations, adds). */
  activationBytesPerToken: number;
  /** Widest intermediate activation per token (MLP gate + up, times the experts a token visits). */
  intermediateWidth: number;
}

const asDecoder = (spec: ModelSpec): DecoderSpec => {
  if (spec.family !== "decoder")
    throw new InputError("model.family", spec.family, "a decoder (serving models decoder-only LMs)");
  return spec as unknown as DecoderSpec;
};

/** Attention projection weights per block (biases included): MHA/GQA/MQA or MLA. */
function attentionParams(s: DecoderSpec): number {
  if (s.mla) {
    const { kvLoraRank: rkv, qLoraRank: rq, ropeHeadDim: dr, nopeHeadDim: dn, vHeadDim: dv } = s.mla;
    const qk = s.heads * (dn + dr);
    const q = rq !== undefined ? s.hidden * rq + rq + rq * qk : s.hidden * qk;
    return q + s.hidden * (rkv + dr) + rkv + rkv * s.heads * (dn + dv) + s.heads * dv * s.hidden;
  }
  const q = s.heads * s.headDim;
  const k = s.kvHeads * s.headDim;
  return s.hidden * (q + 2 * k) + q * s.hidden + (s.bias ? q + 2 * k + s.hidden : 0);
}

/**
 * The serving profile of a decoder spec. Per block, with h = hidden, a = heads, k = kvHeads, d = headDim:
 * - linear weights: Q, K, V, O (h·(a·d + 2k·d) + a·d·h) or MLA's projections, plus the dense MLP
 *   (3·h·ffn gated, 2·h·ffn otherwise) or, in an MoE block, the router h·E and the shared experts;
 * - KV cache per token: 2·k·d (Pope et al. 2022 §3.1; GQA/MQA, Ainslie et al. 2023), or MLA's
 *   kvLoraRank + rope (DeepSeek-V2 §2.1.2); a windowed block keeps at most `slidingWindow` tokens
 *   (Jiang et al. 2023 §2, rolling buffer cache);
 * - attention FLOP per query per context token: 2·a·d (scores) + 2·a·d (context) = 4·a·d, or MLA's
 *   2·a·(nope + rope + v) in prefill and, weights absorbed for decode, 2·a·(2·kvLoraRank + rope).
 * Norm weights are counted in `params` only. The memory-bound bytes per token come from the training
 * workload's non-GEMM ops (norms, activations, residual adds) at one token.
 */
export function inferenceProfile(model: ModelSpec | Record<string, unknown>): ServingProfile {
  const s = asDecoder(parseModelSpec(model));
  const step = trainingStep(s as unknown as ModelSpec, { batch: 1, seq: 1, precision: "bf16" });
  const mlp = mlpParams({ hidden: s.hidden, ffn: s.ffn, mlp: s.mlp, bias: s.bias });
  const attention = attentionParams(s);
  const layers: ServingLayer[] = [];
  const distinct = new Map<string, ServingLayer>();
  for (let i = 0; i < s.layers; i++) {
    const moe = isMoeBlock(s, i);
    const windowed =
      s.slidingWindow !== undefined &&
      (s.globalLayerInterval === undefined || (i + 1) % s.globalLayerInterval !== 0);
    const dims = s.mla
      ? {
          kv: s.mla.kvLoraRank + s.mla.ropeHeadDim,
          split: 1,
          prefill: 2 * s.heads * (s.mla.nopeHeadDim + s.mla.ropeHeadDim + s.mla.vHeadDim),
          decode: 2 * s.heads * (2 * s.mla.kvLoraRank + s.mla.ropeHeadDim),
        }
      : {
          kv: 2 * s.kvHeads * s.headDim,
          split: s.kvHeads,
          prefill: 4 * s.heads * s.headDim,
          decode: 4 * s.heads * s.headDim,
        };
    const layer: ServingLayer = {
      linearParams: attention + (moe ? s.hidden * s.experts + s.sharedExperts * mlp : mlp),
      experts: moe ? s.experts : 0,
      topK: moe ? s.topK : 0,
      expertParams: moe ? mlp : 0,
      kvElementsPerToken: dims.kv,
      kvSplit: dims.split,
      window: windowed ? s.slidingWindow : undefined,
      attentionFlops: { prefill: dims.prefill, decode: dims.decode },
    };
    // identical blocks share one object, so a stage can cost each kind of block once (see servingStages)
    const key = JSON.stringify(layer);
    const shared = distinct.get(key) ?? layer;
    distinct.set(key, shared);
    layers.push(shared);
  }
  let activationBytes = 0;
  for (const layer of step.layers)
    for (const op of layer.ops)
      if (op.kind === "norm" || op.kind === "elementwise" || op.kind === "softmax")
        activationBytes += op.forwardBytes.read + op.forwardBytes.written;
      else if (op.kind === "loss") {
        // serving samples from the logits: a 16-bit softmax over the vocabulary, not the training loss
        const sampling = softmaxOp({ rows: 1, width: s.vocab, bytes: 2 });
        activationBytes += sampling.forwardBytes.read + sampling.forwardBytes.written;
      }
  return {
    layers,
    hidden: s.hidden,
    vocab: s.vocab,
    heads: s.heads,
    embeddingParams: s.vocab * s.hidden + (s.positions === "learned" ? s.seq * s.hidden : 0),
    headParams: s.vocab * s.hidden,
    tiedEmbeddings: s.tiedEmbeddings,
    params: { total: step.params.total, active: step.params.active },
    activationBytesPerToken: activationBytes,
    intermediateWidth: (isGated(s.mlp) ? 2 : 1) * s.ffn * (s.experts > 1 ? s.topK + s.sharedExperts : 1),
  };
}

/**
 * KV-cache bytes of one sequence holding `contextTokens` tokens, on one device of a `tp`-way
 * tensor-parallel group owning `layers` (all by default): Σ over blocks of elements per token ×
 * min(context, window) × bytes, divided by min(tp, kvSplit) (a KV head is never split; MQA and MLA
 * latents are replicated on every rank, as vLLM and TensorRT-LLM store them).
 */
export function kvCacheBytes(
  profile: ServingProfile,
  o: { contextTokens: number; bytesPerElement: number; tp?: number; layers?: readonly ServingLayer[] },
): number {
  const { tp = 1, layers = profile.layers } = o;
  let bytes = 0;
  for (const l of layers) {
    const tokens = l.window === undefined ? o.contextTokens : Math.min(o.contextTokens, l.window);
    bytes += (l.kvElementsPerToken * tokens * o.bytesPerElement) / Math.min(tp, l.kvSplit);
  }
  return bytes;
}
