import { describe, expect, it } from "vitest";
import { accelerator } from "../../src/hardware/catalog.js";
import { defaultEfficiency, efficiencyOf, gemmCeiling } from "../../src/hardware/efficiency.js";
import { boundGemm, gemmFraction, gemmSeconds } from "../../src/hardware/gemmTime.js";

const toy = boundGemm(
  { ceiling: { bf16: 0.8 }, computeUnits: 4, tiles: [[128, 128]], kHalf: 64, launchSeconds: 1e-6 },
  { peakFlopsPerSecond: 1e12, ceiling: 0.8, memoryBytesPerSecond: 1e15, operandBytes: 2 },
);

describe("GEMM time from the shape (tile and wave quantisation, k-dependence)", () => {
  it("a hand-timed GEMM: waves × tile work at the ceiling + launch", () => {
    // m = n = 256, k = 192: 2·2 = 4 tiles on 4 units = 1 wave; a tile is 2·128·128·(192 + 64) FLOP
    // at 0.8 · 1e12 / 4 = 2e11 FLOP/s per unit: 8.389e6 / 2e11 = 41.94 µs, + 1 µs launch
    expect(gemmSeconds({ m: 256, n: 256, k: 192 }, toy)).toBeCloseTo((2 * 128 * 128 * 256) / 2e11 + 1e-6, 12);
    // one more row spills into a second wave of tiles (tile quantisation: ⌈257/128⌉ = 3 rows of tiles,
    // 6 tiles → 2 waves): twice the time
    expect(gemmSeconds({ m: 257, n: 256, k: 192 }, toy)).toBeCloseTo(
      (2 * 2 * 128 * 128 * 256) / 2e11 + 1e-6,
      12,
    );
    // a batch of 3 such GEMMs: 12 tiles, 3 waves
    expect(gemmSeconds({ m: 256, n: 256, k: 192, batch: 3 }, toy)).toBeCloseTo(
      (3 * 2 * 128 * 128 * 256) / 2e11 + 1e-6,
      12,
    );
  });

  it("short k pays k/(k + kHalf); large GEMMs approach the ceiling", () => {
    const f = (k: number) => gemmFraction({ m: 128 * 400, n: 128 * 400, k }, { ...toy, launchSeconds: 0 });
    expect(f(64)).toBeCloseTo(0.8 * (64 / 128), 9);
    expect(f(64 * 63)).toBeCloseTo(0.8 * (63 / 64), 9);
  });

  it("the memory roof caps a thin GEMM: bytes over achieved bandwidth", () => {
    const slow = { ...toy, memoryBytesPerSecond: 1e6, launchSeconds: 0 };
    // m = 1e6, n = k = 1: 2·(1e6 + 1 + 1e6) bytes at 1 MB/s ≈ 4 s; the padded tiles take
    // ⌈7813/4⌉ = 1954 waves of 2·128·128·65 FLOP at 2e11 FLOP/s ≈ 20.8 ms: the memory roof wins
    expect(gemmSeconds({ m: 1e6, n: 1, k: 1 }, slow)).toBeCloseTo((2 * (1e6 + 1 + 1e6)) / 1e6, 9);
  });

  it("reproduces Azure's ND A100 v4 cuBLASLt table (the fit's data, from outside) within its residuals", () => {
    const a100 = accelerator("a100-80gb");
    const e = efficiencyOf(a100);
    const g = boundGemm(e.gemm, {
      peakFlopsPerSecond: 312e12,
      ceiling: gemmCeiling(e, "bf16"),
      memoryBytesPerSecond: a100.memoryBytesPerSecond * e.memoryBandwidth,
      operandBytes: 2,
    });
    // Azure/AI-benchmarking-guide ND_A100_v4_results.md, FP16, TFLOP/s
    const rows: [number, number, number, number][] = [
      [2048, 2048, 2048, 221.8],
      [4096, 4096, 4096, 228.0],
      [8192, 8192, 8192, 253.7],
      [16384, 16384, 16384, 256.5],
      [6144, 12288, 12288, 250.8],
    ];
    for (const [m, n, k, tflops] of rows) {
      const predicted = (gemmFraction({ m, n, k }, g) * 312e12) / 1e12;
      expect(Math.abs(predicted / tflops - 1), `${m}×${n}×${k}`).toBeLessThan(0.08);
    }
  });

  it("ceilings follow the precision fallback; devices without measurements get the stated default", () => {
    const v100 = efficiencyOf(accelerator("v100-32gb"));
    // cuBLAS 8192³ FP16 at ~101 of ~112 TFLOP/s on a V100 PCIe (NVIDIA forums, 2019), × A100's 0.835/0.869
    expect(gemmCeiling(v100, "fp16")).toBeCloseTo(0.9 * (0.835 / 0.869), 2);
    expect(gemmCeiling(v100, "bf16")).toBe(0.9); // no bf16 tensor cores: the fp32 (CUDA-core) ceiling
    const t4 = accelerator("t4");
    expect(t4.efficiency).toBeUndefined();
    const d = defaultEfficiency(t4);
    expect(gemmCeiling(d, "fp16")).toBe(0.7);
    expect(d.sources.gemm).toMatch(/assumption/);
    // network at the measured fractions of line rate: 0.77 NVLink-class, 0.96 network
    expect(d.network.interNode.busBytesPerSecond).toBeCloseTo(0.96 * t4.interNode.bytesPerSecond, 6);
  });
});
