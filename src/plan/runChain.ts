import { kaplanCriticalBatch } from "../batch/kaplanCriticalBatch.js";
import type { Accelerator } from "../hardware/accelerator.js";
import type { TimedLayout } from "../parallel/evaluateLayout.js";
import type { Objective } from "../parallel/objective.js";
import { type StepProfile, stepProfile } from "../parallel/stepProfile.js";
import { formatBytes } from "../units/formatBytes.js";
import { formatCell } from "../units/formatNumber.js";
import { InputError } from "../units/InputError.js";
import { familyOf, type ModelSpec, parseModelSpec } from "../workload/modelSpec.js";
import type { Precision } from "../workload/precision.js";
import { trainingStep } from "../workload/trainingStep.js";
import { bestLayout } from "./bestLayout.js";
import { checkpointBytesOf } from "./layoutRunCost.js";
import { cached, type ForecastCache, forecastCache, layoutKey, systemKey } from "./forecastCache.js";
import type { ForecastInput } from "./forecastTypes.js";
import { lowestReachableLoss, type Requirement, requirementFor } from "./requirement.js";
import { shapeDecoder } from "./shapeDecoder.js";
import { shapeToParams } from "./shapeToParams.js";

/** Devices used when the input names neither a count nor a budget. */
export const DEFAULT_DEVICES = 256;

/** A model shaped to N: its spec, step profile, training FLOP per token and parameter count. */
export interface ShapedModel {
  spec: ModelSpec;
  profile: StepProfile;
  seq: number;
  /** Training FLOP of one token (one sample for image models) of the shaped model, forward + backward. */
  flopsPerToken: number;
  shapedParams: number;
  /** Bytes of one checkpoint: weights and optimizer state of every parameter. */
  checkpointBytes: number;
}

/** One pass of the chain for a goal: the core of {@link forecast}. */
export interface ChainResult extends ShapedModel {
  req: Requirement;
  globalBatch: number;
  critical: number | null;
  /** Set when no layout fitted the default batch and it was doubled: the batch first tried. */
  batchRaisedFrom: number | null;
  best: TimedLayout;
  /** Steps the requirement needs: D / tokens per step, not yet rounded. */
  steps: number;
  objective: Objective;
}

/** What a forecast evaluates the chain with: the effective accelerator, its system key and the cache. */
export interface ChainContext {
  accelerator: Accelerator;
  systemKey: string;
  cache: ForecastCache;
}

/**
 * The context of an input: the system's accelerator (or the catalog's) and the cache (the input's, or
 * a fresh one for this call, so that the budget's fixed point and the series reuse their searches).
 */
export function chainContext(input: ForecastInput): ChainContext {
  return {
    accelerator: input.system?.accelerator ?? input.accelerator,
    systemKey: systemKey(input.system, input.accelerator),
    cache: input.cache ?? forecastCache(),
  };
}

function criticalBatchSamples(input: ForecastInput, loss: number, seq: number): number | null {
  // Kaplan et al. 2020 §5.1: B_crit(L) = B*/L^(1/αB) in tokens, for language-model losses in nats/token
  if (!/nats\/token/.test(input.law.units?.y ?? "")) return null;
  return kaplanCriticalBatch(loss, { sequenceLength: seq }).sequences;
}

function powerOfTwoAtMost(x: number): number {
  return 2 ** Math.max(0, Math.floor(Math.log2(Math.max(1, x))));
}

/** The model shaped to N params (a template scaled, or a decoder), with its profile; cached by shape. */
export function shapeModel(input: ForecastInput, params: number, ctx: ChainContext): ShapedModel {
  const precision: Precision = input.precision ?? "bf16";
  const key = JSON.stringify([input.template ?? "decoder", params, input.seq ?? null, precision]);
  return cached(ctx.cache, ctx.cache.shapes, key, () => {
    const spec: ModelSpec = input.template
      ? shapeToParams(input.template, params)
      : parseModelSpec(shapeDecoder(params, input.seq !== undefined ? { seq: input.seq } : {}).spec);
    const family = familyOf(spec);
    const seq = family.unit === "token" ? (input.seq ?? family.defaultSeq(spec)) : 1;
    const one = trainingStep(spec, { batch: 1, seq, precision });
    const profile = stepProfile(spec, { precision, seq });
    return {
      spec,
      profile,
      seq,
      flopsPerToken: one.step.flops / (family.unit === "token" ? seq : 1),
      shapedParams: one.params.total,
      checkpointBytes: checkpointBytesOf(profile),
    };
  });
}

/**
 * What the layout search optimises: on exactly `devices`, the fastest layout (throughput); up to
 * `maxDevices` under a deadline, the most tokens per second (the most training a deadline buys, so
 * the best model in time); up to `maxDevices` otherwise, the fewest dollars (or device-seconds) per
 * token (the best model a money or compute budget buys, or the cheapest run to a target).
 */
export function chainObjective(input: ForecastInput): Objective {
  if (input.devices !== undefined || input.maxDevices === undefined) return "throughput";
  return input.budget?.deadlineSeconds !== undefined ? "throughput" : "cost";
}

/**
 * Refuse at once a model that no layout can hold (issue 17): every parameter's weights and optimizer
 * state must be stored once somewhere on the devices (the ZeRO accounting, Rajbhandari et al. 2020
 * §5: sharding divides them over the devices, nothing makes them smaller; no offload is modelled), so
 * when `checkpointBytes` / `devices` exceeds one device's whole memory (before any reserve, gradients,
 * activations or buffers) no layout fits, and the layout searches (up to eight batch sizes) need not
 * start. A necessary condition only: a model that passes may still fit nowhere (the search says so).
 *
 * @throws InputError naming `devices`, the count allowed and the fewest that could hold the state.
 */
export function checkStateFits(shaped: ShapedModel, devices: number, accelerator: Accelerator): void {
  const perDevice = shaped.checkpointBytes / devices;
  if (!(perDevice > accelerator.memoryBytes)) return;
  const fewest = Math.ceil(shaped.checkpointBytes / accelerator.memoryBytes);
  throw new InputError(
    "devices",
    devices,
    `enough devices to hold a ${shaped.shapedParams.toPrecision(3)}-parameter model: its weights and optimizer state alone (${formatBytes(shaped.checkpointBytes)}) need at least ${fewest.toLocaleString("en-US")} ${accelerator.name} (${formatBytes(accelerator.memoryBytes)} each) even fully sharded; a smaller model or more devices`,
  );
}

/** Run the chain for one goal: requirement → shape → step profile → batch → best layout → steps. */
export function runChain(
  input: ForecastInput,
  goal: { target?: number; flops?: number },
  ctx: ChainContext = chainContext(input),
): ChainResult {
  const precision: Precision = input.precision ?? "bf16";
  const req = requirementFor(input.law, input.law.params, goal, input.fixed ?? {}, input.law.modelSize);
  if (!req) {
    const f = input.fixed ?? {};
    const lowest = lowestReachableLoss(input.law, f);
    const held =
      f.params !== undefined
        ? `with N fixed at ${formatCell(f.params)} ${input.law.units?.n ?? "parameters"}`
        : f.tokens !== undefined
          ? `with D fixed at ${formatCell(f.tokens)} ${input.law.units?.d ?? input.law.units?.x ?? "tokens"}`
          : "at any size";
    throw new InputError(
      "target",
      goal.target,
      `a loss the law ${input.law.name} can reach ${held}: its lowest is ${formatCell(lowest, 4)}${lowest > 0 && f.params === undefined && f.tokens === undefined ? " (the irreducible loss)" : ""}`,
    );
  }
  const shaped = shapeModel(input, req.params, ctx);
  const critical = criticalBatchSamples(input, req.loss, shaped.seq);
  const devices = input.devices ?? (input.maxDevices === undefined ? DEFAULT_DEVICES : undefined);
  checkStateFits(shaped, devices ?? input.maxDevices!, ctx.accelerator);
  const objective = chainObjective(input);
  // the default batch: with a critical batch (nats/token laws), the largest power of two at most it
  // (Kaplan et al. 2020 §5.1: past it, more data per unit of progress), even on more devices than that
  // (the search then uses tp, pp or cp); without one, about 1M tokens, and at least one sample per
  // device. Raised only when no layout fits (doubled, or first to a multiple of the device count's odd
  // factor), and then said (forecastWarnings).
  const first =
    input.globalBatch ??
    (critical !== null
      ? powerOfTwoAtMost(critical)
      : Math.max(
          powerOfTwoAtMost(2 ** 20 / shaped.seq),
          devices !== undefined ? powerOfTwoAtMost(devices) : 1,
        ));
  // a device count with an odd factor (72 = 8 × 9, an NVL72 rack) splits a power-of-two batch over at
  // most its power-of-two part of data parallelism: the raised batch is first a multiple of the count
  const odd = devices !== undefined ? devices / (devices & -devices) : 1;
  let globalBatch = first;
  for (let attempt = 0; attempt < 8; attempt++) {
    const key = layoutKey(
      ctx.systemKey,
      shaped.spec,
      shaped.seq,
      precision,
      globalBatch,
      devices,
      input.maxDevices,
      objective,
    );
    const found = cached(ctx.cache, ctx.cache.layouts, key, () =>
      bestLayout({
        profile: shaped.profile,
        accelerator: input.accelerator,
        ...(input.system ? { system: input.system } : {}),
        precision,
        globalBatch,
        ...(devices !== undefined ? { devices } : { maxDevices: input.maxDevices! }),
        objective,
      }),
    );
    if (found.best)
      return {
        ...shaped,
        req,
        globalBatch,
        critical,
        batchRaisedFrom: globalBatch === first ? null : first,
        best: found.best,
        // D is tokens for sequence models and samples for image models; seq is 1 for the latter
        steps: req.tokens / (globalBatch * shaped.seq),
        objective,
      };
    if (input.globalBatch !== undefined) break;
    globalBatch = globalBatch % odd !== 0 ? Math.ceil(globalBatch / devices!) * devices! : globalBatch * 2;
  }
  throw new InputError(
    "devices",
    devices ?? input.maxDevices,
    `a device count on which a ${shaped.shapedParams.toPrecision(3)}-parameter model fits ${ctx.accelerator.name} (no layout fits at a global batch of ${first}${input.globalBatch === undefined ? ` to ${globalBatch}` : ""})`,
  );
}
