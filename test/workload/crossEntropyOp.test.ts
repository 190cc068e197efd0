import { describe, expect, it } from "vitest";
import {
  crossEntropyBytesPerLogit,
  crossEntropyLogits,
  crossEntropyOp,
  softmaxOp,
} from "../../src/workload/ops.js";
import { logitsLayer } from "../../src/workload/transformer/logitsLayer.js";

describe("crossEntropyOp: the fp32 loss as Megatron-LM and PyTorch stacks run it", () => {
  it("bytes per logit, by hand: forward e + 8 read, 8 written; backward 12 read, 8 + e written", () => {
    // 16-bit logits (e = 2), 3 rows × 5 classes = 15 logits
    const op = crossEntropyOp({ rows: 3, width: 5, bytes: 2 });
    // forward: cast reads 2 and writes 4, max-and-sum reads 4, normalising reads 4 and writes 4
    expect(op.forwardBytes).toEqual({ read: 15 * (2 + 4 + 4), written: 15 * (4 + 4) });
    // backward: one-hot gradient writes 4, softmax backward reads 4 + 4 and writes 4, cast back 4 → 2
    expect(op.backwardBytes).toEqual({ read: 15 * (4 + 4 + 4), written: 15 * (4 + 4 + 2) });
    // 2e + 36 = 40 bytes per logit in all
    const total =
      op.forwardBytes.read + op.forwardBytes.written + op.backwardBytes.read + op.backwardBytes.written;
    expect(total / 15).toBe(40);
  });

  it("FLOPs are the softmax's, and the largest tensor in flight is one fp32 logits tensor", () => {
    const op = crossEntropyOp({ rows: 3, width: 5, bytes: 2 });
    const sm = softmaxOp({ rows: 3, width: 5, bytes: 2 });
    expect(op.kind).toBe("loss");
    expect(op.forwardFlops).toBe(sm.forwardFlops);
    expect(op.backwardInputFlops).toBe(sm.backwardInputFlops);
    expect(op.forwardBytes.written / (op.repeats ?? 1)).toBe(15 * 4);
  });

  it("the output layer ends in it", () => {
    const l = logitsLayer({
      name: "logits",
      rows: 4,
      hidden: 8,
      vocab: 10,
      tied: false,
      bias: false,
      mlmTransform: false,
      bytes: 2,
    });
    expect(l.ops.at(-1)!.forwardBytes.read).toBe(4 * 10 * (2 + 8));
  });

  it("crossEntropyLogits reads the logit count back from the op", () => {
    expect(crossEntropyLogits(crossEntropyOp({ rows: 3, width: 5, bytes: 2 }), 2)).toBe(15);
    expect(crossEntropyLogits(crossEntropyOp({ rows: 7, width: 11, bytes: 4 }), 4)).toBe(77);
  });
});

describe("crossEntropyBytesPerLogit: the fp32 passes against one fused kernel", () => {
  it("fp32: 2e + 36 bytes, the fp32 softmax kept (4) and the largest tensor fp32 (4)", () => {
    const b = crossEntropyBytesPerLogit(2, "fp32");
    expect(b.forward.read + b.forward.written + b.backward.read + b.backward.written).toBe(2 * 2 + 36);
    expect(b.kept).toBe(4);
    expect(b.largest).toBe(4);
  });

  it("fused (flash-attn CrossEntropyLoss): read e forward; read e and write e backward; keeps the logits", () => {
    // one pass over the 16-bit logits with an online max and sum, a loss and lse per row only
    const b = crossEntropyBytesPerLogit(2, "fused");
    expect(b.forward).toEqual({ read: 2, written: 0 });
    expect(b.backward).toEqual({ read: 2, written: 2 });
    expect(b.forward.read + b.forward.written + b.backward.read + b.backward.written).toBe(3 * 2);
    expect(b.kept).toBe(2);
    expect(b.largest).toBe(2);
  });
});
