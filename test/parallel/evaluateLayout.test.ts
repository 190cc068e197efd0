import { describe, expect, it } from "vitest";
import { accelerator } from "../../src/hardware/catalog.js";
import { layoutEvaluator, type TimedLayout } from "../../src/parallel/evaluateLayout.js";
import { type Layout, SINGLE_DEVICE_LAYOUT } from "../../src/parallel/layout.js";
import { stepProfile } from "../../src/parallel/stepProfile.js";
import { bindSystem, systemFor } from "../../src/parallel/systemFor.js";
import { toySystem } from "./toySystem.js";

const S = 2048;
const H = 4096;
const A = 32;
const gpt = stepProfile({ family: "decoder", layers: 8, hidden: H, heads: A, vocab: 51200, seq: S });
const moe = stepProfile({
  family: "decoder",
  layers: 4,
  hidden: 2048,
  heads: 16,
  vocab: 32000,
  seq: S,
  experts: 8,
  topK: 2,
});
const base: Layout = SINGLE_DEVICE_LAYOUT;
const timed = (r: ReturnType<ReturnType<typeof layoutEvaluator>>): TimedLayout => {
  if (!r.feasible) throw new Error(r.message);
  return r;
};

describe("the step-time model", () => {
  it("the breakdown sums to the step; m micro-batches; PaLM model FLOP", () => {
    const a100 = bindSystem(systemFor(accelerator("a100-80gb")), "bf16");
    const t = timed(
      layoutEvaluator(gpt, a100, { globalBatch: 64 })({
        ...base,
        dp: 2,
        tp: 2,
        pp: 4,
        mb: 2,
        recompute: "selective",
        sp: true,
        zero: 1,
      }),
    );
    const b = t.step.breakdown;
    expect(b.compute + b.memoryBound + b.exposedCommunication + b.bubble + b.optimizer).toBeCloseTo(
      t.step.seconds,
      9,
    );
    expect(t.microbatches).toBe(16); // 64 / (dp 2 · mb 2)
    // model FLOP per token (PaLM App. B): 6N + 12·L·H·Q·T
    expect(t.modelFlops / (64 * S)).toBeCloseTo(6 * gpt.params.total + 12 * 8 * A * (H / A) * S, -3);
    // and the links carry no more than the step holds
    expect(t.links.intraNode.fits && t.links.interNode.fits).toBe(true);
  });

  it("HFU under full recompute: the whole forward again, or (JAX) all of it but the MLP output projection", () => {
    const hfuOverMfu = (fullRecompute: "whole-forward" | "needed-values") => {
      const t = timed(
        layoutEvaluator(gpt, toySystem({ fullRecompute }), { globalBatch: 1 })({
          ...base,
          recompute: "full",
        }),
      );
      return (t.hfu - t.mfu) / t.mfu;
    };
    // per token and block: forward GEMM FLOP 24h² + 4·s·h (QKᵀ, PV; no causal skip in the FLOP count)
    // plus the biases 9h; the MLP output projection 8h² + h. Model FLOP per token: 6N + 12·L·h·s
    const block = 24 * H * H + 9 * H + 4 * S * H;
    const projection = 8 * H * H + H;
    const model = 6 * gpt.params.total + 12 * 8 * H * S;
    expect(hfuOverMfu("whole-forward")).toBeCloseTo((8 * block) / model, 3);
    expect(hfuOverMfu("needed-values")).toBeCloseTo((8 * (block - projection)) / model, 3);
  });

  it("tensor parallel traffic on the toy system: 2 + 2 all-reduces per block and micro-batch, by hand", () => {
    const t = timed(layoutEvaluator(gpt, toySystem(), { globalBatch: 4 })({ ...base, tp: 8 }));
    const ar = (2 * (7 / 8) * S * H * 2) / 100e9;
    expect(t.communication.tensorParallel).toBeCloseTo(4 * 8 * 4 * ar, 9); // 4 micro-batches × 8 blocks × 4
    // the Megatron profile runs the backward's two all-reduces beside the MLP-up and QKV weight-gradient
    // GEMMs (2·s·h·7h/8 FLOP at 50 TFLOP/s = 1.2 ms, ample for 2 × 0.29 ms), the forward's on the
    // critical path: half of it exposed
    expect(t.step.breakdown.exposedCommunication).toBeGreaterThanOrEqual(
      (t.communication.tensorParallel / 2) * 0.999,
    );
    expect(t.step.breakdown.exposedCommunication).toBeLessThan((t.communication.tensorParallel / 2) * 1.01);
    // a stack whose backward is synchronous exposes all of it
    const sync = timed(
      layoutEvaluator(gpt, toySystem({ tensorParallelBackward: "sync" }), { globalBatch: 4 })({
        ...base,
        tp: 8,
      }),
    );
    expect(sync.step.breakdown.exposedCommunication).toBeGreaterThanOrEqual(
      sync.communication.tensorParallel * 0.999,
    );
    // with a stack that overlaps tp traffic behind the block's GEMMs, little is left exposed
    const o = timed(
      layoutEvaluator(
        gpt,
        toySystem({
          overlap: {
            gradients: true,
            parameters: true,
            tensorParallel: true,
            pipeline: true,
            expertParallel: false,
          },
        }),
        {
          globalBatch: 4,
        },
      )({ ...base, tp: 8 }),
    );
    expect(o.step.breakdown.exposedCommunication).toBeLessThan(0.01 * t.communication.tensorParallel);
  });

  it("per-op selective recompute (TorchTitan) repeats half the block's matmuls, by hand", () => {
    // full recompute repeats the whole forward: dense GEMMs G = 24·H²·S FLOP per block (QKV 3H², out H²,
    // MLP 8H², 2 FLOP per MAC) at 50 TFLOP/s, flash attention A = 4·S²·H/2 (causal half) at 50 TFLOP/s,
    // and the memory-bound ops; per-op selective repeats G/2 and the memory-bound ops; so over 8 blocks,
    // full − per-op = 8·(G/2 + A)/50e12 seconds.
    const sys = toySystem({ selectiveRecompute: "every-other-matmul" });
    const step = (recompute: Layout["recompute"]) =>
      timed(layoutEvaluator(gpt, sys, { globalBatch: 1 })({ ...base, recompute })).step.seconds;
    const G = 24 * H * H * S;
    const attn = (4 * S * S * H) / 2;
    // (the step cost graph also counts the bias adds, ~9·H·S FLOP per block: under 0.02% of G)
    expect((step("full") - step("selective")) / ((8 * (G / 2 + attn)) / 50e12)).toBeCloseTo(1, 3);
    // and Megatron's selective recompute repeats nothing outside the flash kernel's own backward
    const megatron = toySystem();
    const mega = (recompute: Layout["recompute"]) =>
      timed(layoutEvaluator(gpt, megatron, { globalBatch: 1 })({ ...base, recompute })).step.seconds;
    expect(mega("selective")).toBeCloseTo(mega("none"), 9);
  });

  it("a framework's kernel efficiency scales the kernel time, not the communication", () => {
    const ev = layoutEvaluator(gpt, toySystem(), { globalBatch: 4 });
    const t1 = timed(ev({ ...base, tp: 8 }, 1));
    const t2 = timed(ev({ ...base, tp: 8 }, 0.5));
    expect(t2.step.breakdown.compute).toBeCloseTo(2 * t1.step.breakdown.compute, 9);
    expect(t2.step.breakdown.memoryBound).toBeCloseTo(2 * t1.step.breakdown.memoryBound, 9);
    expect(t2.communication.tensorParallel).toBeCloseTo(t1.communication.tensorParallel, 12);
  });

  it("context parallelism: half the tokens per rank, the KV exchanged, devices = dp·tp·pp·cp", () => {
    const ev = layoutEvaluator(gpt, toySystem(), { globalBatch: 8 });
    const one = timed(ev({ ...base, dp: 2 }));
    const two = timed(ev({ ...base, dp: 1, cp: 2 }));
    expect(two.devices).toBe(2);
    expect(two.communication.contextParallel).toBeGreaterThan(0);
    // the same devices and model FLOP: compute per step within 10% (cp keeps whole sequences' attention)
    expect(two.step.breakdown.compute / one.step.breakdown.compute).toBeGreaterThan(0.9);
    expect(two.step.breakdown.compute / one.step.breakdown.compute).toBeLessThan(1.5);
  });

  it("expert parallelism: all-to-alls appear, expert memory shrinks, devices stay dp·tp·pp·cp", () => {
    const ev = layoutEvaluator(moe, toySystem(), { globalBatch: 8 });
    const e1 = timed(ev({ ...base, dp: 8 }));
    const e8 = timed(ev({ ...base, dp: 8, ep: 8 }));
    expect(e1.communication.moeAllToAll).toBe(0);
    expect(e8.communication.moeAllToAll).toBeGreaterThan(0);
    expect(e8.devices).toBe(8);
    expect(e8.memory.weights).toBeLessThan(e1.memory.weights);
    // the same FLOP per rank: each rank runs its share of the routed tokens through its experts
    expect(e8.modelFlops).toBeCloseTo(e1.modelFlops, -3);
  });

  it("an overlapping stack hides the expert all-to-all behind the paired micro-batch, never past the link", () => {
    const overlap = { gradients: false, parameters: false, tensorParallel: false, pipeline: false };
    const plain = toySystem({ overlap: { ...overlap, expertParallel: false } });
    const hides = toySystem({ overlap: { ...overlap, expertParallel: true } });
    const l = { ...base, dp: 8, ep: 8 };
    // two micro-batches per step (global batch 16 over dp 8): each block's all-to-all (4 per micro-batch
    // on NVLink, well under the block's GEMM seconds) runs while the other micro-batch computes, so the
    // step loses exactly the all-to-all seconds it carried; the link still carries them within the step
    const t = timed(layoutEvaluator(moe, plain, { globalBatch: 16 })(l));
    const o = timed(layoutEvaluator(moe, hides, { globalBatch: 16 })(l));
    expect(o.communication.moeAllToAll).toBeCloseTo(t.communication.moeAllToAll, 12);
    expect(t.step.seconds - o.step.seconds).toBeCloseTo(t.communication.moeAllToAll, 9);
    expect(o.links.intraNode.busySeconds).toBeLessThanOrEqual(o.step.seconds);
    // one micro-batch per step has no partner to hide behind
    const one = (sys: typeof plain) => timed(layoutEvaluator(moe, sys, { globalBatch: 8 })(l)).step.seconds;
    expect(one(hides)).toBeCloseTo(one(plain), 12);
  });

  it("hidden data-parallel collectives slow the compute they overlap by the system's fraction", () => {
    const fsdp = {
      overlap: {
        gradients: true,
        parameters: true,
        tensorParallel: false,
        pipeline: false,
        expertParallel: false,
      },
    };
    // ZeRO-1: one gradient reduce-scatter and one parameter all-gather per step, everything but the
    // first block's reduction hidden, so what overlap hid is the dp total less what is exposed
    const layout: Layout = { ...base, dp: 8, zero: 1 };
    const free = timed(layoutEvaluator(gpt, toySystem(fsdp), { globalBatch: 16 })(layout));
    const shared = timed(
      layoutEvaluator(gpt, { ...toySystem(fsdp), overlapSlowdown: 0.2 }, { globalBatch: 16 })(layout),
    );
    // by hand on the toy's 100 GB/s NVLink (α 0, ring (n-1)/n of the buffer): the P parameters'
    // fp32 gradients reduce-scattered (Megatron's fp32 main gradients) and bf16 weights all-gathered
    // over 8 ranks; the first of the 8 blocks' reduction is exposed, the rest and the gather hidden
    const P = gpt.pre.params + 8 * gpt.block.params + gpt.post.params;
    const rs = (P * 4 * (7 / 8)) / 100e9;
    const ag = (P * 2 * (7 / 8)) / 100e9;
    const hidden = rs * (7 / 8) + ag;
    const c = free.communication;
    expect(c.dataParallel).toBeCloseTo(rs + ag, 9);
    expect(c.dataParallel - c.dataParallelExposed).toBeCloseTo(hidden, 9);
    expect(hidden).toBeLessThan(free.step.breakdown.compute);
    expect(shared.step.seconds - free.step.seconds).toBeCloseTo(0.2 * hidden, 12);
    expect(shared.step.breakdown.exposedCommunication - free.step.breakdown.exposedCommunication).toBeCloseTo(
      0.2 * hidden,
      12,
    );
  });

  it("divisibility and memory: bad layouts are rejected with the reason, memory with the numbers", () => {
    const ev = layoutEvaluator(gpt, toySystem(), { globalBatch: 64 });
    const r = ev({ ...base, dp: 3 });
    expect(r.feasible || r.message).toMatch(/global batch 64 is not a multiple of dp·mb = 3·1/);
    expect(ev({ ...base, tp: 16 }).feasible || "").toBe("");
    const cp = ev({ ...base, cp: 3 });
    expect(cp.feasible || cp.message).toMatch(/cp 3 does not divide the 2048-token sequence/);
    const ep = ev({ ...base, dp: 4, ep: 2 });
    expect(ep.feasible || ep.message).toMatch(/expert parallelism needs a mixture-of-experts model/);
    const big = stepProfile({
      family: "decoder",
      layers: 96,
      hidden: 12288,
      heads: 96,
      vocab: 51200,
      seq: 2048,
    });
    const m = layoutEvaluator(big, bindSystem(systemFor(accelerator("a100-80gb")), "bf16"), {
      globalBatch: 8,
    })({ ...base, dp: 8 });
    expect(m.feasible).toBe(false);
    if (m.feasible) return;
    expect(m.reason).toBe("memory");
    expect(m.message).toMatch(
      /needs [\d.]+ TiB per device \([\d.]+ GiB of it the runtime reserve\), has 80\.0 GiB/,
    );
  });
});
