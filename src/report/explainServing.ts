/**
 * How each number of a serving plan, a fine-tuning plan and a lifetime optimum is computed: the formula
 * with the run's numbers in it and the source behind it, as the core states them in its TSDoc
 * (inferencePlan, servingRun, forwardTime, inferenceProfile, servingSystem, servingCalibration,
 * finetunePlan, finetuneStep, loraAdapters, nf4, lifetimeOptimum, lifetimeForecast). Nothing here is a
 * new model.
 */
import type { Accelerator } from "../hardware/accelerator.js";
import type { FinetunePlan } from "../plan/finetunePlan.js";
import { WEIGHT_FORMAT_SPECS } from "../plan/inferenceFormats.js";
import type { InferencePlan } from "../plan/inferencePlan.js";
import { PREFILL_CHUNK_TOKENS } from "../plan/inferenceRun.js";
import type { LifetimeSummary } from "../plan/lifetimeForecast.js";
import { SERVING_CALIBRATION } from "../plan/servingCalibration.js";
import { SERVING_MEMORY_RESERVE } from "../plan/servingSystem.js";
import { costExplanations, type Explanation } from "./explain.js";
import { formatTick } from "./ticks.js";

const n = (x: number | null | undefined) => (x === null || x === undefined ? "-" : formatTick(x, "count", 3));
const ms = (s: number) => `${formatTick(1e3 * s, "plain", 3)} ms`;

const ROOFLINE =
  "each part of a forward pass takes the longer of its FLOP over peak × the GEMM fraction and its bytes over achieved bandwidth";

/**
 * The serving plan's numbers, keyed as the web page keys them (`layout`, `tokens-per-second`, `ttft`,
 * `tpot`, `memory`, `dollars`, `kwh`, `co2`, ...).
 */
export function servingExplanations(
  p: InferencePlan,
  o: { accelerator: Accelerator; pue: number; region: string },
): Record<string, Explanation> {
  const { tp, pp, dp } = p.layout;
  const continuous = p.batching === "continuous";
  const bw = p.calibration.bandwidthFraction;
  const overhead = ms(p.calibration.stepOverheadSeconds);
  const calibrated = `constants fitted: ${bw} of datasheet bandwidth, ${overhead} per forward pass (${SERVING_CALIBRATION.source})`;
  const cost = costExplanations({
    accelerator: o.accelerator,
    devices: p.devices,
    units: 1e6,
    unitName: "a million output tokens",
    unitsPerSecond: p.tokensPerSecond,
    pue: o.pue,
    region: o.region,
  });
  const w = WEIGHT_FORMAT_SPECS[p.weights];
  return {
    layout: {
      formula: `every tp (a power of two within a node dividing the heads) × pp (a power of two up to 16 and the blocks) dividing the devices, at every batch 1, 2, 4 … 8192 that fits; among those meeting the TTFT and TPOT targets, the most output tokens/s per device wins (the cheapest per token), ties to the lower TPOT: tp=${tp} pp=${pp}, ${dp} replica${dp === 1 ? "" : "s"}, batch ${p.batch}`,
      source:
        "inferencePlan (src/plan/inferencePlan.ts); tp within a node dividing the heads as vLLM and TensorRT-LLM require",
    },
    "tokens-per-second": {
      formula: `output tokens/s = dp × B·O / (batch prefill + O × decode step) = ${dp} × ${p.batch}·${p.output} / (…) = ${n(p.tokensPerSecond)}; ${ROOFLINE}`,
      source: `servingRun (src/plan/inferenceRun.ts); roofline: Williams, Waterman & Patterson, CACM 2009; ${calibrated}`,
    },
    "tokens-per-second-per-device": {
      formula: `output tokens/s per device = ${n(p.tokensPerSecond)} / ${p.devices} devices`,
      source: "servingRun (src/plan/inferenceRun.ts)",
    },
    ttft: continuous
      ? {
          formula: `TTFT = pp × the slowest stage's prefill of one ${p.prompt}-token prompt + ${overhead} (in-flight batching prefills a request alone between decode steps; queueing not modelled)`,
          source: "servingRun; Yu et al. 2022 (Orca), Kwon et al. 2023 (vLLM)",
        }
      : {
          formula: `TTFT = batch prefill = (m + pp − 1) × the slowest stage's prefill of one micro-batch + ${overhead} (GPipe fill and drain)`,
          source: "servingRun (src/plan/inferenceRun.ts); Huang et al. 2019 (GPipe)",
        },
    tpot: {
      formula: `${continuous ? "TPOT = decode step + batch prefill / O (the other requests' prefills spread over this one's output); " : "TPOT = decode step; "}decode step = pp × the slowest stage's decode + ${overhead}, averaged over the output (midpoint rule on four quarters); decode reads the weights and the KV cache at ${bw} of datasheet bandwidth, bound by bytes at small batch and by FLOP at large batch`,
      source: `servingRun and forwardTime (src/plan); Pope et al. 2022 §3; ${calibrated}`,
    },
    "decode-split": {
      formula: `seconds of the mid-output decode step: compute-bound parts ${ms(p.decode.computeSeconds)}, memory-bound parts ${ms(p.decode.memorySeconds)}, communication ${ms(p.decode.commSeconds)} (two all-reduces per block when tp > 1)`,
      source:
        "forwardTime (src/plan/inferenceForward.ts); Shoeybi et al. 2019 §3 (tensor parallel all-reduces)",
    },
    memory: {
      formula: `memory per device = weights (linear layers at ${w.bytesPerParam.toPrecision(3)} B per weight, ${p.weights}; embedding and head in 16 bits; over tp) + KV cache (B × (P + O) tokens × 2·kvHeads·headDim elements per block × ${p.kv} bytes, over min(tp, kvHeads)) + workspace (one ${PREFILL_CHUNK_TOKENS}-token prefill chunk and fp32 logits); capacity = device memory × (1 − ${SERVING_MEMORY_RESERVE})`,
      source: `servingRun and kvCacheBytes (src/plan); Pope et al. 2022 §3.1 (KV cache), Ainslie et al. 2023 (GQA); ${w.source}; reserve: vLLM gpu_memory_utilization = 0.9`,
    },
    dollars: cost.dollars!,
    "device-hours": cost["device-hours"]!,
    kwh: cost.kwh!,
    co2: cost.co2!,
  };
}

/** The fine-tuning plan's numbers, keyed as the web page keys them. */
export function finetuneExplanations(
  p: FinetunePlan,
  o: { accelerator: Accelerator; pue: number; region: string; tokens?: number | undefined },
): Record<string, Explanation> {
  const full = p.method === "full";
  const lora = p.lora;
  const out: Record<string, Explanation> = {
    trainable: full
      ? {
          formula: "every weight is trained: trainable = total",
          source: "finetuneStep (src/workload/finetune)",
        }
      : {
          formula: `Σ over adapted matrices r·(d_in + d_out), r = ${lora!.rank}, on ${lora!.targets.join(", ")} in every block (per expert in MoE blocks) = ${n(p.params.trainable)}`,
          source: "Hu et al. 2021 (LoRA) §4.1; loraAdapters (src/workload/finetune/loraAdapters.ts)",
        },
    memory: {
      formula: `one replica = frozen weights (${p.method === "qlora" ? "NF4 at 4.127 bits with double-quantised constants, embeddings and head in 16 bits" : full ? "none" : "16-bit"}) + trainable weights (2 B) + gradients (2 B) + Adam state (${full ? "fp32 moments and master weights: 12 B" : "fp32 moments: 8 B"} per trainable weight) + activations and buffers; ${p.sharding === "fsdp" ? "sharded over the devices (FSDP/ZeRO-3) with two blocks' weights gathered at a time" : "one replica per device (data parallel)"}${p.pagedOptimizerBytes > 0 ? "; the optimizer state paged to host memory" : ""}; capacity = device memory × (1 − ${SERVING_MEMORY_RESERVE})`,
      source:
        "finetuneStep and finetunePlan (src); Dettmers et al. 2023 (QLoRA) §3; Rajbhandari et al. 2020 (ZeRO) §5; Korthikanti et al. 2022 (activations)",
    },
    "flops-per-token": {
      formula: full
        ? "forward + input gradients + weight gradients ≈ 6N (Kaplan et al.)"
        : "forward + input gradients of the frozen base (no weight gradients: ≈ 4N) + 6 × adapter weights per token",
      source: "Kaplan et al. 2020 §2.1; Hu et al. 2021 §4.2; Dettmers et al. 2023 §3; finetuneStep",
    },
    checkpoint: {
      formula: `checkpoint = 2 bytes × ${full ? "every weight" : "the adapter weights"} = 2 × ${n(p.params.trainable)}`,
      source: "Hu et al. 2021 §4.2 (GPT-3 175B: 350 GB to 35 MB); finetuneStep",
    },
    step: {
      formula: `step = GEMM + memory-bound ops + adapter GEMMs + dequantisation + exposed communication + optimizer + paging, for ${n(p.step.tokensPerMicroBatch)} tokens per device on the training step model`,
      source: "finetunePlan (src/plan/finetunePlan.ts); Li et al. 2020 (PyTorch DDP bucketed all-reduce)",
    },
  };
  if (p.train && o.tokens !== undefined)
    Object.assign(
      out,
      costExplanations({
        accelerator: o.accelerator,
        devices: p.devices,
        units: o.tokens,
        unitName: "tokens to fine-tune on",
        unitsPerSecond: p.step.tokensPerSecond,
        pue: o.pue,
        region: o.region,
        goodputFraction: p.train.goodput,
      }),
    );
  return out;
}

/** The lifetime optimum's numbers (Sardana et al. 2023), keyed as the Forecast page keys them. */
export function lifetimeExplanations(l: LifetimeSummary): Record<string, Explanation> {
  const sardana =
    'Sardana et al. 2023, "Beyond Chinchilla-Optimal" §2–3 (lifetimeOptimum, src/plan/lifetime.ts)';
  return {
    params: {
      formula: `N* minimises training + serving along the iso-loss curve: 6·N·D(N)·($ per training FLOP) + ${n(l.servedTokens)} served tokens × $ per served token(N), D(N) = (B / (L − E − A/N^α))^(1/β); golden-section search on log N`,
      source: `${sardana}; Hoffmann et al. 2022 eq. 2`,
    },
    tokens: {
      formula: "D(N*) = (B / (L − E − A/N*^α))^(1/β): the data that brings N* to the forecast's loss",
      source: "Hoffmann et al. 2022 eq. 2 (tokensForLoss, src/plan/lifetime.ts)",
    },
    "train-dollars": {
      formula: "the forecast of the chosen N (its shaped model, layout and price)",
      source: "lifetimeForecast (src/plan/lifetimeForecast.ts): the forecast is run again with N fixed",
    },
    "serve-dollars": {
      formula: `served tokens × a·N^b $ per served token (b = ${l.serveCostExponent.toPrecision(3)}), the power law fitted in log-log through the serving plan (best layout and batch on ${l.serveHardware}) at five model sizes, × output / (prompt + output)`,
      source: "lifetimeForecast (src/plan/lifetimeForecast.ts); inferencePlan",
    },
    total: {
      formula: "total = training + serving of the chosen model",
      source: sardana,
    },
    "chinchilla-total": {
      formula:
        "the ordinary forecast's training dollars (the compute-optimal N and D for the loss) + the served tokens at that model's serving cost",
      source: `Hoffmann et al. 2022 App. D.2; ${sardana}`,
    },
    "break-even": {
      formula:
        "served tokens after which the smaller model's extra training is repaid: (train(N*) − train(N_chin)) / ($ per token(N_chin) − $ per token(N*))",
      source: sardana,
    },
  };
}
