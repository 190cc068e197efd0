import { accelerator } from "../../hardware/catalog.js";
import { forecast } from "../../plan/forecast.js";
import type { Forecast, ForecastInput } from "../../plan/forecastTypes.js";
import { KV_FORMATS, WEIGHT_FORMATS } from "../../plan/inferenceFormats.js";
import { type LifetimeForecast, lifetimeForecast } from "../../plan/lifetimeForecast.js";
import { InputError } from "../../units/InputError.js";
import { formatDollars } from "../../units/formatDollars.js";
import { parseCount } from "../../units/parseCount.js";
import { enumOption } from "../options.js";
import { sig } from "../table.js";
import { keyValues } from "../table.js";

/** The options `forecast` and `budget` take for the lifetime optimum (issue 15). */
export const LIFETIME_ARGS = {
  "serve-tokens": {
    type: "string",
    description:
      "tokens served over the model's life (prompt + output), e.g. 12T: choose N for training + serving",
  },
  "serve-hardware": { type: "string", description: "serving accelerator (default: the training one)" },
  "serve-prompt": { type: "string", description: "serving: prompt tokens per request (default 1024)" },
  "serve-output": { type: "string", description: "serving: output tokens per request (default 256)" },
  "serve-weights": {
    type: "string",
    description: `serving weights ${WEIGHT_FORMATS.join("|")} (default bf16)`,
  },
  "serve-kv": { type: "string", description: `serving KV cache ${KV_FORMATS.join("|")} (default bf16)` },
} as const;

const positiveInteger = (v: string | undefined, field: string) => {
  if (v === undefined) return undefined;
  const n = parseCount(v, field);
  if (!Number.isInteger(n) || n < 1) throw new InputError(field, v, "a positive integer");
  return n;
};

/**
 * The forecast, or with `--serve-tokens` the lifetime-optimal one (`lifetimeForecast`: the model that
 * reaches the same loss at the least training + serving cost, Sardana et al. 2023).
 */
export function forecastWithLifetime(
  args: Record<string, unknown>,
  input: ForecastInput,
): Forecast | LifetimeForecast {
  const served = args["serve-tokens"] as string | undefined;
  if (served === undefined) {
    for (const k of Object.keys(LIFETIME_ARGS))
      if (args[k] !== undefined) throw new InputError(`--${k}`, args[k], "only with --serve-tokens");
    return forecast(input);
  }
  const servedTokens = parseCount(served, "--serve-tokens", { allowUnit: true });
  if (!(servedTokens > 0)) throw new InputError("--serve-tokens", served, "a positive count such as 12T");
  const prompt = positiveInteger(args["serve-prompt"] as string | undefined, "--serve-prompt");
  const output = positiveInteger(args["serve-output"] as string | undefined, "--serve-output");
  const weights = enumOption(args["serve-weights"] as string | undefined, "--serve-weights", WEIGHT_FORMATS);
  const kv = enumOption(args["serve-kv"] as string | undefined, "--serve-kv", KV_FORMATS);
  const hw = args["serve-hardware"] as string | undefined;
  return lifetimeForecast(input, {
    servedTokens,
    ...(hw !== undefined ? { accelerator: accelerator(hw) } : {}),
    ...(prompt !== undefined ? { prompt } : {}),
    ...(output !== undefined ? { output } : {}),
    ...(weights !== undefined ? { weights } : {}),
    ...(kv !== undefined ? { kv } : {}),
  });
}

/** The lifetime lines of a forecast's text output ("" without --serve-tokens). */
export function renderLifetime(f: Forecast | LifetimeForecast): string {
  if (!("lifetime" in f)) return "";
  const l = f.lifetime;
  const c = l.chinchilla;
  return [
    "",
    "",
    `lifetime optimum (Sardana et al. 2023): ${sig(l.servedTokens)} tokens served on ${l.serveHardware}`,
    keyValues([
      ["chosen model", `${sig(l.params)} params trained on ${sig(l.tokens)} tokens`],
      ["Chinchilla-optimal", `${sig(c.params)} params trained on ${sig(c.tokens)} tokens`],
      ["training", formatDollars(l.trainDollars)],
      [
        "serving",
        `${formatDollars(l.serveDollars)} ($${sig(l.serveDollarsPerMillionTokens.chosen)} per million tokens; Chinchilla's $${sig(l.serveDollarsPerMillionTokens.chinchilla)})`,
      ],
      [
        "total",
        `${formatDollars(l.totalDollars)} against ${formatDollars(l.chinchillaTotalDollars)} for the Chinchilla-optimal model (${sig((100 * (l.chinchillaTotalDollars - l.totalDollars)) / l.chinchillaTotalDollars)}% saved)`,
      ],
      [
        "break-even",
        l.breakEvenServedTokens === null
          ? "-"
          : `the smaller model pays back its extra training after ${sig(l.breakEvenServedTokens)} served tokens`,
      ],
    ]),
    ...l.warnings.map((w) => `warning: ${w}`),
  ].join("\n");
}
