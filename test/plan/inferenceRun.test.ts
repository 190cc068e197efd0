import { describe, expect, it } from "vitest";
import { accelerator } from "../../src/hardware/catalog.js";
import { fastestCollectiveSeconds } from "../../src/hardware/collectives.js";
import { efficiencyOf } from "../../src/hardware/efficiency.js";
import { inferenceProfile } from "../../src/plan/inferenceProfile.js";
import { servingRun, type ServingRunOptions } from "../../src/plan/inferenceRun.js";
import { servingSystem } from "../../src/plan/servingSystem.js";
import { modelPreset } from "../../src/workload/presets/index.js";

// Llama 3 8B on one H100 SXM: 3.35 TB/s × 0.85 achieved, 989 TFLOP/s bf16 × 0.706 GEMM ceiling (the
// catalog's H100 bf16 ceiling: the sustained matmul rate, MSMF 698.6 TFLOP/s with all 8 GPUs busy, of
// stas00/ml-engineering compute/accelerator/benchmarks/README.md; 698.6/989 = 0.706,
// src/hardware/catalog/efficiencies.ts)
const H100 = accelerator("h100-sxm");
const BW = 3.35e12 * 0.85;
const PEAK = 989e12 * 0.706;
const profile = inferenceProfile(modelPreset("llama3-8b").spec);
// per block: Q 4096², K and V 4096·1024 each, O 4096², SwiGLU 3·4096·14336
const LINEAR = 32 * (2 * 4096 ** 2 + 2 * 4096 * 1024 + 3 * 4096 * 14336);
const HEAD = 128256 * 4096;
const KV_PER_TOKEN = 2 * 32 * 8 * 128; // elements
const sys = servingSystem(H100, { bandwidthFraction: 0.85 });
const run = (o: Partial<ServingRunOptions>) =>
  servingRun(profile, sys, {
    layout: { tp: 1, pp: 1, dp: 1 },
    batch: 1,
    prompt: 128,
    output: 128,
    weights: "bf16",
    kv: "bf16",
    stepOverheadSeconds: 0,
    ...o,
  });

describe("servingRun: decode is bound by bytes at small batch", () => {
  it("one sequence: a decode step streams every weight and the KV cache once", () => {
    const r = run({});
    // mean context over the output is 128 + 64 tokens
    const bytes = 2 * (LINEAR + HEAD) + 2 * KV_PER_TOKEN * 192;
    expect(r.decodeStepSeconds).toBeGreaterThan(bytes / BW);
    expect(r.decodeStepSeconds / (bytes / BW)).toBeLessThan(1.01); // + activations and the embedding row
    expect(r.decode.computeSeconds).toBe(0);
  });

  it("int4 weights (4 + 20/128 bits, AWQ group 128) shrink the linear bytes; the head stays 16-bit", () => {
    const r = run({ weights: "int4" });
    const bytes = ((4 + 20 / 128) / 8) * LINEAR + 2 * HEAD + 2 * KV_PER_TOKEN * 192;
    expect(r.decodeStepSeconds / (bytes / BW)).toBeGreaterThan(1);
    expect(r.decodeStepSeconds / (bytes / BW)).toBeLessThan(1.01);
    // and an fp8 KV cache halves the cache bytes at long context
    const long = (kv: "bf16" | "fp8") => run({ prompt: 30000, output: 2, kv }).decodeStepSeconds;
    const cache = 2 * KV_PER_TOKEN * 30001;
    expect(long("bf16") - long("fp8")).toBeCloseTo(cache / 2 / BW, 5);
  });

  it("tensor parallel: weights split, two all-reduces of batch × hidden per block on NVLink", () => {
    const one = run({});
    const two = run({ layout: { tp: 2, pp: 1, dp: 1 } });
    const bytes = 4096 * 2;
    // two ranks in one node: the NVLink tier at its achieved bus bandwidth, ring or tree, the faster
    const tier = efficiencyOf(H100).network.intraNode;
    const allReduce = fastestCollectiveSeconds({ op: "all-reduce", bytes, ranks: 2, tier });
    expect(two.decode.commSeconds).toBeCloseTo(2 * 32 * allReduce, 12);
    // the per-device weights halve (embedding and head are vocab-parallel)
    expect(two.memory.weightsBytes).toBeCloseTo(one.memory.weightsBytes / 2, 0);
    expect(two.memory.weightsBytes).toBeCloseTo((2 * (LINEAR + 2 * HEAD)) / 2, 0);
  });

  it("pipeline parallel: each token visits every stage; the slowest (with the head) paces it", () => {
    const one = run({});
    const two = run({ layout: { tp: 1, pp: 2, dp: 1 } });
    // stage 2 holds 16 blocks and the head: TPOT ≈ 2 × (LINEAR/2 + HEAD) bytes, against LINEAR + HEAD
    const ratio = (LINEAR + 2 * HEAD) / (LINEAR + HEAD);
    expect(two.decodeStepSeconds / one.decodeStepSeconds).toBeGreaterThan(ratio * 0.99);
    expect(two.decodeStepSeconds / one.decodeStepSeconds).toBeLessThan(ratio * 1.02);
  });
});

describe("servingRun: prefill is bound by FLOP", () => {
  it("a 2048-token prompt: 2·N FLOP per token plus causal attention at the GEMM ceiling", () => {
    const r = run({ prompt: 2048 });
    const linear = (2 * 2048 * LINEAR) / PEAK;
    // Σ_{i ≤ 2048} i query-key pairs × 4·heads·headDim FLOP × 32 layers
    const attention = (((2048 * 2049) / 2) * 4 * 32 * 128 * 32) / PEAK;
    const head = (2 * HEAD) / BW; // one row of logits: the head is read, not computed on
    // norms, SwiGLU and residual traffic as the training workload counts it, unfused
    const activations = (2048 * profile.activationBytesPerToken) / BW;
    const expected = linear + attention + head + activations;
    expect(r.ttftSeconds / expected).toBeGreaterThan(1);
    expect(r.ttftSeconds / expected).toBeLessThan(1.01); // + the embedding gather
  });

  it("continuous and static batching do the same work; continuous answers sooner", () => {
    const c = run({ batch: 64, prompt: 1000, output: 1000, batching: "continuous" });
    const s = run({ batch: 64, prompt: 1000, output: 1000, batching: "static" });
    expect(c.tokensPerSecond).toBeCloseTo(s.tokensPerSecond, 9);
    expect(c.ttftSeconds).toBeLessThan(s.ttftSeconds);
    // throughput = B·O / (batch prefill + O·decode step), output tokens over all devices
    expect(s.tokensPerSecond).toBeCloseTo((64 * 1000) / (s.ttftSeconds + 1000 * s.tpotSeconds), 6);
  });

  it("memory: weights, the KV cache of B sequences of P + O tokens, a prefill workspace", () => {
    const r = run({ batch: 32, prompt: 1000, output: 1000 });
    expect(r.memory.weightsBytes).toBe(2 * (LINEAR + 2 * HEAD));
    expect(r.memory.kvCacheBytes).toBe(32 * 2000 * KV_PER_TOKEN * 2);
    expect(r.memory.fits).toBe(true);
    expect(run({ batch: 4096, prompt: 4000, output: 4000 }).memory.fits).toBe(false);
  });
});
