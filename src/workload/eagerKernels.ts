import type { OpCost } from "./layerCost.js";

/**
 * How eager PyTorch runs the ops it has no single kernel for: as a composite of pointwise and reduction
 * kernels with fp32 intermediates, each reading and writing its whole tensor. A stack without a compiler
 * (fusion "none": TorchTitan without `--training.compile`, plain FSDP, DeepSpeed) pays these bytes;
 * a fused stack (Transformer Engine, Apex, torch.compile, XLA) pays the op's algorithmic bytes.
 * LayerNorm, softmax and the activations have native one-kernel implementations and need no entry here.
 *
 * Bytes are per element of the op's tensor, `e` the activation's bytes per element, 4 for the fp32
 * intermediates. Reductions to one value per row (mean, rsqrt) and per-parameter products are small
 * and left out.
 */

/** Bytes per element and kernel launches of an eager composite, forward and backward. */
export interface EagerComposite {
  forwardBytesPerElement: number;
  backwardBytesPerElement: number;
  /** Launches over the full tensor, forward (the backward is taken to launch as many). */
  kernels: number;
}

/**
 * RMSNorm as eager PyTorch runs it: ATen's composite `rms_norm` (aten/src/ATen/native/layer_norm.cpp,
 * PyTorch 2.4–2.5: `upcasted_input = input.to(opmath_t)`, `rsqrt(pow(upcasted_input, 2).mean(-1) + eps)`,
 * `upcasted_input.mul(rqrst_input)`, `.mul(weight)`, `.type_as(input)`), which `torch.nn.RMSNorm`
 * calls and which Meta's Llama and Hugging Face's LlamaRMSNorm write out by hand the same way.
 * Forward kernels, bytes read + written per element: to(fp32) e+4, pow 4+4, mean 4, mul by rsqrt 4+4,
 * mul by weight 4+4, type_as 4+e: 32 + 2e. Backward, autograd's formula per op: type_as e+4; mul by
 * weight: dX 4+4 and dγ's product and row sum 4+4+4+4; mul by rsqrt: the same 24; mean's expand-divide 4;
 * pow's grad·2·x in three kernels 8+8+12; the two paths into dX summed 12; to(fp32) 4+e: 100 + 2e.
 * Derived here from those formulas (an estimate of the kernels' traffic, not a profile).
 */
export function eagerRmsNorm(e: number): EagerComposite {
  return { forwardBytesPerElement: 32 + 2 * e, backwardBytesPerElement: 100 + 2 * e, kernels: 6 };
}

/**
 * Rotary embedding as eager PyTorch runs it in Meta's Llama and TorchTitan (`apply_rotary_emb`:
 * `view_as_complex(x.float())`, a complex multiply by `freqs_cis`, `view_as_real(...).type_as(x)`):
 * forward to(fp32) e+4, complex multiply 4+4, type_as 4+e: 16 + 2e; backward the same three in reverse
 * (the multiply by conj(freqs_cis)): 16 + 2e. Hugging Face's `rotate_half` form (neg, cat, two muls and
 * an add in the activation's dtype) moves 10e, the same 20 bytes at e = 2.
 */
export function eagerRotary(e: number): EagerComposite {
  return { forwardBytesPerElement: 16 + 2 * e, backwardBytesPerElement: 16 + 2 * e, kernels: 3 };
}

/** `op` with the bytes and launches of its eager composite over `elements` elements attached. */
export function withEager(op: OpCost, elements: number, c: EagerComposite): OpCost {
  return {
    ...op,
    eager: {
      forwardBytes: elements * c.forwardBytesPerElement,
      backwardBytes: elements * c.backwardBytesPerElement,
      kernels: c.kernels,
    },
  };
}

/**
 * How an eager stack scales and masks the s×s attention scores before the softmax
 * (`FrameworkProfile.scoreMasking`).
 */
export const SCORE_MASKINGS = ["divide-add", "divide-multiply", "masked-fill"] as const;
export type ScoreMasking = (typeof SCORE_MASKINGS)[number];

/**
 * Bytes per s×s score element (read + written, e bytes per element) of the scale, mask and softmax of
 * standard (unfused) attention as an eager stack runs them, forward and backward. `qkPerScore` is
 * headDim / (key sequence): the elements Q and K each hold per score element, which "masked-fill"
 * scales instead of the scores. Masks broadcast over batch and heads ([1, 1, s, s]) and are left out.
 * Derived from each code's ops (an estimate of the kernels' traffic, not a profile):
 * - "divide-add", Hugging Face's eager BERT and GPT-2 attention: `scores / sqrt(d)` (2e), `+ mask`
 *   (2e), softmax (2e) = 6e; backward the softmax's (read 2e, write e) and the divide's (2e) = 5e, the
 *   additive mask passing the gradient through. Three launches.
 * - "divide-multiply", Megatron-LM 2019 (mpu/transformer.py at 93ab4be: `attention_scores /
 *   math.sqrt(...)`, `torch.mul(attention_scores, ltor_mask) - 10000.0 * (1.0 - ltor_mask)`,
 *   `torch.nn.Softmax`): divide, multiply, subtract and softmax 2e each = 8e; backward the softmax's 3e,
 *   the multiply's (gradient · mask) 2e and the divide's 2e = 7e, the subtraction passing it through.
 * - "masked-fill", Megatron-LM 2020 (megatron/model/transformer.py at 5281919: `torch.matmul(query_layer
 *   / norm_factor, key_layer.transpose(-1, -2) / norm_factor)`; gpt2_model.py
 *   `attention_scores.masked_fill_(ltor_mask, -10000.0)`; `torch.nn.Softmax`): the fill in place 2e and
 *   the softmax 2e = 4e, plus Q's and K's divides (2e each per Q or K element); backward the softmax's
 *   3e and the fill's (the gradient zeroed where masked) 2e = 5e, plus the divides' gradients.
 * Fused stacks (Megatron-LM since FusedScaleMaskSoftmax, DeepSpeed's transformer kernels) do all of it
 * in the softmax's one pass: its own 2e.
 */
export function scoreMaskingBytes(
  kind: ScoreMasking,
  e: number,
  qkPerScore: number,
): { forward: number; backward: number } {
  if (kind === "divide-multiply") return { forward: 8 * e, backward: 7 * e };
  if (kind === "masked-fill") {
    const qk = 2 * 2 * e * qkPerScore;
    return { forward: 4 * e + qk, backward: 5 * e + qk };
  }
  return { forward: 6 * e, backward: 5 * e };
}

/** The eager scale, mask and softmax the workload costs: "divide-add" ({@link scoreMaskingBytes}). */
export function eagerScaleMaskSoftmax(e: number): EagerComposite {
  const b = scoreMaskingBytes("divide-add", e, 0);
  return { forwardBytesPerElement: b.forward, backwardBytesPerElement: b.backward, kernels: 3 };
}
