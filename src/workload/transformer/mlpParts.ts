import type { OpCost } from "../layerCost.js";
import { elementwiseOp, linearOp } from "../ops.js";
import { ACTIVATION_FLOPS } from "./activationFlops.js";

/**
 * Feed-forward variants: `relu` (Vaswani et al. 2017, T5 v1.0), `gelu` (GPT-2/3, BERT), and the gated
 * forms of Shazeer 2020 "GLU Variants Improve Transformer": `swiglu` (Llama, Mistral: SiLU gate) and
 * `gated-gelu` (T5 v1.1: GELU gate), which have three weight matrices (gate, up, down).
 */
export type MlpKind = "relu" | "gelu" | "swiglu" | "gated-gelu";

/** True for the gated (three-matrix) variants. */
export function isGated(mlp: MlpKind): boolean {
  return mlp === "swiglu" || mlp === "gated-gelu";
}

/** Weights (and biases) of one feed-forward network of width `ffn` on `hidden` features. */
export function mlpParams(o: { hidden: number; ffn: number; mlp: MlpKind; bias: boolean }): number {
  const { hidden: h, ffn: f, bias } = o;
  return isGated(o.mlp) ? 3 * h * f + (bias ? 2 * f + h : 0) : 2 * h * f + (bias ? f + h : 0);
}

/**
 * The ops of one feed-forward network over `rows` tokens, and the activation bytes it keeps for the
 * backward pass at `bytes` per element.
 *
 * Kept activations: the first linear's input (h per token), then
 * - relu: its output, which is both the second linear's input and enough for ReLU's backward (f);
 * - gelu: the GELU input and the second linear's input (2f), as Korthikanti et al. 2022 §4.1 count it
 *   (with h = 4f … 2sbh + 8sbh + 8sbh for 16-bit);
 * - gated: the gate pre-activation, the up projection and their product, the down projection's input
 *   (3f); the activation of the gate is recomputed from its input in the backward pass, as fused SwiGLU
 *   kernels (Megatron-LM `bias_swiglu`) do. This is our assumption; Korthikanti covers GELU only.
 */
export function mlpParts(o: {
  rows: number;
  hidden: number;
  ffn: number;
  mlp: MlpKind;
  bias: boolean;
  bytes: number;
}): {
  ops: OpCost[];
  storedBytes: number;
  /** The first linear's input (h) and the down projection's (f), e bytes each, within `storedBytes`. */
  linearInputBytes: { first: number; rest: number };
} {
  const { rows, hidden: h, ffn: f, mlp, bias, bytes: e } = o;
  const linearInputBytes = { first: e * rows * h, rest: e * rows * f };
  if (isGated(mlp)) {
    const act = mlp === "swiglu" ? ACTIVATION_FLOPS.silu : ACTIVATION_FLOPS.gelu;
    return {
      ops: [
        linearOp({ rows, inFeatures: h, outFeatures: f, bias, bytes: e }), // gate
        linearOp({ rows, inFeatures: h, outFeatures: f, bias, bytes: e }), // up
        elementwiseOp({ elements: rows * f, flopsPerElement: act, bytes: e }),
        elementwiseOp({ elements: rows * f, flopsPerElement: 1, inputs: 2, bytes: e }), // act(gate)·up
        linearOp({ rows, inFeatures: f, outFeatures: h, bias, bytes: e }), // down
      ],
      storedBytes: e * rows * (h + 3 * f),
      linearInputBytes,
    };
  }
  const act = mlp === "relu" ? ACTIVATION_FLOPS.relu : ACTIVATION_FLOPS.gelu;
  return {
    ops: [
      linearOp({ rows, inFeatures: h, outFeatures: f, bias, bytes: e }),
      elementwiseOp({ elements: rows * f, flopsPerElement: act, bytes: e }),
      linearOp({ rows, inFeatures: f, outFeatures: h, bias, bytes: e }),
    ],
    storedBytes: e * rows * (h + (mlp === "relu" ? 1 : 2) * f),
    linearInputBytes,
  };
}
