import { describe, expect, it } from "vitest";
import { scaled, SharedCosts } from "../../src/graph/sharedCosts.js";
import { elementwiseOp, normOp } from "../../src/workload/ops.js";

describe("SharedCosts: equal op costs are one object, different ones stay apart", () => {
  it("shares an op with every field equal, keeps apart ops that differ in any field", () => {
    const shared = new SharedCosts();
    const add = shared.op(elementwiseOp({ elements: 1000, flopsPerElement: 1, inputs: 2, bytes: 2 }));
    expect(shared.op(elementwiseOp({ elements: 1000, flopsPerElement: 1, inputs: 2, bytes: 2 }))).toBe(add);
    expect(shared.op(elementwiseOp({ elements: 1000, flopsPerElement: 1, inputs: 1, bytes: 2 }))).not.toBe(
      add,
    );
    // an op equal in every count but its eager composite (RMSNorm's, eagerKernels.ts) is another op
    const rms = shared.op(normOp({ rows: 10, width: 64, kind: "rmsnorm", bytes: 2 }));
    const { eager: _eager, ...plain } = normOp({ rows: 10, width: 64, kind: "rmsnorm", bytes: 2 });
    expect(shared.op(plain)).not.toBe(rms);
    expect(shared.op(normOp({ rows: 10, width: 64, kind: "rmsnorm", bytes: 2 }))).toBe(rms);
    expect(shared.kept(512)).toBe(shared.kept(512));
    expect(shared.kept(512)).toEqual({ none: 512, selective: 512, full: 512 });
  });

  it("scaled: r repeats multiply every FLOP and byte count, eager bytes included", () => {
    const op = normOp({ rows: 10, width: 64, kind: "rmsnorm", bytes: 2 });
    const r3 = scaled(op, 3);
    expect(r3.forwardFlops).toBe(3 * op.forwardFlops);
    expect(r3.backwardBytes.read).toBe(3 * op.backwardBytes.read);
    // 36 and 104 B per element (eagerKernels.ts) over 640 elements, three times
    expect(r3.eager).toEqual({ forwardBytes: 3 * 36 * 640, backwardBytes: 3 * 104 * 640, kernels: 6 });
    expect(r3.repeats).toBe(3);
    expect(scaled(op, 1)).toBe(op);
  });
});
