/** The Forecast page's inputs turned into the core's ForecastInput, with the CLI's own parsers. */
import type { Accelerator } from "../../../src/hardware/accelerator.js";
import { accelerator } from "../../../src/hardware/catalog.js";
import { gridIntensity } from "../../../src/hardware/grid.js";
import { type Law, lawFromPreset } from "../../../src/laws/law.js";
import { lawFromJson } from "../../../src/laws/lawJson.js";
import { lawPreset } from "../../../src/laws/presets/index.js";
import type { Budget, ForecastInput } from "../../../src/plan/forecastTypes.js";
import { measuredLimitsFields } from "../../../src/validation/measuredLimitsTable.js";
import { stepTimeError } from "../../../src/validation/stepTimeError.js";
import { numberOption } from "../../../src/cli/options.js";
import { InputError } from "../../../src/units/InputError.js";
import { parseCount } from "../../../src/units/parseCount.js";
import { parseDollars } from "../../../src/units/parseDollars.js";
import { parseFlop } from "../../../src/units/parseFlop.js";
import type { Precision } from "../../../src/workload/precision.js";
import { modelPreset } from "../../../src/workload/presets/index.js";
import { parseDeadline } from "../../../src/units/requireUnit.js";
import { parseSequence } from "../../../src/units/parseSequence.js";
import { goodputOf } from "./forecastGoodput.js";

/** The goals the page offers: a target, or one budget as `scalecast forecast --budget-*` takes it. */
export const GOALS: [string, string][] = [
  ["target", "a target loss"],
  ["flops", "a compute budget (FLOP)"],
  ["dollars", "a budget in dollars"],
  ["deviceHours", "a budget in device-hours"],
  ["deadline", "a deadline"],
];

/** What the value field accepts for each goal (the CLI's parsers' own forms). */
export const GOAL_HINTS: Record<string, string> = {
  target: "a loss, e.g. 2.0",
  flops: "e.g. 1e23, 5.88e23 FLOP or 3.1e8 PF-days",
  dollars: "e.g. $1M, 1M, $2.5M or 2.5e6",
  deviceHours: "e.g. 500k or 1.2M",
  deadline: "e.g. 30d, 2 weeks or 720h",
};

/** The label errors in the value field are reported under (and the field they mark invalid). */
export const VALUE_FIELD = "target or budget";

/**
 * The goal's value as `scalecast forecast` parses it: the target with `--target`'s number parser, a
 * budget with `--budget-flops` (parseFlop), `--budget-dollars` (parseDollars: "$1M", "1M", "2.5e6"),
 * `--budget-device-hours` (parseCount) or `--deadline` (parseDuration).
 */
export function goalOf(goal: string, text: string): { target?: number; budget?: Budget } {
  const value = text.trim();
  if (value === "") throw new InputError(VALUE_FIELD, text, GOAL_HINTS[goal] ?? "a value");
  switch (goal) {
    case "target":
      return { target: numberOption(value, VALUE_FIELD, "a loss or error value")! };
    case "flops":
      return { budget: { flops: parseFlop(value, VALUE_FIELD) } };
    case "dollars":
      return { budget: { dollars: parseDollars(value, VALUE_FIELD) } };
    case "deviceHours":
      return { budget: { deviceHours: parseCount(value, VALUE_FIELD) } };
    case "deadline":
      return {
        budget: {
          deadlineSeconds: parseDeadline(value, VALUE_FIELD),
        },
      };
    default:
      throw new InputError("goal", goal, GOALS.map(([g]) => g).join(", "));
  }
}

/** A fitted law left by the Fit page (or loaded from a file): its name and `fit --json` document. */
export interface FittedDoc {
  name: string;
  doc: unknown;
}

/** The law the page's `law` field names. */
export function lawOf(name: string, fitted: FittedDoc | null): Law {
  if (name === "fitted") {
    if (!fitted)
      throw new InputError("law", "fitted", "a fitted law: fit one on the Fit page or load a fit JSON file");
    return lawFromJson(fitted.doc, fitted.name);
  }
  return lawFromPreset(lawPreset(name));
}

/** The accelerator, with the page's price per device-hour instead of the catalog's when one is given. */
export function acceleratorOf(name: string, price: string | undefined): Accelerator {
  const acc = accelerator(name);
  if (!price) return acc;
  const dollarsPerHour = parseDollars(price, "price per device-hour");
  if (!(dollarsPerHour > 0))
    throw new InputError("price per device-hour", price, "a positive amount such as $2.49");
  return { ...acc, price: { dollarsPerHour, date: "entered", source: "price entered on the page" } };
}

/** The forecast input for the page's fields; `fitted` is the law the "fitted" choice stands for. */
export function forecastInput(f: Record<string, string>, fitted: FittedDoc | null): ForecastInput {
  const law = lawOf(f.law!, fitted);
  const n = (k: string, field = k) => (f[k] ? parseCount(f[k]!, field) : undefined);
  const devices = n("devices");
  const globalBatch = n("batch", "global batch");
  const seq = f.seq ? parseSequence(f.seq, "sequence") : undefined;
  const params = n("params", "model size");
  const tokens = f.tokens ? parseCount(f.tokens, "data", { allowUnit: true }) : undefined;
  const region = f.region ?? "world";
  gridIntensity(region);
  const pue = numberOption(f.pue || undefined, "PUE", "a PUE of at least 1");
  const draws = f.draws ? parseCount(f.draws, "bootstrap draws") : undefined;
  const accelerator = acceleratorOf(f.hardware!, f.price);
  const modelError = f.modelError ?? "on";
  if (modelError !== "on" && modelError !== "off")
    throw new InputError("step-time model's error", modelError, '"on" (in the intervals) or "off"');
  return {
    law,
    ...goalOf(f.goal ?? "target", f.value ?? ""),
    ...(f.template && f.template !== "decoder" ? { template: modelPreset(f.template).spec } : {}),
    accelerator,
    // the step-time model's out-of-sample error on this hardware widens the intervals (issue 12 item 5),
    // as the CLI's forecast does unless --no-model-error
    ...(modelError === "on" ? { modelError: stepTimeError(accelerator) } : {}),
    // a chosen layout above the best MFU measured on this hardware, or past its largest run, gets a warning, as in the CLI
    ...measuredLimitsFields(accelerator, (f.precision ?? "bf16") as Precision),
    ...(devices !== undefined ? (f.count === "up-to" ? { maxDevices: devices } : { devices }) : {}),
    ...(params !== undefined || tokens !== undefined
      ? {
          fixed: { ...(params !== undefined ? { params } : {}), ...(tokens !== undefined ? { tokens } : {}) },
        }
      : {}),
    ...(globalBatch !== undefined ? { globalBatch } : {}),
    ...(seq !== undefined ? { seq } : {}),
    precision: (f.precision ?? "bf16") as Precision,
    goodput: goodputOf(f),
    region,
    ...(pue !== undefined ? { pue } : {}),
    ...(draws !== undefined ? { maxDraws: draws } : {}),
  };
}
