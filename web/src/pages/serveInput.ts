/** The Serve page's inputs turned into the core's InferencePlanInput, with the CLI's own parsers. */
import { numberOption } from "../../../src/cli/options.js";
import { gridIntensity } from "../../../src/hardware/grid.js";
import {
  KV_FORMATS,
  type KvFormat,
  WEIGHT_FORMATS,
  type WeightFormat,
} from "../../../src/plan/inferenceFormats.js";
import type { InferencePlanInput } from "../../../src/plan/inferencePlan.js";
import { BATCHINGS, type Batching } from "../../../src/plan/inferenceRun.js";
import { InputError } from "../../../src/units/InputError.js";
import { parseCount } from "../../../src/units/parseCount.js";
import type { ModelSpec } from "../../../src/workload/modelSpec.js";
import { acceleratorOf } from "./forecastInput.js";

/** A positive whole number typed as `scalecast inference` takes it ("1024", "8k"); undefined when empty. */
export function wholeCount(text: string | undefined, field: string): number | undefined {
  if (!text) return undefined;
  const v = parseCount(text, field);
  if (!Number.isInteger(v) || v < 1) throw new InputError(field, text, "a positive integer");
  return v;
}

/** Milliseconds typed for a latency target, as seconds; undefined when empty. */
export function targetSeconds(text: string | undefined, field: string): number | undefined {
  const v = numberOption(text || undefined, field, "a positive number of milliseconds");
  if (v !== undefined && !(v > 0)) throw new InputError(field, text, "a positive number of milliseconds");
  return v === undefined ? undefined : v / 1e3;
}

/** The PUE typed (at least 1); undefined when empty. */
export function pueOf(text: string | undefined): number | undefined {
  const pue = numberOption(text || undefined, "PUE", "a PUE of at least 1");
  if (pue !== undefined && !(pue >= 1)) throw new InputError("PUE", text, "a PUE of at least 1");
  return pue;
}

const oneOf = <T extends string>(v: string | undefined, field: string, allowed: readonly T[]): T => {
  if (!(allowed as readonly string[]).includes(v ?? "")) throw new InputError(field, v, allowed.join(", "));
  return v as T;
};

/**
 * The serving plan's input for the page's fields (named as `scalecast inference`'s options: prompt,
 * output, batch, ttft-ms, tpot-ms, weights, kv, batching, devices), with the page's price per
 * device-hour in place of the catalog's when one is given.
 */
export function inferenceInput(spec: ModelSpec, f: Record<string, string>): InferencePlanInput {
  const region = f.region || "world";
  gridIntensity(region);
  const devices = wholeCount(f.devices, "devices");
  const prompt = wholeCount(f.prompt, "prompt");
  const output = wholeCount(f.output, "output");
  const batch = wholeCount(f.batch, "batch");
  const ttft = targetSeconds(f["ttft-ms"], "TTFT target");
  const tpot = targetSeconds(f["tpot-ms"], "TPOT target");
  const pue = pueOf(f.pue);
  return {
    model: spec,
    accelerator: acceleratorOf(f.hardware ?? "h100-sxm", f.price),
    region,
    weights: oneOf<WeightFormat>(f.weights, "weights", WEIGHT_FORMATS),
    kv: oneOf<KvFormat>(f.kv, "kv", KV_FORMATS),
    batching: oneOf<Batching>(f.batching, "batching", BATCHINGS),
    ...(devices !== undefined ? { devices } : {}),
    ...(prompt !== undefined ? { prompt } : {}),
    ...(output !== undefined ? { output } : {}),
    ...(batch !== undefined ? { batch } : {}),
    ...(ttft !== undefined ? { ttftSeconds: ttft } : {}),
    ...(tpot !== undefined ? { tpotSeconds: tpot } : {}),
    ...(pue !== undefined ? { pue } : {}),
  };
}
