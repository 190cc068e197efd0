import { z } from "zod";

/**
 * Upper bounds on the dimensions a model spec may state: far above any model built, so that a typo
 * (`layers: 1e12`) is a one-line error naming the limit, not a cost model that loops until memory runs
 * out (issue 16 item 3). Each is a tenfold or larger margin over the largest published value:
 *
 * - layers (per stack; blocks, depth): 10,000. The deepest trained networks have about 1,000: ResNet-1001
 *   (He et al. 2016, "Identity Mappings in Deep Residual Networks", Table 2) and DeepNet's 1,000-layer
 *   transformer (Wang et al. 2022, "DeepNet", Sec. 5).
 * - width (hidden, ffn, heads, head and latent dims, experts, channels, classes, image side, patch):
 *   1,000,000. PaLM 540B has d_model 18,432 and d_ff 73,728 (Chowdhery et al. 2022, Table 1); the most
 *   experts, 2,048, are Switch-C's (Fedus et al. 2022, Table 9).
 * - vocabulary: 10,000,000. The largest in use are ~256k tokens (Gemma, Gemma Team 2024, Sec. 2).
 * - sequence (context tokens, frames): 10,000,000. Gemini 1.5 was tested to 10M tokens (Gemini Team
 *   2024, Sec. 5.2.1), the longest reported.
 */
export const DIMENSION_LIMITS = {
  layers: 10_000,
  width: 1_000_000,
  vocab: 10_000_000,
  seq: 10_000_000,
} as const;

const bounded = (max: number, what: string) =>
  z
    .number()
    .int()
    .positive()
    .max(max, { error: `a positive integer up to ${max.toLocaleString("en-US")} (${what})` });

/** A layer or block count: a positive integer up to {@link DIMENSION_LIMITS}.layers. */
export const layerCount = bounded(DIMENSION_LIMITS.layers, "ten times the deepest network trained");
/** A width, head, expert, channel or class count: a positive integer up to {@link DIMENSION_LIMITS}.width. */
export const widthCount = bounded(DIMENSION_LIMITS.width, "50 times the widest model trained");
/** A vocabulary size: a positive integer up to {@link DIMENSION_LIMITS}.vocab. */
export const vocabCount = bounded(DIMENSION_LIMITS.vocab, "40 times the largest vocabulary in use");
/** A sequence length (tokens, frames): a positive integer up to {@link DIMENSION_LIMITS}.seq. */
export const seqCount = bounded(DIMENSION_LIMITS.seq, "the longest context reported, Gemini 1.5's 10M");
