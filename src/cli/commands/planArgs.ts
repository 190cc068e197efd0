import { gridIntensity } from "../../hardware/grid.js";
import { OBJECTIVES } from "../../parallel/objective.js";
import { InputError } from "../../units/InputError.js";
import { parseCount } from "../../units/parseCount.js";
import { parseDeadline } from "../../units/requireUnit.js";
import { countOption, DEVICES_LIMIT, GLOBAL_BATCH_LIMIT } from "../limits.js";
import { enumOption, numberOption } from "../options.js";
import { goodputFromArgs } from "./forecastArgs.js";
import { requireTokensFor } from "./runFlags.js";

/** The flags {@link planRunArgs} reads (citty's parsed arguments; the rest are passed through). */
export interface PlanRunFlags extends Record<string, unknown> {
  devices?: string;
  "max-devices"?: string;
  "global-batch"?: string;
  tokens?: string;
  objective?: string;
  deadline?: string;
  region?: string;
  pue?: string;
}

/**
 * What `plan` is asked to run, from its flags: the device count or budget, the global batch, the tokens to
 * train, the search's objective and deadline, the grid region and PUE, and the goodput options; every
 * combination it would otherwise ignore refused (both device flags, a deadline without the time
 * objective, run flags without --tokens).
 */
export function planRunArgs(args: PlanRunFlags) {
  const devices = countOption(args.devices, "--devices", DEVICES_LIMIT);
  const maxDevices = countOption(args["max-devices"], "--max-devices", DEVICES_LIMIT);
  if (devices === undefined && maxDevices === undefined)
    throw new InputError("--devices", undefined, "a device count (or --max-devices for a budget)");
  if (devices !== undefined && maxDevices !== undefined)
    throw new InputError("--max-devices", args["max-devices"], "--devices or --max-devices, not both");
  if (args["global-batch"] === undefined)
    throw new InputError("--global-batch", undefined, "samples per step, e.g. 1536");
  const globalBatch = countOption(args["global-batch"], "--global-batch", GLOBAL_BATCH_LIMIT)!;
  const units = args.tokens !== undefined ? parseCount(args.tokens, "--tokens") : undefined;
  if (units !== undefined && !(units > 0 && Number.isFinite(units)))
    throw new InputError("--tokens", args.tokens, "a positive token count, e.g. 300B");
  const objective = enumOption(args.objective, "--objective", OBJECTIVES) ?? "throughput";
  const deadlineSeconds =
    args.deadline !== undefined ? parseDeadline(args.deadline, "--deadline") : undefined;
  if (objective === "time" && (deadlineSeconds === undefined || units === undefined))
    throw new InputError("--objective", "time", "--deadline and --tokens as well");
  if (deadlineSeconds !== undefined && objective !== "time")
    throw new InputError(
      "--deadline",
      args.deadline,
      "--objective time as well: only that objective reads it",
    );
  const region = args.region ?? "world";
  gridIntensity(region);
  const pue = numberOption(args.pue, "--pue", "a PUE ≥ 1");
  const goodputOptions = goodputFromArgs(args);
  if (units === undefined) requireTokensFor(args);
  return { devices, maxDevices, globalBatch, units, objective, deadlineSeconds, region, pue, goodputOptions };
}
