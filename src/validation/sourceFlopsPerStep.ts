import { InputError } from "../units/InputError.js";
import type { DecoderSpec } from "../workload/transformer/decoderSpec.js";
import { isGated } from "../workload/transformer/mlpParts.js";
import { type CorpusCase, FLOP_CONVENTIONS } from "./corpusCase.js";
import { corpusDecoderSpec, corpusModelSpec, corpusParams } from "./corpusModel.js";

/**
 * N of the `6n` and `palm` conventions when the source gives no count of its own (`flopsParams`): the
 * parameters a token multiplies through, i.e. the non-embedding parameters (active ones for MoE) plus
 * the output head (vocab × hidden, a matmul whether tied or not). This is Chowdhery et al. 2022 App. B's
 * "matmul" N as nanoGPT's `estimate_mfu` implements it (token table counted once, as the tied head; the
 * position table left out). Kaplan et al. 2020 §2.1 leave the head out too; at the sizes in the corpus
 * the difference is V·h / N, under 3% except for small models with large vocabularies.
 */
export function conventionParams(c: CorpusCase): number {
  if (c.flopsParams !== undefined) return c.flopsParams;
  const p = corpusParams(c);
  const spec = corpusModelSpec(c);
  const head =
    spec.family === "decoder"
      ? (spec as unknown as DecoderSpec).vocab * (spec as unknown as DecoderSpec).hidden
      : 0;
  return p.active - p.embedding + head;
}

/**
 * Megatron-LM's model FLOP of one step (`num_floating_point_operations`, megatron/training/training.py,
 * July 2024), per layer and summed, with the logit layer once:
 *   Σ_layers 12·B·s·[h·q·(1 + g/n) + s·q + h·f·k·γ] + 6·B·s·V·h,
 * with q = heads × headDim, g/n = kv heads / heads, f the (expert) FFN width, k = 1 for dense layers and
 * top-k plus shared experts for MoE layers, γ = 3/2 for SwiGLU (else 1). For GPT (q = h, g = n, f = 4h,
 * dense) this is 72·B·s·L·h²·(1 + s/6h + V/12Lh), Korthikanti et al. 2022 §6 and Narayanan et al. 2021
 * eq. 3 without recompute. `recompute` multiplies the layer part by 4/3 (one more forward pass) and keeps
 * the logit part: 96·B·s·L·h²·(1 + s/6h) + 6·B·s·V·h = Narayanan et al. 2021 eq. 3, 96·B·s·l·h²·(1 +
 * s/6h + V/16lh).
 *
 * @param batch - sequences per step (B); `seq` is s.
 */
export function megatronFlopsPerStep(
  spec: DecoderSpec,
  batch: number,
  seq: number,
  recompute: boolean,
): number {
  const h = spec.hidden;
  const q = spec.heads * spec.headDim;
  const gated = isGated(spec.mlp) ? 1.5 : 1;
  let layers = 0;
  for (let i = 0; i < spec.layers; i++) {
    const moeLayer = spec.experts > 1 && (i + 1) % spec.expertInterval === 0;
    const k = moeLayer ? spec.topK + spec.sharedExperts : 1;
    layers +=
      12 * batch * seq * (h * q * (1 + spec.kvHeads / spec.heads) + seq * q + h * spec.ffn * k * gated);
  }
  const logits = 6 * batch * seq * spec.vocab * h;
  return (recompute ? (4 / 3) * layers : layers) + logits;
}

/**
 * FLOP per optimizer step as the case's source counts them (its `flops` convention), over all devices:
 * - `6n`: 6·N per token (Kaplan et al. 2020 §2.1), N from {@link conventionParams};
 * - `palm`: (6·N + 12·L·H·Q·T) per token (Chowdhery et al. 2022 App. B), L layers, H heads, Q head
 *   dimension, T = the case's sequence length;
 * - `megatron` and `megatron-recompute`: {@link megatronFlopsPerStep};
 * - `megatron-recompute-3/4`: 3/4 of `megatron-recompute`, logits included (flash-attn's README);
 * - `stated`: the case's `flopsPerStep`.
 * Tokens per step are `globalBatch × seq`.
 *
 * @throws InputError naming the case when it has no convention, `stated` lacks `flopsPerStep`, or the
 *   convention needs a decoder and the model is not one.
 */
export function sourceFlopsPerStep(c: CorpusCase): number {
  const tokens = c.globalBatch * c.seq;
  switch (c.flops) {
    case "6n":
      return 6 * conventionParams(c) * tokens;
    case "palm": {
      const spec = corpusDecoderSpec(c, "the palm FLOP convention (12·L·H·Q·T)");
      return (6 * conventionParams(c) + 12 * spec.layers * spec.heads * spec.headDim * c.seq) * tokens;
    }
    case "megatron":
    case "megatron-recompute": {
      const spec = corpusDecoderSpec(c, `the ${c.flops} FLOP convention`);
      return megatronFlopsPerStep(spec, c.globalBatch, c.seq, c.flops === "megatron-recompute");
    }
    case "megatron-recompute-3/4": {
      const spec = corpusDecoderSpec(c, `the ${c.flops} FLOP convention`);
      return 0.75 * megatronFlopsPerStep(spec, c.globalBatch, c.seq, true);
    }
    case "stated":
      if (c.flopsPerStep === undefined)
        throw new InputError(
          `corpus case ${c.name}: flopsPerStep`,
          undefined,
          'a FLOP count when flops is "stated"',
        );
      return c.flopsPerStep;
    case undefined:
      throw new InputError(
        `corpus case ${c.name}: flops`,
        undefined,
        `a FLOP convention (${FLOP_CONVENTIONS.join(", ")}) for metric ${c.metric}`,
      );
  }
}
