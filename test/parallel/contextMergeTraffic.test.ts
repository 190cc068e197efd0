import { describe, expect, it } from "vitest";
import { pytorchContextBytes, pytorchContextSeconds } from "../../src/parallel/contextMergeTraffic.js";

describe("PyTorch context parallelism: eager bytes between the sub-attentions", () => {
  it("cp 1 runs plain SDPA: nothing extra", () => {
    expect(pytorchContextBytes(1, 1e6, 1e6)).toEqual({ forward: 0, backward: 0 });
  });

  it("cp 2, one element each, by hand", () => {
    // forward: K,V contiguous 8 + one cat 8 + one fp32 merge 38 + cast back 6 = 60
    // backward: zeros 4 + 8, contiguous 8, one cat 8, first adds 20, one chunk add + cat 26,
    // two ring cats 2·16 and two dQ adds 2·10, casts back 6 + 12 → 30 (dQ side) + 114 (dK, dV side)
    expect(pytorchContextBytes(2, 1, 1)).toEqual({ forward: 60, backward: 144 });
  });

  it("grows by one exchange and one merge per extra rank: cp 8 of 134M elements (Llama 3 8B, 32k tokens)", () => {
    const e = 32768 * 32 * 128;
    const b = pytorchContextBytes(8, e, e);
    // forward 8 + 7·46 + 6 = 336 bytes per element; backward 90 + 48 + 7·34 + 8·16 = 504
    expect(b.forward / e).toBe(336);
    expect(b.backward / e).toBe(504);
  });

  it("grouped KV moves fewer bytes than repeated KV, the query side unchanged", () => {
    const repeated = pytorchContextBytes(4, 100, 100);
    const grouped = pytorchContextBytes(4, 100, 25);
    expect(grouped.forward).toBeLessThan(repeated.forward);
    // forward query side: 3·38 + 6 = 120 per element either way
    expect(repeated.forward - grouped.forward).toBe((8 + 3 * 8) * 75);
  });

  it("seconds per block: the rank's tokens × heads × head dim at the device's bandwidth, by hand", () => {
    // 1,024 tokens over cp 2 → 512 per rank; 8 query heads of 64: q = 512 · 8 · 64 = 262,144 elements;
    // repeated KV moves as many, grouped KV 2 of 8 heads: 65,536
    const p = { tokensPerSample: 1024, heads: 8, kvHeads: 2, headDim: 64 };
    const l = { mb: 1, cp: 2, tp: 1 };
    const q = 512 * 8 * 64;
    const repeated = { contextParallel: "pytorch", kvExchanged: "repeated" } as const;
    // cp 2 with q = kv: 60 bytes forward + 144 backward per element (the test above)
    expect(pytorchContextSeconds(p, l, repeated, 1e12, false)).toBeCloseTo(((60 + 144) * q) / 1e12, 18);
    // full recompute runs the forward's 60 twice
    expect(pytorchContextSeconds(p, l, repeated, 1e12, true)).toBeCloseTo(((120 + 144) * q) / 1e12, 18);
    const grouped = { contextParallel: "pytorch", kvExchanged: "grouped" } as const;
    const b = pytorchContextBytes(2, q, q / 4);
    expect(pytorchContextSeconds(p, l, grouped, 1e12, false)).toBeCloseTo(
      (b.forward + b.backward) / 1e12,
      18,
    );
    // other stacks and cp 1 run none of these ops
    expect(
      pytorchContextSeconds(p, l, { contextParallel: "ring", kvExchanged: "repeated" }, 1e12, false),
    ).toBe(0);
    expect(pytorchContextSeconds(p, { ...l, cp: 1 }, repeated, 1e12, false)).toBe(0);
  });
});
