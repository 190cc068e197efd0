import { InputError } from "../units/InputError.js";
import { parseDuration } from "../units/parseDuration.js";
import { parseBytesPerSecond } from "../units/parseRate.js";
import type { GoodputOptions } from "./goodput.js";
import { requireUnit } from "../units/requireUnit.js";

/** The goodput model's overrides as typed (a flag's or a form field's text); empty means the default. */
export interface GoodputTexts {
  /** Interrupts per device-hour, e.g. "4e-5". */
  failureRate?: string | undefined;
  /** Minutes from an interrupt to training again. */
  restartMinutes?: string | undefined;
  /** Aggregate checkpoint write bandwidth, e.g. "100GB/s". */
  checkpointBandwidth?: string | undefined;
  /** Compute between checkpoints, e.g. "30min". */
  checkpointEvery?: string | undefined;
  /** Evaluation time per unit of training time, e.g. "0.02". */
  evalFraction?: string | undefined;
}

/** What each override is called where it was typed (the CLI's flags, the web form's labels). */
export type GoodputFields = Record<keyof GoodputTexts, string>;

/** The CLI's names for the goodput overrides. */
export const GOODPUT_FLAGS: GoodputFields = {
  failureRate: "--failure-rate",
  restartMinutes: "--restart-minutes",
  checkpointBandwidth: "--checkpoint-bandwidth",
  checkpointEvery: "--checkpoint-every",
  evalFraction: "--eval-fraction",
};

/**
 * The goodput options from typed text, the same in the CLI and the web app: numbers ≥ 0 for the rate,
 * the restart minutes and the evaluation fraction, a bandwidth for the checkpoint writes
 * (parseBytesPerSecond) and a duration for the interval (parseDuration). Errors name the field as typed.
 */
export function parseGoodputOptions(t: GoodputTexts, fields: GoodputFields = GOODPUT_FLAGS): GoodputOptions {
  const given = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : v.trim());
  const nonNegative = (k: "failureRate" | "restartMinutes" | "evalFraction", what: string) => {
    const text = given(t[k]);
    if (text === undefined) return undefined;
    const v = Number(text);
    if (!(Number.isFinite(v) && v >= 0)) throw new InputError(fields[k], t[k], what);
    return v;
  };
  const rate = nonNegative("failureRate", "interrupts per device-hour ≥ 0, e.g. 2e-5");
  const restart = nonNegative("restartMinutes", "minutes ≥ 0");
  const evalFraction = nonNegative("evalFraction", "a fraction of training time ≥ 0, e.g. 0.02");
  const bw = given(t.checkpointBandwidth);
  const every = given(t.checkpointEvery);
  return {
    ...(rate !== undefined ? { failuresPerDeviceHour: rate } : {}),
    ...(restart !== undefined ? { restartSeconds: restart * 60 } : {}),
    ...(evalFraction !== undefined ? { evalFraction } : {}),
    ...(bw !== undefined
      ? {
          checkpointBytesPerSecond: parseBytesPerSecond(
            requireUnit(bw, fields.checkpointBandwidth, "100GB/s or 2 TB/s"),
            fields.checkpointBandwidth,
          ),
        }
      : {}),
    ...(every !== undefined
      ? {
          checkpointIntervalSeconds: parseDuration(
            requireUnit(every, fields.checkpointEvery, "30min or 2h"),
            fields.checkpointEvery,
          ),
        }
      : {}),
  };
}

/** The first override typed, if any (so that switching goodput off with one given can be refused). */
function firstGoodputText(t: GoodputTexts): keyof GoodputTexts | undefined {
  return (Object.keys(t) as (keyof GoodputTexts)[]).find((k) => t[k] !== undefined && t[k]!.trim() !== "");
}

/**
 * The goodput setting of a command or a page: the overrides ({@link parseGoodputOptions}) when failures
 * are counted, false when they are left out, in which case any override typed is refused (it would be
 * ignored). `off` names the switch as the user sees it (`--no-goodput`, the page's choice).
 */
export function goodputSetting(
  counted: boolean,
  t: GoodputTexts,
  fields: GoodputFields = GOODPUT_FLAGS,
  off = "--no-goodput",
): GoodputOptions | false {
  if (counted) return parseGoodputOptions(t, fields);
  const k = firstGoodputText(t);
  if (k) throw new InputError(fields[k], t[k], `nothing with ${off}`);
  return false;
}
