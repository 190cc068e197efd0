/** The Forecast page's goodput inputs (failures, restarts, checkpoints, evaluation), as `forecast`'s flags. */
import type { GoodputOptions } from "../../../src/plan/goodput.js";
import { type GoodputFields, type GoodputTexts, goodputSetting } from "../../../src/plan/goodputOptions.js";
import { InputError } from "../../../src/units/InputError.js";
import { param } from "../state.js";
import { field, group, input, select } from "../ui.js";

/** The Goodput fields' labels, which errors name (the CLI names its flags). */
export const GOODPUT_LABELS: GoodputFields = {
  failureRate: "failure rate",
  restartMinutes: "restart minutes",
  checkpointBandwidth: "checkpoint write bandwidth",
  checkpointEvery: "checkpoint interval",
  evalFraction: "evaluation fraction",
};

/** The goodput options of the page's Goodput fields, or false when they are left out (as --no-goodput). */
export function goodputOf(f: Record<string, string>): GoodputOptions | false {
  const texts: GoodputTexts = {
    failureRate: f.failureRate,
    restartMinutes: f.restartMinutes,
    checkpointBandwidth: f.checkpointBandwidth,
    checkpointEvery: f.checkpointEvery,
    evalFraction: f.evalFraction,
  };
  const mode = f.goodput ?? "on";
  if (mode !== "on" && mode !== "off")
    throw new InputError("failures, restarts, checkpoints", mode, '"on" (counted) or "off"');
  return goodputSetting(mode === "on", texts, GOODPUT_LABELS, "failures and checkpoints left out");
}

const opt = (
  name: string,
  label: string,
  placeholder: string,
  hintText: string | undefined,
  errorField: string,
) => field(label, input(name, param(name, ""), { placeholder, "data-error-field": errorField }), hintText);

/** The Goodput fieldset: counted or left out, and each override with the CLI flag's default as placeholder. */
export function goodputSection(): HTMLElement {
  return group(
    "Goodput",
    field(
      "Failures, restarts, checkpoints",
      select(
        "goodput",
        [
          ["on", "counted"],
          ["off", "left out (steps only)"],
        ],
        param("goodput", "on"),
      ),
      "as the CLI's forecast; off: --no-goodput",
    ),
    opt(
      "failureRate",
      "Failure rate (per device-hour)",
      "1.97e-5",
      "Llama 3: 419 in 54 days on 16,384",
      GOODPUT_LABELS.failureRate,
    ),
    opt("restartMinutes", "Restart (minutes)", "15", undefined, GOODPUT_LABELS.restartMinutes),
    opt(
      "checkpointBandwidth",
      "Checkpoint write bandwidth",
      "122 MB/s × devices",
      "e.g. 100GB/s",
      GOODPUT_LABELS.checkpointBandwidth,
    ),
    opt(
      "checkpointEvery",
      "Checkpoint every",
      "Daly's optimum",
      "e.g. 30min",
      GOODPUT_LABELS.checkpointEvery,
    ),
    opt("evalFraction", "Evaluation (fraction of training)", "0", "e.g. 0.02", GOODPUT_LABELS.evalFraction),
  );
}
