import type { Accelerator } from "../../hardware/accelerator.js";
import type { System } from "../../parallel/systemSchema.js";
import type { GoodputOptions } from "../../plan/goodput.js";
import { type GoodputTexts, goodputSetting } from "../../plan/goodputOptions.js";
import { InputError } from "../../units/InputError.js";
import { parseDollars } from "../../units/parseDollars.js";
import { stepTimeError } from "../../validation/stepTimeError.js";
import type { Precision } from "../../workload/precision.js";
import type { Io } from "../io.js";
import { systemArgs, systemFromArgs } from "../loadSystem.js";

/** The hardware and system options `forecast` and `budget` share with `plan`, and a price override. */
export const FORECAST_SYSTEM_ARGS = {
  ...systemArgs,
  hardware: { type: "string", description: "accelerator (scalecast hardware list; default h100-sxm)" },
  "price-per-hour": {
    type: "string",
    description: "dollars per device-hour, e.g. $2.49 (default: the catalog's dated quote)",
  },
} as const;

/** The goodput options (failures, restarts, checkpoints, evaluation) of `forecast`, `budget` and `plan`. */
export const GOODPUT_ARGS = {
  goodput: {
    type: "boolean",
    description:
      "count failures, restarts, checkpoints and evaluation (default on; --no-goodput: steps only)",
    default: true,
  },
  "failure-rate": {
    type: "string",
    description: "interrupts per device-hour (default 1.97e-5: Llama 3, 419 in 54 days on 16,384 H100s)",
  },
  "restart-minutes": {
    type: "string",
    description: "minutes from an interrupt to training again (default 15)",
  },
  "checkpoint-bandwidth": {
    type: "string",
    description:
      "checkpoint write bandwidth, e.g. 100GB/s (default 122 MB/s per device: Llama 3's 2 TB/s over 16K GPUs)",
  },
  "checkpoint-every": {
    type: "string",
    description: "compute between checkpoints, e.g. 30min (default: Daly's optimum)",
  },
  "eval-fraction": {
    type: "string",
    description: "evaluation time per unit of training time, e.g. 0.02 (default 0)",
  },
} as const;

/** The forecast's switch for the step-time model's error in its intervals (`forecast` and `budget`). */
export const MODEL_ERROR_ARGS = {
  "model-error": {
    type: "boolean",
    description: "widen intervals by the step-time model's out-of-sample error (default on)",
    default: true,
  },
} as const;

type Args = Record<string, unknown>;
const str = (args: Args, k: string) => (args[k] === undefined ? undefined : String(args[k]));

/**
 * The accelerator and system a forecast runs on: `--system FILE` or `--hardware` (default h100-sxm,
 * with `--catalog`), then `--framework`, `--memory-reserve`, `--max-fraction` as in `plan`
 * (loadSystem.ts), and `--price-per-hour` replacing the catalog's price.
 */
export function forecastSystem(
  io: Io,
  args: Args,
  precision: Precision,
): { accelerator: Accelerator; system: System } {
  const hardware = str(args, "hardware") ?? (args.system === undefined ? "h100-sxm" : undefined);
  let system = systemFromArgs(
    io,
    {
      hardware,
      catalog: str(args, "catalog"),
      system: str(args, "system"),
      framework: str(args, "framework"),
      "memory-reserve": str(args, "memory-reserve"),
      "max-fraction": str(args, "max-fraction"),
    },
    precision,
  );
  const price = str(args, "price-per-hour");
  if (price !== undefined) {
    const dollarsPerHour = parseDollars(price, "--price-per-hour");
    if (!(dollarsPerHour > 0))
      throw new InputError("--price-per-hour", price, "a positive amount such as $2.49");
    system = {
      ...system,
      accelerator: {
        ...system.accelerator,
        price: { dollarsPerHour, date: "given", source: "--price-per-hour" },
      },
    };
  }
  return { accelerator: system.accelerator, system };
}

/** The goodput options from the flags, or false with --no-goodput (then no other goodput flag is allowed). */
export function goodputFromArgs(args: Args): GoodputOptions | false {
  const texts: GoodputTexts = {
    failureRate: str(args, "failure-rate"),
    restartMinutes: str(args, "restart-minutes"),
    checkpointBandwidth: str(args, "checkpoint-bandwidth"),
    checkpointEvery: str(args, "checkpoint-every"),
    evalFraction: str(args, "eval-fraction"),
  };
  return goodputSetting(args.goodput !== false, texts);
}

/** The step-time model's error for the accelerator, unless --no-model-error. */
export function modelErrorFromArgs(args: Args, accelerator: Accelerator) {
  return args["model-error"] === false ? undefined : stepTimeError(accelerator);
}
