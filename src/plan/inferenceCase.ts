import { accelerator } from "../hardware/catalog.js";
import { corpusModelSpec } from "../validation/corpusModel.js";
import type { ServingCase } from "../validation/servingCase.js";
import type { KvFormat, WeightFormat } from "./inferenceFormats.js";
import { inferencePlan } from "./inferencePlan.js";

/** The serving model's fitted constants (see servingCalibration.ts). */
export interface ServingConstants {
  bandwidthFraction: number;
  stepOverheadSeconds: number;
}

/** One corpus case: what was measured, what the serving model predicts, or why it cannot. */
export interface ServingPrediction {
  name: string;
  source: string;
  accelerator: string;
  framework: string;
  metric: ServingCase["metric"];
  measured: number;
  predicted: number | null;
  /** (predicted − measured) / measured × 100, null when not predicted. */
  deltaPct: number | null;
  /** Why the case is not predicted (missing lengths, a format the model lacks). */
  skipped?: string;
}

const WEIGHTS: Readonly<Record<ServingCase["weights"], WeightFormat | null>> = {
  fp32: null,
  bf16: "bf16",
  fp16: "bf16",
  fp8: "fp8",
  int8: "int8",
  int4: "int4",
  fp4: "fp4",
};
const KV: Readonly<Record<ServingCase["kv"], KvFormat | null>> = {
  fp32: null,
  bf16: "bf16",
  fp16: "bf16",
  fp8: "fp8",
  int8: "int8",
  int4: null,
};

/**
 * Latency bounds of MLPerf Inference v4.1's Server scenario where a case does not state its own: p99
 * TTFT 2 s and p99 TPOT 200 ms for llama2-70b (as the serving corpus's cases record them, from
 * memory, not re-read); applied to the model's mean latencies, which makes them looser than p99.
 */
export const MLPERF_SERVER_BOUNDS = { ttftSeconds: 2, tpotSeconds: 0.2 } as const;

/**
 * Predict one serving corpus case with the serving model: the case's model, accelerator, device count,
 * published tp/pp (the rest searched), weight and KV formats, prompt and output lengths; the batch is
 * searched up to what memory holds (engines batch as deep as their KV cache allows), under the case's
 * latency bounds (or {@link MLPERF_SERVER_BOUNDS} for an MLPerf Server case), with continuous batching.
 * Throughput metrics compare output tokens per second; latency metrics the model's TTFT and TPOT.
 */
export function predictServingCase(c: ServingCase, constants: ServingConstants): ServingPrediction {
  const base = {
    name: c.name,
    source: c.source.id,
    accelerator: c.accelerator,
    framework: c.framework,
    metric: c.metric,
    measured: c.value,
  };
  const skip = (why: string): ServingPrediction => ({
    ...base,
    predicted: null,
    deltaPct: null,
    skipped: why,
  });
  if (c.promptTokens === undefined || c.outputTokens === undefined)
    return skip("prompt or output length unpublished");
  const weights = WEIGHTS[c.weights];
  const kv = KV[c.kv];
  if (!weights || !kv) return skip(`${c.weights} weights or ${c.kv} KV cache not modelled`);
  const bounds = c.latencyBounds ?? (c.scenario === "mlperf-server" ? MLPERF_SERVER_BOUNDS : undefined) ?? {};
  const plan = inferencePlan({
    model: corpusModelSpec(c),
    accelerator: accelerator(c.accelerator),
    devices: c.devices,
    prompt: Math.round(c.promptTokens),
    output: Math.round(c.outputTokens),
    weights,
    kv,
    layout: { tp: c.layout.tp, pp: c.layout.pp },
    ...(bounds.ttftSeconds !== undefined ? { ttftSeconds: bounds.ttftSeconds } : {}),
    ...(bounds.tpotSeconds !== undefined ? { tpotSeconds: bounds.tpotSeconds } : {}),
    ...(c.batch !== undefined ? { batch: c.batch } : {}),
    ...constants,
  });
  const predicted = {
    "output-tokens-per-second": plan.tokensPerSecond,
    "output-tokens-per-second-per-device": plan.tokensPerSecondPerDevice,
    "ttft-seconds": plan.ttftSeconds,
    "tpot-seconds": plan.tpotSeconds,
    "requests-per-second": plan.tokensPerSecond / c.outputTokens,
  }[c.metric];
  return { ...base, predicted, deltaPct: (100 * (predicted - c.value)) / c.value };
}
