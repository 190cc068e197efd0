import { describe, expect, it } from "vitest";
import { lifetimeOptimum } from "../../src/plan/lifetime.js";
import { finetuneStep } from "../../src/workload/finetune/finetuneStep.js";
import { modelPreset } from "../../src/workload/presets/index.js";
import { type Case, deltaPct, printCases } from "./report.js";

const within = (c: Case) => {
  expect(Math.abs(deltaPct(c.actual, c.expected)), c.name).toBeLessThanOrEqual(c.tolerancePct!);
};

/** LLaMA 65B (Touvron et al. 2023a Table 2: 80 layers, dim 8192, 64 heads; ffn 22016 and vocab 32000 from
 * the released params), as QLoRA fine-tuned it. */
const LLAMA_65B = {
  family: "decoder",
  layers: 80,
  hidden: 8192,
  heads: 64,
  ffn: 22016,
  vocab: 32000,
  seq: 2048,
  mlp: "swiglu",
  norm: "rmsnorm",
  positions: "rotary",
  tiedEmbeddings: false,
} as const;

describe("LoRA on GPT-3 175B (Hu et al. 2021)", () => {
  const gpt3 = modelPreset("gpt3-175b").spec;
  // r = 4 on Wq and Wv in all 96 layers; gradient checkpointing, one 2048-token sequence per device
  const lora = finetuneStep(gpt3, { method: "lora", rank: 4, targets: ["q", "v"], recompute: "full" });
  // full fine-tuning with the accounting of Hu et al. §4.2 ("we do not need to store the optimizer states
  // for the frozen parameters" is the whole saving): 16-bit weights and gradients, Adam's two moments in
  // 16 bits, no fp32 master copy, i.e. 2 + 2 + 4 bytes per parameter
  const full = finetuneStep(gpt3, {
    method: "full",
    recompute: "full",
    momentBytes: 2,
    masterWeights: false,
  });
  const cases: Case[] = [
    // §7.1: "a parameter budget of 18M (roughly 35MB if stored in FP16) ... r = 4 if we adapt two types"
    {
      name: "trainable parameters, r=4 on q,v (18M)",
      actual: lora.params.trainable,
      expected: 18e6,
      tolerancePct: 5,
    },
    // §4.2: "the checkpoint size is reduced by roughly 10,000x (from 350GB to 35MB)"
    {
      name: "LoRA checkpoint, bytes (~35 MB)",
      actual: lora.checkpointBytes,
      expected: 35e6,
      tolerancePct: 10,
    },
    // §4.2: "we reduce the VRAM consumption during training from 1.2TB to 350GB"
    {
      name: "LoRA training memory, bytes (350 GB)",
      actual: lora.memory.total,
      expected: 350e9,
      tolerancePct: 5,
    },
    {
      name: "full fine-tuning memory, bytes (1.2 TB)",
      actual: full.memory.total,
      expected: 1.2e12,
      tolerancePct: 20,
    },
  ];
  it("reproduces the trainable parameters, checkpoint and memory, delta % per case", () => {
    printCases("LoRA on GPT-3 175B (Hu et al. 2021 §4.2, §7.1)", cases);
    cases.forEach(within);
    // hand derivation: 96 layers × 2 matrices × r·(12288 + 12288) = 18,874,368; × 2 bytes = 37.7 MB
    expect(lora.params.trainable).toBe(96 * 2 * 4 * 24576);
    expect(lora.checkpointBytes).toBe(2 * 18_874_368);
  });
});

describe("QLoRA on LLaMA 65B (Dettmers et al. 2023)", () => {
  // r = 64 on every linear layer (§4, §5), NF4 with double quantisation, 16-bit adapters and gradients,
  // 32-bit paged AdamW (no master copy), gradient checkpointing, one sequence of 512 tokens (assumed)
  const q = finetuneStep(LLAMA_65B, { method: "qlora", seq: 512 });
  // §1: "from >780GB of GPU memory" for 16-bit full fine-tuning: 16-bit weights and gradients with 32-bit
  // Adam moments, 2 + 2 + 8 = 12 bytes per parameter
  const full = finetuneStep(LLAMA_65B, { method: "full", seq: 512, masterWeights: false });
  const fullStates = full.memory.trainableWeights + full.memory.gradients + full.memory.optimizer;
  it("fits one 48 GB GPU, and the 16-bit baseline needs more than 780 GB", () => {
    const cases: Case[] = [
      { name: "QLoRA memory, bytes (< 48 GB)", actual: q.memory.total, expected: 48e9 },
      { name: "16-bit full fine-tuning states, bytes (> 780 GB)", actual: fullStates, expected: 780e9 },
      // §3: double quantisation saves 0.373 bits per parameter, "approximately 3 GB for a 65B model"
      {
        name: "double-quantisation saving, bytes (~3 GB)",
        actual: (q.params.quantized * 0.373) / 8,
        expected: 3e9,
        tolerancePct: 5,
      },
    ];
    printCases("QLoRA on LLaMA 65B (Dettmers et al. 2023 §1, §3)", cases);
    expect(q.memory.total).toBeLessThan(48e9);
    expect(fullStates).toBeGreaterThan(780e9);
    within(cases[2]!);
    // hand derivation of the frozen base: the linear weights in 4 + 8/64 + 32/16384 bits, embedding, head and
    // norms (0.52B parameters) in 16 bits
    const sixteen = 2 * 32000 * 8192 + 80 * 2 * 8192 + 8192;
    expect(q.memory.frozenWeights).toBeCloseTo(
      ((q.params.total - sixteen) * 4.126953125) / 8 + 2 * sixteen,
      0,
    );
    // LoRA r = 64 on q, k, v, o (8192 → 8192), gate, up (8192 → 22016), down: 80 × 9,994,240
    expect(q.params.trainable).toBe(80 * 64 * (4 * 16384 + 3 * 30208));
  });
});

describe("Beyond Chinchilla-Optimal (Sardana et al. 2023)", () => {
  const S = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.336, beta: 0.283 };
  const L = (n: number, d: number) => S.E + S.A / n ** S.alpha + S.B / d ** S.beta;
  it("reproduces Figure 1 and the repository's worked examples, delta % per case", () => {
    // Figure 1: a Chinchilla-optimal 13B with 2T tokens of inference demand; "reduce their total compute by
    // 1.7 × 10^22 FLOPs (17%) by instead training a 7B model on more data"
    const G = ((S.alpha * S.A) / (S.beta * S.B)) ** (1 / (S.alpha + S.beta));
    const d13 = (13e9 / G) ** ((S.alpha + S.beta) / S.beta) / 13e9; // D_opt at N_opt = 13B (closed form)
    const fig1 = lifetimeOptimum(S, { loss: L(13e9, d13), servedTokens: 2e12 });
    // README: `compute_optimal.py --loss 1.947 --inference_tokens 2e12` gives 2.418e10 parameters and
    // 2.657e12 tokens, "70.96% of the parameters", "146.77% of the tokens", "95.22%" of the cost
    const c = lifetimeOptimum(S, { loss: 1.947, servedTokens: 2e12 });
    // README: `cost_optimal.py --loss 1.947 --inference_reqs 1e10 --input_tok 1000 --output_tok 250
    // --train_gpu_type A100_80 --train_gpu_cost 1.40 --inference_gpu_type A100_40 --inference_dtype int8
    // --inference_gpu_cost 0.60 --train_mfu 0.5 --prefill_mfu 0.4 --generation_mfu 0.2`: 2.053e10
    // parameters, 3.302e12 tokens, 60.23%, 182.41%, 88.76%. Dollars per FLOP = price / 3600 / peak
    // (A100 bf16 312 TFLOP/s, int8 624 TOP/s), divided by the MFU; prefill and decode tokens at 2N each.
    const train = 1.4 / 3600 / 3.12e14 / 0.5;
    const serve = 0.6 / 3600 / 6.24e14;
    const tin = 1e10 * 1000;
    const tout = 1e10 * 250;
    const dollars = lifetimeOptimum(S, {
      loss: 1.947,
      servedTokens: tin + tout,
      costs: {
        trainDollarsPerFlop: () => train,
        serveDollarsPerToken: (n) => (2 * n * serve * (tin / 0.4 + tout / 0.2)) / (tin + tout),
      },
    });
    const cases: Case[] = [
      {
        name: "model_calculator: loss of 70B on 1T tokens",
        actual: L(70e9, 1e12),
        expected: 1.947,
        tolerancePct: 0.05,
      },
      {
        name: "Fig. 1: inference-optimal N (7B)",
        actual: fig1.optimum.params,
        expected: 7e9,
        tolerancePct: 1,
      },
      {
        name: "Fig. 1: FLOP saved (1.7e22)",
        actual: fig1.chinchilla.totalDollars - fig1.optimum.totalDollars,
        expected: 1.7e22,
        tolerancePct: 1,
      },
      {
        name: "Fig. 1: fraction saved (17%)",
        actual: 1 - fig1.optimum.totalDollars / fig1.chinchilla.totalDollars,
        expected: 0.17,
        tolerancePct: 3,
      },
      {
        name: "compute-optimal N (2.418e10)",
        actual: c.optimum.params,
        expected: 2.418e10,
        tolerancePct: 0.05,
      },
      {
        name: "compute-optimal D (2.657e12)",
        actual: c.optimum.tokens,
        expected: 2.657e12,
        tolerancePct: 0.05,
      },
      {
        name: "compute-optimal params ratio (70.96%)",
        actual: c.optimum.params / c.chinchilla.params,
        expected: 0.7096,
        tolerancePct: 0.05,
      },
      {
        name: "compute-optimal tokens ratio (146.77%)",
        actual: c.optimum.tokens / c.chinchilla.tokens,
        expected: 1.4677,
        tolerancePct: 0.05,
      },
      {
        name: "compute-optimal cost ratio (95.22%)",
        actual: c.optimum.totalDollars / c.chinchilla.totalDollars,
        expected: 0.9522,
        tolerancePct: 0.05,
      },
      {
        name: "cost-optimal N (2.053e10)",
        actual: dollars.optimum.params,
        expected: 2.053e10,
        tolerancePct: 0.05,
      },
      {
        name: "cost-optimal D (3.302e12)",
        actual: dollars.optimum.tokens,
        expected: 3.302e12,
        tolerancePct: 0.05,
      },
      {
        name: "cost-optimal params ratio (60.23%)",
        actual: dollars.optimum.params / dollars.chinchilla.params,
        expected: 0.6023,
        tolerancePct: 0.05,
      },
      {
        name: "cost-optimal tokens ratio (182.41%)",
        actual: dollars.optimum.tokens / dollars.chinchilla.tokens,
        expected: 1.8241,
        tolerancePct: 0.05,
      },
      {
        name: "cost-optimal cost ratio (88.76%)",
        actual: dollars.optimum.totalDollars / dollars.chinchilla.totalDollars,
        expected: 0.8876,
        tolerancePct: 0.05,
      },
    ];
    printCases("Sardana et al. 2023 (Fig. 1; nikhilsardana/beyond-chinchilla README examples)", cases);
    cases.forEach(within);
  });
});
