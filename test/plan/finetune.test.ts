import { describe, expect, it } from "vitest";
import { accelerator } from "../../src/hardware/catalog.js";
import { finetunePlan } from "../../src/plan/finetunePlan.js";
import { finetuneStep } from "../../src/workload/finetune/finetuneStep.js";
import { loraAdapters } from "../../src/workload/finetune/loraAdapters.js";
import { nf4BitsPerParam } from "../../src/workload/finetune/nf4.js";
import { modelPreset } from "../../src/workload/presets/index.js";
import type { DecoderSpec } from "../../src/workload/transformer/decoderSpec.js";

const llama7 = modelPreset("llama2-7b").spec;
const decoder = (name: string) => modelPreset(name).spec as unknown as DecoderSpec;

describe("LoRA adapters", () => {
  it("r·(din + dout) per adapted matrix: Llama 7B, r = 8 on q and v is PEFT's 4,194,304", () => {
    // 32 blocks × 2 matrices × 8·(4096 + 4096); PEFT prints "trainable params: 4,194,304 || all params:
    // 6,742,609,920" for llama-7b with r=8, q_proj and v_proj (Hugging Face PEFT docs)
    const a = loraAdapters(decoder("llama2-7b"), 8, ["q", "v"]);
    expect(a.params).toBe(32 * 2 * 8 * (4096 + 4096));
    expect(a.params).toBe(4_194_304);
    expect(a.params + 6_738_415_616).toBe(6_742_609_920);
  });

  it("GQA, gated MLP and MoE shapes", () => {
    // Llama 3 8B: k is 4096 → 1024; gate, up 4096 → 14336; down 14336 → 4096
    const a = loraAdapters(decoder("llama3-8b"), 16, ["k", "gate", "down"]);
    expect(a.params).toBe(32 * 16 * (4096 + 1024 + 2 * (4096 + 14336)));
    // Mixtral: feed-forward adapters on all 8 experts, 2 per token
    const m = loraAdapters(decoder("mixtral-8x7b"), 4, ["up"]);
    expect(m.params).toBe(32 * 8 * 4 * (4096 + 14336));
    expect(m.paramsPerToken).toBe(32 * 2 * 4 * (4096 + 14336));
  });

  it("names the bad field", () => {
    expect(() => loraAdapters(decoder("gpt3-175b"), 4, ["gate"])).toThrow(/targets.*no gate/);
    expect(() => loraAdapters(decoder("llama2-7b"), 0, ["q"])).toThrow(/rank/);
    expect(() => loraAdapters(decoder("llama2-7b"), 4, ["q", "q"])).toThrow(/targets/);
  });
});

describe("QLoRA storage", () => {
  it("NF4 with double quantisation: 4 + 8/64 + 32/(64·256) bits (Dettmers et al. 2023 §3: 0.127)", () => {
    expect(nf4BitsPerParam(false)).toBe(4.5);
    expect(nf4BitsPerParam(true)).toBeCloseTo(4 + 0.125 + 32 / 16384, 12);
    expect(nf4BitsPerParam(true) - 4).toBeCloseTo(0.127, 3);
  });
});

describe("finetuneStep", () => {
  it("a frozen base needs no weight gradients: LoRA ≈ 4N per token against full ≈ 6N", () => {
    const full = finetuneStep(llama7, { method: "full", seq: 512, recompute: "none" });
    const lora = finetuneStep(llama7, { method: "lora", seq: 512, recompute: "none" });
    // full: forward 2N + input gradients 2N + weight gradients 2N (+ attention); LoRA drops the last,
    // and adds 6 FLOP per adapter weight a token uses
    const b = full.base.step;
    const tokens = 512;
    expect(full.flopsPerToken.model).toBeCloseTo(b.flops / tokens, 0);
    expect(lora.flopsPerToken.model).toBeCloseTo(
      (b.flops - b.backwardWeightFlops) / tokens + 6 * 4_194_304,
      0,
    );
    const ratio = lora.flopsPerToken.model / full.flopsPerToken.model;
    expect(ratio).toBeGreaterThan(0.66);
    expect(ratio).toBeLessThan(0.7);
  });

  it("memory: LoRA keeps Adam state for the adapters only; the checkpoint is the adapters in 16 bits", () => {
    const lora = finetuneStep(llama7, { method: "lora", rank: 8, targets: ["q", "v"] });
    const n = 6_738_415_616;
    expect(lora.memory.frozenWeights).toBe(2 * n);
    expect(lora.memory.trainableWeights).toBe(2 * 4_194_304);
    expect(lora.memory.optimizer).toBe(8 * 4_194_304); // two fp32 moments, adapters updated in place
    expect(lora.checkpointBytes).toBe(2 * 4_194_304);
    const full = finetuneStep(llama7, { method: "full" });
    // ZeRO's mixed-precision Adam: 2 + 2 + 12 bytes per parameter
    expect(full.memory.trainableWeights + full.memory.gradients + full.memory.optimizer).toBe(16 * n);
  });

  it("rejects a rank for full fine-tuning and a non-decoder", () => {
    expect(() => finetuneStep(llama7, { method: "full", rank: 8 })).toThrow(/rank/);
    expect(() => finetuneStep(modelPreset("bert-base").spec, { method: "lora" })).toThrow(/model.family/);
  });
});

describe("finetunePlan", () => {
  it("one device: the replica, its step time, and D tokens at its throughput and price", () => {
    const a100 = accelerator("a100-80gb");
    const p = finetunePlan({ model: llama7, finetune: { method: "lora" }, accelerator: a100, tokens: 1e9 });
    expect(p.sharding).toBe("replicated");
    expect(p.memory.perDeviceBytes).toBe(p.memory.replica.total);
    // days = D / tokens per second / 86400 / goodput; dollars = device-hours × price
    expect(p.train!.days).toBeCloseTo(1e9 / p.step.tokensPerSecond / 86400 / p.train!.goodput, 9);
    expect(p.cost!.dollars!).toBeCloseTo(p.train!.deviceHours * a100.price!.dollarsPerHour, 6);
    // one device at Llama 3's 1.97e-5 interrupts per device-hour, a few-MB checkpoint: almost nothing lost
    expect(p.train!.goodput).toBeGreaterThan(0.999);
    const steps = finetunePlan({
      model: llama7,
      finetune: { method: "lora" },
      accelerator: a100,
      tokens: 1e9,
      goodput: false,
    });
    expect(steps.train!.days).toBeCloseTo(1e9 / steps.step.tokensPerSecond / 86400, 9);
    // MFU of a LoRA step on an A100 in a plausible range for a compute-bound step (30-60%)
    expect(p.step.mfu).toBeGreaterThan(0.3);
    expect(p.step.mfu).toBeLessThan(0.6);
  });

  it("shards the replica FSDP-style when it does not fit, and says how many devices it needs", () => {
    const a100 = accelerator("a100-80gb");
    expect(() => finetunePlan({ model: llama7, finetune: { method: "full" }, accelerator: a100 })).toThrow(
      /devices: got 1, expected enough memory.*at least 2 devices/,
    );
    const p = finetunePlan({ model: llama7, finetune: { method: "full" }, accelerator: a100, devices: 4 });
    expect(p.sharding).toBe("fsdp");
    const r = p.memory.replica;
    const states = r.frozenWeights + r.trainableWeights + r.gradients + r.optimizer;
    expect(p.memory.perDeviceBytes).toBeGreaterThan(states / 4 + r.activations);
    expect(p.memory.totalBytes).toBe(4 * p.memory.perDeviceBytes);
  });

  it("where the states fit one device, names the shorter sequence as the other way out, with what the sequence takes", () => {
    // QLoRA of Llama 3 8B on one RTX 4090 (24 GiB, 21.6 after the 10% reserve) at its 8,192-token context
    // does not fit; the 4-bit frozen weights, adapters and paged optimizer (about 6 GiB) do, so --seq is named
    const rtx = accelerator("rtx-4090");
    const llama3 = modelPreset("llama3-8b").spec;
    const at = (seq?: number) =>
      finetunePlan({
        model: llama3,
        finetune: { method: "qlora", ...(seq !== undefined ? { seq } : {}) },
        accelerator: rtx,
      });
    expect(() => at()).toThrow(
      /at least \d+ devices with sharding, or shorter sequences or a smaller micro-batch: 1 sequence of 8192 tokens takes [\d.]+ GiB in activations and buffers\)/,
    );
    // and at 2,048 tokens it fits
    expect(at(2048).memory.perDeviceBytes).toBeLessThan(rtx.memoryBytes * 0.9);
  });
});
