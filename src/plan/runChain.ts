import { kaplanCriticalBatch } from "../batch/kaplanCriticalBatch.js";
import type { TimedLayout } from "../parallel/evaluateLayout.js";
import { stepProfile } from "../parallel/stepProfile.js";
import { InputError } from "../units/InputError.js";
import { familyOf, type ModelSpec, parseModelSpec } from "../workload/modelSpec.js";
import type { Precision } from "../workload/precision.js";
import { trainingStep } from "../workload/trainingStep.js";
import { bestLayout } from "./bestLayout.js";
import type { ForecastInput } from "./forecastTypes.js";
import { type Requirement, requirementFor } from "./requirement.js";
import { shapeDecoder } from "./shapeDecoder.js";
import { shapeToParams } from "./shapeToParams.js";

/** Devices used when the input names neither a count nor a budget. */
export const DEFAULT_DEVICES = 256;
/** One pass of the chain for a fixed compute goal: the core of {@link forecast}. */
export interface ChainResult {
  req: Requirement;
  spec: ModelSpec;
  shapedParams: number;
  seq: number;
  globalBatch: number;
  critical: number | null;
  best: TimedLayout;
  flopsPerToken: number;
  steps: number;
}

function criticalBatchSamples(input: ForecastInput, loss: number, seq: number): number | null {
  // Kaplan et al. 2020 §5.1: B_crit(L) = B*/L^(1/αB) in tokens, for language-model losses in nats/token
  if (!/nats\/token/.test(input.law.units?.y ?? "")) return null;
  return kaplanCriticalBatch(loss, { sequenceLength: seq }).sequences;
}

function powerOfTwoAtMost(x: number): number {
  return 2 ** Math.max(0, Math.floor(Math.log2(Math.max(1, x))));
}

/** Run the chain for one goal: requirement → shape → step profile → batch → best layout → steps. */
export function runChain(input: ForecastInput, goal: { target?: number; flops?: number }): ChainResult {
  const precision: Precision = input.precision ?? "bf16";
  const size = input.law.modelSize;
  const req = requirementFor(input.law, input.law.params, goal, input.fixed ?? {}, size);
  if (!req)
    throw new InputError(
      "target",
      goal.target,
      `a loss the law ${input.law.name} can reach (above its floor)`,
    );
  const spec: ModelSpec = input.template
    ? shapeToParams(input.template, req.params)
    : parseModelSpec(shapeDecoder(req.params, input.seq !== undefined ? { seq: input.seq } : {}).spec);
  const family = familyOf(spec);
  const seq = family.unit === "token" ? (input.seq ?? family.defaultSeq(spec)) : 1;
  const one = trainingStep(spec, { batch: 1, seq, precision });
  const flopsPerToken = one.step.flops / (family.unit === "token" ? seq : 1);
  const critical = criticalBatchSamples(input, req.loss, seq);
  const devices = input.devices ?? (input.maxDevices === undefined ? DEFAULT_DEVICES : undefined);
  const profile = stepProfile(spec, { precision, seq });
  let globalBatch =
    input.globalBatch ?? (critical !== null ? powerOfTwoAtMost(critical) : powerOfTwoAtMost(2 ** 20 / seq));
  // raise only a batch we chose: a batch the user gave is kept or refused, never silently replaced
  if (devices !== undefined && input.globalBatch === undefined)
    globalBatch = Math.max(globalBatch, powerOfTwoAtMost(devices));
  for (let attempt = 0; attempt < 4; attempt++) {
    const found = bestLayout({
      profile,
      accelerator: input.accelerator,
      precision,
      globalBatch,
      ...(devices !== undefined ? { devices } : { maxDevices: input.maxDevices! }),
      objective: devices !== undefined ? "throughput" : "cost",
    });
    if (found.best) {
      // D is tokens for sequence models and samples for image models; seq is 1 for the latter
      const steps = req.tokens / (globalBatch * seq);
      return {
        req,
        spec,
        shapedParams: one.params.total,
        seq,
        globalBatch,
        critical,
        best: found.best,
        flopsPerToken,
        steps,
      };
    }
    if (input.globalBatch !== undefined) break;
    globalBatch *= 2;
  }
  if (input.globalBatch !== undefined)
    throw new InputError(
      "globalBatch",
      input.globalBatch,
      `a global batch with which a ${one.params.total.toPrecision(3)}-parameter model has a layout on ${devices ?? `up to ${input.maxDevices}`} ${input.accelerator.name} (no layout fits; dp·mb must divide the batch)`,
    );
  throw new InputError(
    "devices",
    devices ?? input.maxDevices,
    `a device count on which a ${one.params.total.toPrecision(3)}-parameter model fits ${input.accelerator.name} (no layout fits)`,
  );
}
