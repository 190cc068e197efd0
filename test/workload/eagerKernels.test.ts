import { describe, expect, it } from "vitest";
import {
  eagerRmsNorm,
  eagerRotary,
  eagerScaleMaskSoftmax,
  scoreMaskingBytes,
} from "../../src/workload/eagerKernels.js";
import { attentionLayer } from "../../src/workload/transformer/attentionLayer.js";
import { normOp, rotaryOp } from "../../src/workload/ops.js";

describe("eager PyTorch composites (bytes per element by hand from the kernel lists)", () => {
  it("RMSNorm in bf16: 36 B forward, 104 B backward, six launches", () => {
    // forward: to(fp32) 2+4, pow 4+4, mean 4, mul by rsqrt 4+4, mul by weight 4+4, type_as 4+2 = 36
    // backward: type_as 2+4, mul by weight 8+16, mul by rsqrt 8+16, mean 4, pow 8+8+12, sum of the two
    // paths 12, to(fp32) 4+2 = 104
    expect(eagerRmsNorm(2)).toEqual({ forwardBytesPerElement: 36, backwardBytesPerElement: 104, kernels: 6 });
    // an fp32 model casts 4-byte tensors: 32 + 8, 100 + 8
    expect(eagerRmsNorm(4).forwardBytesPerElement).toBe(40);
    expect(eagerRmsNorm(4).backwardBytesPerElement).toBe(108);
  });

  it("rotary (complex form) in bf16: 20 B each way, three launches", () => {
    // to(fp32) 2+4, complex multiply 4+4, type_as 4+2 = 20; backward the same three
    expect(eagerRotary(2)).toEqual({ forwardBytesPerElement: 20, backwardBytesPerElement: 20, kernels: 3 });
  });

  it("ops carry the composite only where eager has no single kernel", () => {
    const rows = 1000;
    const width = 64;
    const rms = normOp({ rows, width, kind: "rmsnorm", bytes: 2 });
    expect(rms.eager).toEqual({
      forwardBytes: 36 * rows * width,
      backwardBytes: 104 * rows * width,
      kernels: 6,
    });
    // the algorithmic bytes stay what a fused kernel moves: read x and γ, write y
    expect(rms.forwardBytes).toEqual({ read: (rows * width + width) * 2, written: rows * width * 2 });
    expect(normOp({ rows, width, kind: "layernorm", bytes: 2 }).eager).toBeUndefined();
    const rope = rotaryOp({ elements: 5000, flopsPerElement: 3, bytes: 2 });
    expect(rope.eager).toEqual({ forwardBytes: 100_000, backwardBytes: 100_000, kernels: 3 });
    expect(rope.forwardFlops).toBe(15_000);
  });

  it("standard attention's scale, mask and softmax in fp16: 12 B forward, 10 B backward, three launches", () => {
    // forward: divide by sqrt(d) 2+2, + mask 2+2, softmax 2+2 = 12
    // backward: softmax's dX (read y and dY, write dX) 2+2+2, the mask passes dY through, divide 2+2 = 10
    expect(eagerScaleMaskSoftmax(2)).toEqual({
      forwardBytesPerElement: 12,
      backwardBytesPerElement: 10,
      kernels: 3,
    });
  });

  it("Megatron-LM's 2019 and 2020 ways of scaling and masking the scores, in fp16, by hand", () => {
    // 2019: divide 2+2, multiply by the mask 2+2, subtract 10000·(1 − mask) 2+2, softmax 2+2 = 16;
    // backward: softmax 2+2+2, multiply's grad·mask 2+2, divide 2+2 (the subtraction passes through) = 14
    expect(scoreMaskingBytes("divide-multiply", 2, 0.1)).toEqual({ forward: 16, backward: 14 });
    // 2020: masked_fill_ in place 2+2, softmax 2+2 = 8, and Q and K divided (read and write 2 + 2 each,
    // headDim/seq = 128/1024 of them per score element): 8 + 2·4·0.125 = 9; backward softmax 6, the
    // fill's zeroed gradient 2+2 = 10, plus the divides' gradients 1 = 11
    expect(scoreMaskingBytes("masked-fill", 2, 128 / 1024)).toEqual({ forward: 9, backward: 11 });
    // the workload's own composite is "divide-add"
    const own = scoreMaskingBytes("divide-add", 2, 0.5);
    expect([own.forward, own.backward]).toEqual([
      eagerScaleMaskSoftmax(2).forwardBytesPerElement,
      eagerScaleMaskSoftmax(2).backwardBytesPerElement,
    ]);
  });

  it("the attention layer's softmax carries the scale-mask composite over the b·a·s² scores", () => {
    const layer = attentionLayer({
      name: "attn",
      batch: 2,
      seqQ: 8,
      seqKV: 8,
      hidden: 32,
      heads: 4,
      kvHeads: 4,
      headDim: 8,
      bias: true,
      dropout: true,
      bytes: 2,
      positions: "none",
    });
    const softmax = layer.ops.find((o) => o.kind === "softmax")!;
    const scores = 2 * 4 * 8 * 8; // b · a · s · s
    expect(softmax.eager).toEqual({ forwardBytes: 12 * scores, backwardBytes: 10 * scores, kernels: 3 });
    // a fused stack moves the softmax's own bytes: read and write the scores once
    expect(softmax.forwardBytes).toEqual({ read: 2 * scores, written: 2 * scores });
  });
});
