import type { Accelerator } from "../hardware/accelerator.js";
import { gridIntensity } from "../hardware/grid.js";
import { runCost } from "./runCost.js";
import { InputError } from "../units/InputError.js";
import type { ModelSpec } from "../workload/modelSpec.js";
import type { KvFormat, WeightFormat } from "./inferenceFormats.js";
import { inferenceProfile, type ServingProfile } from "./inferenceProfile.js";
import {
  type Batching,
  type ServingLayout,
  type ServingMemory,
  type ServingRun,
  servingRunner,
} from "./inferenceRun.js";
import { SERVING_CALIBRATION } from "./servingCalibration.js";
import { servingSystem } from "./servingSystem.js";

/** Inputs of {@link inferencePlan}. Defaults: prompt 1024, output 256, bf16 weights and KV cache. */
export interface InferencePlanInput {
  model: ModelSpec | Record<string, unknown>;
  accelerator: Accelerator;
  /** Devices to use (layouts must divide it; the rest are data-parallel replicas); default: tp·pp of the best. */
  devices?: number;
  prompt?: number;
  output?: number;
  /** Sequences in flight per replica; default searched (powers of two up to what memory holds). */
  batch?: number;
  /** Latency targets: time to first token and time per output token, seconds. */
  ttftSeconds?: number;
  tpotSeconds?: number;
  weights?: WeightFormat;
  kv?: KvFormat;
  /** Default `continuous` (in-flight batching). */
  batching?: Batching;
  region?: string;
  pue?: number;
  /** Calibrated constants (see servingCalibration.ts); override for another stack. */
  stepOverheadSeconds?: number;
  bandwidthFraction?: number;
  /** Largest pipeline depth searched; default 16. */
  maxPipeline?: number;
  /** Fix the tensor or pipeline degree (a published layout); the rest is searched. */
  layout?: { tp?: number | undefined; pp?: number | undefined };
}

/** One point of the throughput-latency curve: the best layout at one batch size. */
export interface CurvePoint {
  batch: number;
  layout: ServingLayout;
  ttftSeconds: number;
  tpotSeconds: number;
  userTokensPerSecond: number;
  tokensPerSecondPerDevice: number;
  meetsTargets: boolean;
}

/** The serving plan: the best layout and batch under the targets, with cost per million output tokens. */
export interface InferencePlan {
  hardware: string;
  params: { total: number; active: number };
  prompt: number;
  output: number;
  weights: WeightFormat;
  kv: KvFormat;
  batching: Batching;
  layout: ServingLayout;
  batch: number;
  devices: number;
  tokensPerSecond: number;
  tokensPerSecondPerDevice: number;
  ttftSeconds: number;
  tpotSeconds: number;
  dollarsPerMillionTokens: number | null;
  kWhPerMillionTokens: number;
  kgCO2PerMillionTokens: number;
  memory: ServingMemory;
  /** Seconds of the mid-output decode step by what bounds it (the roofline split). */
  decode: { computeSeconds: number; memorySeconds: number; commSeconds: number };
  curve: CurvePoint[];
  calibration: { stepOverheadSeconds: number; bandwidthFraction: number };
  region: string;
  warnings: string[];
}

const powersOfTwo = (max: number) => {
  const out: number[] = [];
  for (let v = 1; v <= max; v *= 2) out.push(v);
  return out;
};

/**
 * Layouts a decoder can be served with on `acc` (or the published degrees in `layout`): tp a power of
 * two within one node dividing the heads
 * (vLLM and TensorRT-LLM require it), pp a power of two up to `maxPipeline` and the block count, and
 * tp·pp dividing `devices` when given (the rest are replicas).
 */
export function servingLayouts(
  profile: ServingProfile,
  acc: Accelerator,
  o: {
    devices?: number;
    maxPipeline?: number;
    layout?: { tp?: number | undefined; pp?: number | undefined };
  },
): ServingLayout[] {
  const { maxPipeline = 16 } = o;
  const out: ServingLayout[] = [];
  const tps = o.layout?.tp !== undefined ? [o.layout.tp] : powersOfTwo(acc.devicesPerNode);
  for (const tp of tps) {
    if (profile.heads % tp !== 0) continue;
    const pps =
      o.layout?.pp !== undefined ? [o.layout.pp] : powersOfTwo(Math.min(maxPipeline, profile.layers.length));
    for (const pp of pps) {
      const group = tp * pp;
      if (o.devices !== undefined && o.devices % group !== 0) continue;
      out.push({ tp, pp, dp: o.devices === undefined ? 1 : o.devices / group });
    }
  }
  return out;
}

/**
 * The best way to serve a decoder on an accelerator: every layout of {@link servingLayouts} at every
 * batch (powers of two, or the one given) that fits in memory is timed as {@link servingRunner} times
 * it (a layout's alike stages and repeated passes once, what does not fit not at all); among those
 * that meet the TTFT and TPOT targets the one with the most output tokens per second per device wins
 * (the cheapest per token), ties to the lower TPOT. The curve keeps, per batch, the best layout that fits
 * (targets or not): throughput per device against per-user speed, the throughput-latency trade-off.
 * Cost per million output tokens from `runCost` (device-hours × price; energy at TDP × PUE; CO2 × grid).
 *
 * `known` is `inferenceProfile(input.model)` when the caller already has it (the web worker keeps the
 * last model's across plans: building it is a third of a plan's time).
 *
 * @throws InputError naming the target when no layout meets it, with the best reachable value.
 */
export function inferencePlan(input: InferencePlanInput, known?: ServingProfile): InferencePlan {
  const {
    prompt = 1024,
    output = 256,
    weights = "bf16",
    kv = "bf16",
    region = "world",
    batching = "continuous",
    stepOverheadSeconds = SERVING_CALIBRATION.stepOverheadSeconds,
    bandwidthFraction = SERVING_CALIBRATION.bandwidthFraction,
  } = input;
  for (const [field, v] of [
    ["prompt", prompt],
    ["output", output],
    ["batch", input.batch ?? 1],
    ["devices", input.devices ?? 1],
  ] as const)
    if (!Number.isInteger(v) || v < 1) throw new InputError(field, v, "a positive integer");
  const profile = known ?? inferenceProfile(input.model);
  const sys = servingSystem(input.accelerator, { bandwidthFraction });
  const layouts = servingLayouts(profile, input.accelerator, input);
  if (layouts.length === 0)
    throw new InputError(
      "devices",
      input.devices,
      `a multiple of a tensor-parallel size dividing ${profile.heads} heads`,
    );
  const batches = input.batch !== undefined ? [input.batch] : powersOfTwo(8192);
  const meets = (r: ServingRun) =>
    (input.ttftSeconds === undefined || r.ttftSeconds <= input.ttftSeconds) &&
    (input.tpotSeconds === undefined || r.tpotSeconds <= input.tpotSeconds);
  const better = (a: ServingRun, b: ServingRun | undefined) =>
    b === undefined ||
    a.tokensPerSecondPerDevice > b.tokensPerSecondPerDevice * (1 + 1e-9) ||
    (a.tokensPerSecondPerDevice >= b.tokensPerSecondPerDevice * (1 - 1e-9) && a.tpotSeconds < b.tpotSeconds);
  let best: ServingRun | undefined;
  let fastest: ServingRun | undefined;
  const curve: CurvePoint[] = [];
  const runner = servingRunner(profile, sys, { prompt, output, weights, kv, stepOverheadSeconds, batching });
  for (const batch of batches) {
    let bestAtBatch: ServingRun | undefined;
    for (const layout of layouts) {
      // what does not fit is never timed (only runs that fit are compared below)
      if (!runner.memory(layout, batch).fits) continue;
      const r = runner.run(layout, batch);
      if (better(r, bestAtBatch)) bestAtBatch = r;
      if (fastest === undefined || r.tpotSeconds < fastest.tpotSeconds) fastest = r;
      if (meets(r) && better(r, best)) best = r;
    }
    if (!bestAtBatch) break; // a larger batch fits nowhere either
    curve.push({
      batch,
      layout: bestAtBatch.layout,
      ttftSeconds: bestAtBatch.ttftSeconds,
      tpotSeconds: bestAtBatch.tpotSeconds,
      userTokensPerSecond: bestAtBatch.userTokensPerSecond,
      tokensPerSecondPerDevice: bestAtBatch.tokensPerSecondPerDevice,
      meetsTargets: meets(bestAtBatch),
    });
  }
  if (!fastest)
    throw new InputError(
      "devices",
      input.devices,
      `enough memory: ${(profile.params.total / 1e9).toPrecision(3)}B parameters fit no layout of ${input.accelerator.name} at batch ${batches[0]}`,
    );
  if (!best) {
    const field = input.tpotSeconds !== undefined ? "--tpot-ms" : "--ttft-ms";
    throw new InputError(
      field,
      1e3 * (input.tpotSeconds ?? input.ttftSeconds ?? 0),
      `a reachable target (the fastest layout, tp=${fastest.layout.tp} pp=${fastest.layout.pp} at batch ${fastest.batch}, gives TTFT ${(1e3 * fastest.ttftSeconds).toPrecision(3)} ms and TPOT ${(1e3 * fastest.tpotSeconds).toPrecision(3)} ms)`,
    );
  }
  const cost = runCost({
    units: 1e6,
    unitsPerSecond: best.tokensPerSecond,
    devices: best.devices,
    tdpWatts: input.accelerator.tdpWatts,
    dollarsPerHour: input.accelerator.price?.dollarsPerHour,
    region,
    ...(input.pue !== undefined ? { pue: input.pue } : {}),
  });
  const warnings: string[] = [];
  if (input.accelerator.price === undefined)
    warnings.push(`${input.accelerator.name} has no price in the catalog: dollars are not computed`);
  if (best.memory.perDeviceBytes > 0.95 * best.memory.capacityBytes)
    warnings.push("the KV cache fills the device: a longer request or a larger batch would not fit");
  return {
    hardware: input.accelerator.name,
    params: profile.params,
    prompt,
    output,
    weights,
    kv,
    batching,
    layout: best.layout,
    batch: best.batch,
    devices: best.devices,
    tokensPerSecond: best.tokensPerSecond,
    tokensPerSecondPerDevice: best.tokensPerSecondPerDevice,
    ttftSeconds: best.ttftSeconds,
    tpotSeconds: best.tpotSeconds,
    dollarsPerMillionTokens: cost.cost.dollars,
    kWhPerMillionTokens: cost.energy.kWh,
    kgCO2PerMillionTokens: cost.co2.kg,
    memory: best.memory,
    decode: {
      computeSeconds: best.decode.computeSeconds,
      memorySeconds: best.decode.memorySeconds,
      commSeconds: best.decode.commSeconds,
    },
    curve,
    calibration: { stepOverheadSeconds, bandwidthFraction },
    region: `${region} (${gridIntensity(region)} kgCO2/kWh)`,
    warnings,
  };
}
