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
 * The scale, mask and softmax of standard (unfused) attention as eager PyTorch runs them over the s×s
 * scores: `scores / sqrt(d)` (read e, write e), the mask applied as its own kernel (`+ mask`, read e,
 * write e; the broadcast mask is small), then the native softmax (read e, write e): 6e forward.
 * Backward: softmax's (read 2e, write e), the additive mask passes the gradient through untouched and
 * the scale's divide reads and writes it once more (2e): 5e. Three launches. The code this describes:
 * Megatron-LM's 2019 `ParallelSelfAttention.forward` (mpu/transformer.py at 93ab4be: divide by
 * sqrt(head size), `torch.mul(scores, mask) - 10000.0 * (1.0 - mask)`, `torch.nn.Softmax`), whose
 * multiplicative mask adds one more pass than counted here, and Hugging Face's eager BERT and GPT-2
 * attention (divide, `+ attention_mask`, softmax). Megatron-LM since 2020 (FusedScaleMaskSoftmax) and
 * DeepSpeed's transformer kernels do all three in one pass: the softmax's own 2e (fused stacks).
 */
export function eagerScaleMaskSoftmax(e: number): EagerComposite {
  return { forwardBytesPerElement: 6 * e, backwardBytesPerElement: 5 * e, kernels: 3 };
}
