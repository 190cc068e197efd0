import { describe, expect, it } from "vitest";
import { bindSystem, systemFor } from "../../src/parallel/systemFor.js";
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

  it("reproduces Azure's ND H100 v5 FP8 cuBLASLt table with kHalf 224 in fp8 k (112 in 16-bit k, doubled at twice the k rate)", () => {
    const fp8 = bindSystem(systemFor(accelerator("h100-sxm")), "fp8");
    // Azure/AI-benchmarking-guide Azure_Results/ND_H100_v5_results.md, FP8, TFLOP/s (the fit's eight shapes)
    const rows: [number, number, number, number][] = [
      [1024, 1024, 1024, 274.1],
      [2048, 2048, 2048, 1011.3],
      [4096, 4096, 4096, 1216.9],
      [8192, 8192, 8192, 1290.1],
      [16384, 16384, 16384, 1377.3],
      [32768, 32768, 32768, 1382.2],
      [1024, 2145, 1024, 410.7],
      [6144, 12288, 12288, 1351.4],
    ];
    const logs = rows.map(([m, n, k, t]) =>
      Math.log((2 * m * n * k) / fp8.gemmSeconds(m, n, k, 1) / 1e12 / t),
    );
    const rms = Math.sqrt(logs.reduce((s, x) => s + x * x, 0) / logs.length);
    expect(rms).toBeLessThan(0.062); // kHalf 224: 0.061; the 16-bit 112 taken as fp8 k: 0.067
    // 4096³ by hand: 256 × 128 tiles, 512 of them in ⌈512/132⌉ = 4 waves, each 2·256·128·(4096 + kHalf)
    // FLOP at 0.706 × 1979 / 132 TFLOP/s per SM, + 5 µs; kHalf = 112 × 1979/989 (the fp8 k rate) = 224.1
    const wave = (2 * 256 * 128 * (4096 + (112 * 1979) / 989)) / ((0.706 * 1979e12) / 132);
    expect(fp8.gemmSeconds(4096, 4096, 4096, 1)).toBeCloseTo(4 * wave + 5e-6, 12);
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
