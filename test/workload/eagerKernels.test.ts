import { describe, expect, it } from "vitest";
import { eagerRmsNorm, eagerRotary } from "../../src/workload/eagerKernels.js";
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
});
