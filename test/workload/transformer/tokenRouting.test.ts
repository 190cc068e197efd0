import { describe, expect, it } from "vitest";
import { combineOp, dispatchOp } from "../../../src/workload/transformer/tokenRouting.js";

// Hand derivation: 1,000 tokens, top-2 of the experts, hidden 64, bf16 (2 bytes).
// routed elements 2 × 1,000 × 64 = 128,000 (256,000 bytes); token elements 64,000 (128,000 bytes);
// probabilities 2 × 1,000 (4,000 bytes).
const shape = { rows: 1000, topK: 2, hidden: 64, bytes: 2 };

describe("dispatchOp", () => {
  it("copies each token once per chosen expert and scatters the gradients back", () => {
    const op = dispatchOp(shape);
    expect(op.forwardFlops).toBe(0);
    expect(op.forwardBytes).toEqual({ read: 256_000, written: 256_000 });
    expect(op.backwardBytes).toEqual({ read: 256_000, written: 128_000 });
    // summing two copies into one token: one add per token element
    expect(op.backwardInputFlops).toBe(64_000);
  });
});

describe("combineOp", () => {
  it("weights and sums the routed outputs back into token order", () => {
    const op = combineOp(shape);
    expect(op.forwardFlops).toBe(256_000);
    expect(op.forwardBytes).toEqual({ read: 260_000, written: 128_000 });
    expect(op.backwardInputFlops).toBe(512_000);
    expect(op.backwardBytes).toEqual({ read: 388_000, written: 260_000 });
  });
});
