import { describe, expect, it } from "vitest";
import { blockCommunication, exposedSeconds } from "../../src/parallel/communication.js";
import { type Layout, SINGLE_DEVICE_LAYOUT } from "../../src/parallel/layout.js";
import { placement } from "../../src/parallel/placement.js";
import { stepProfile } from "../../src/parallel/stepProfile.js";
import { toySystem } from "./toySystem.js";

const gpt = stepProfile({ family: "decoder", layers: 8, hidden: 4096, heads: 32, vocab: 51200, seq: 2048 });
const moe = stepProfile({
  family: "decoder",
  layers: 8,
  hidden: 4096,
  heads: 32,
  vocab: 51200,
  seq: 2048,
  experts: 8,
  topK: 2,
});
const base: Layout = SINGLE_DEVICE_LAYOUT;
const sys = toySystem();
const comm = (p: typeof gpt, l: Layout) => blockCommunication(p, l, sys, placement(l, 8));
// A = mb·s·h·2 bytes of one micro-batch's activations
const A = 2048 * 4096 * 2;

describe("per-block communication (toy system: NVLink 100 GB/s, network 10 GB/s, α = 0)", () => {
  it("tensor parallel: 2 all-reduces each way; with sp 2 AG + 2 RS forward, 2 RS + 4 AG backward", () => {
    const ar = (2 * (7 / 8) * A) / 100e9; // ring beats tree at α = 0: 2(n−1)/n < 2
    const c = comm(gpt, { ...base, tp: 8 });
    expect(c.tensorForward).toBeCloseTo(2 * ar, 12);
    expect(c.tensorBackward).toBeCloseTo(2 * ar, 12);
    // both backward all-reduces are the column layers' (QKV, MLP up), beside their weight gradients
    expect([c.tensorBackwardBesideInputGradient, c.tensorBackwardBesideWeightGradient]).toEqual([
      0,
      c.tensorBackward,
    ]);
    const ag = ((7 / 8) * A) / 100e9; // an all-gather or reduce-scatter of A over 8 ranks
    const s = comm(gpt, { ...base, tp: 8, sp: true });
    expect(s.tensorForward).toBeCloseTo(4 * ag, 12);
    // the backward gathers the sequence-sharded inputs of QKV and MLP-up again for their weight grads
    expect(s.tensorBackward).toBeCloseTo(6 * ag, 12);
    // of which the column layers' 2 gathers (beside the input gradients) and 2 reduce-scatters (beside
    // the weight gradients); the row layers' 2 gathers have nothing beside them
    expect(s.tensorBackwardBesideInputGradient).toBeCloseTo(2 * ag, 12);
    expect(s.tensorBackwardBesideWeightGradient).toBeCloseTo(2 * ag, 12);
  });

  it("context parallel 2: the KV of the whole sequence gathered forward, gathered and reduce-scattered backward", () => {
    // per rank 1024 tokens; K and V of 32 heads × 128: buffer = cp·1024·2·32·128·2 bytes
    const kv = 2 * 1024 * 2 * 32 * 128 * 2;
    const c = comm(gpt, { ...base, cp: 2 });
    expect(c.contextForward).toBeCloseTo((0.5 * kv) / 100e9, 12);
    expect(c.contextBackward).toBeCloseTo((2 * 0.5 * kv) / 100e9, 12);
  });

  it("PyTorch's context parallelism (TorchTitan): repeated KV heads gathered, fp32 dKV passed cp times", () => {
    const gqa = stepProfile({
      family: "decoder",
      layers: 8,
      hidden: 4096,
      heads: 32,
      kvHeads: 8,
      vocab: 51200,
      seq: 2048,
    });
    const l = { ...base, cp: 2 };
    // grouped: 8 KV heads × 128; TorchTitan repeats them to the 32 query heads before SDPA
    const grouped = 2 * 1024 * 2 * 8 * 128 * 2;
    expect(comm(gqa, l).contextForward).toBeCloseTo((0.5 * grouped) / 100e9, 12);
    const titan = toySystem({ contextParallel: "pytorch", kvExchanged: "repeated" });
    const c = blockCommunication(gqa, l, titan, placement(l, 8));
    const repeated = 4 * grouped;
    expect(c.contextGather).toBeCloseTo((0.5 * repeated) / 100e9, 12);
    // one pass: this rank's shard (half the buffer) in fp32, twice the bf16 bytes, over NVLink
    expect(c.contextGradientPass).toBeCloseTo(((repeated / 2) * 2) / 100e9, 12);
    expect(c.contextBackward).toBeCloseTo(c.contextGather + 2 * c.contextGradientPass, 12);
    expect(c.contextSteps).toBe(2);
  });

  it("expert parallel 4: two all-to-alls per MoE layer each way, tokens·topK·h·2 bytes", () => {
    const bytes = 2048 * 2 * 4096 * 2;
    const c = comm(moe, { ...base, dp: 4, ep: 4 });
    const one = ((3 / 4) * bytes) / 100e9; // 4 ranks on one node
    expect(moe.block.moeLayers).toBeCloseTo(1, 12); // every block's FFN is MoE
    expect(c.expertForward).toBeCloseTo(2 * one, 12);
    expect(c.expertBackward).toBeCloseTo(2 * one, 12);
    expect(comm(gpt, { ...base, dp: 4 }).expertForward).toBe(0);
  });

  it("pipeline: each tp rank sends its 1/tp share across nodes", () => {
    expect(comm(gpt, { ...base, tp: 8, pp: 2 }).pipelineSend).toBeCloseTo(A / 8 / 10e9, 12);
  });
});

describe("one shared link budget per tier", () => {
  it("no window hides the same traffic twice, by hand", () => {
    const items = [
      { tier: "intraNode" as const, seconds: 3, window: 2 },
      { tier: "intraNode" as const, seconds: 2, window: 5 },
      { tier: "interNode" as const, seconds: 4, window: 1 },
    ];
    // intra: 5 s of traffic, hideable min(3, 2) + min(2, 5) = 4 ≤ union 4: 1 s exposed; inter: 3 s
    expect(exposedSeconds(items, 4)).toBeCloseTo(4, 12);
    // a shorter step: the union caps what both intra items can hide together (3 s): 2 + 3 exposed
    expect(exposedSeconds(items, 3)).toBeCloseTo(5, 12);
  });
});
