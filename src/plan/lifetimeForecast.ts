import type { Accelerator } from "../hardware/accelerator.js";
import { InputError } from "../units/InputError.js";
import type { ModelSpec } from "../workload/modelSpec.js";
import { forecast } from "./forecast.js";
import type { Forecast, ForecastInput } from "./forecastTypes.js";
import type { KvFormat, WeightFormat } from "./inferenceFormats.js";
import { inferencePlan } from "./inferencePlan.js";
import { type LifetimePoint, lifetimeOptimum, smallestParams } from "./lifetime.js";
import { shapeDecoder } from "./shapeDecoder.js";
import { shapeToParams } from "./shapeToParams.js";

/** How the model will be served over its life (`forecast --serve-tokens`). */
export interface ServingDemand {
  /** Tokens served over the model's life, prompt and output together (Sardana et al.'s D_inf). */
  servedTokens: number;
  /** Serving hardware; default the training accelerator. */
  accelerator?: Accelerator;
  /** Mean prompt and output tokens per request; default 1024 and 256 (as `scalecast inference`). */
  prompt?: number;
  output?: number;
  weights?: WeightFormat;
  kv?: KvFormat;
  /** Model sizes at which the serving model is run (log-spaced, a power law fitted through); default 5. */
  samples?: number;
}

/** The lifetime block of a forecast (JSON keys of issue 15's contract plus the detail behind them). */
export interface LifetimeSummary {
  /** Training dollars of the chosen model (the forecast's own run at N*). */
  trainDollars: number;
  /** Serving dollars of the served tokens at N*. */
  serveDollars: number;
  totalDollars: number;
  /** Train and serve the Chinchilla-optimal model of the same loss instead. */
  chinchillaTotalDollars: number;
  servedTokens: number;
  params: number;
  tokens: number;
  chinchilla: LifetimePoint;
  /** Served tokens after which the smaller model's extra training cost is repaid (null: never needed). */
  breakEvenServedTokens: number | null;
  /** Serving dollars per million served tokens at N* and at the Chinchilla N. */
  serveDollarsPerMillionTokens: { chosen: number; chinchilla: number };
  /** The exponent b of the fitted serving cost a·N^b (about 1 when weights dominate, Sardana's 2N). */
  serveCostExponent: number;
  serveHardware: string;
  /** Total cost against N at the loss, for the plot. */
  curve: LifetimePoint[];
  /** What a reader of the lifetime numbers must know (also in the forecast's warnings). */
  warnings: string[];
}

/** A forecast of the lifetime-optimal model, with its lifetime costs. */
export type LifetimeForecast = Forecast & { lifetime: LifetimeSummary };

/**
 * The model that reaches the forecast's loss at the least cost over its life (Sardana et al. 2023):
 * 1. the ordinary forecast gives the loss (the target, or what the budget buys) and, from its layout,
 *    training dollars per 6ND FLOP, held across N (the achieved MFU changes little with size);
 * 2. serving dollars per served token at N come from the serving model (`inferencePlan`: best layout
 *    and batch on the serving hardware, prompt and output mix) for a model shaped to N like the
 *    forecast's (its template scaled, or a decoder shaped to N), at a few log-spaced sizes, with a power
 *    law a·N^b fitted through them (least squares in log-log); a served token is a prompt or output
 *    token, so dollars per output token × output / (prompt + output);
 * 3. `lifetimeOptimum` minimises train + serve along the Chinchilla iso-loss curve; the forecast is run
 *    again with N fixed at the optimum (D from the law), which gives the training dollars reported.
 *
 * @throws InputError when the law is not Chinchilla-form or the model size is fixed by the user.
 */
export function lifetimeForecast(input: ForecastInput, demand: ServingDemand): LifetimeForecast {
  if (input.law.family !== "chinchilla")
    throw new InputError(
      "--serve-tokens",
      demand.servedTokens,
      `a Chinchilla-form law (${input.law.name} is ${input.law.family})`,
    );
  if (input.fixed?.params !== undefined || input.fixed?.tokens !== undefined)
    throw new InputError(
      "--serve-tokens",
      demand.servedTokens,
      "no fixed model size or data (the lifetime optimum chooses them)",
    );
  const { prompt = 1024, output = 256, samples = 5 } = demand;
  const serveAcc = demand.accelerator ?? input.accelerator;
  if (serveAcc.price === undefined)
    throw new InputError("--serve-hardware", serveAcc.name, "an accelerator with a price in the catalog");
  const base = forecast({ ...input, sensitivity: false });
  if (base.cost.dollars === null)
    throw new InputError("--hardware", input.accelerator.name, "an accelerator with a price in the catalog");
  const loss = base.loss.value;
  const trainPerFlop = base.cost.dollars.value / (6 * base.model.params.value * base.data.tokens.value);

  const shape = (n: number): ModelSpec =>
    input.template
      ? shapeToParams(input.template, n)
      : (shapeDecoder(n, { seq: input.seq ?? 2048 }).spec as unknown as ModelSpec);
  const perServedToken = (n: number) => {
    const request = {
      model: shape(n),
      accelerator: serveAcc,
      prompt,
      output,
      ...(demand.weights ? { weights: demand.weights } : {}),
      ...(demand.kv ? { kv: demand.kv } : {}),
    };
    // tensor parallel within a node first (the cheapest per token whenever the model fits a node), the
    // pipeline searched too only when it does not
    let plan;
    try {
      plan = inferencePlan({ ...request, maxPipeline: 1 });
    } catch {
      plan = inferencePlan(request);
    }
    return ((plan.dollarsPerMillionTokens ?? 0) / 1e6) * (output / (prompt + output));
  };
  const lo = Math.log(smallestParams(input.law.params as never, loss) * 1.3);
  const hi = Math.log(base.model.params.value * 2);
  const xs = Array.from({ length: samples }, (_, k) => lo + ((hi - lo) * k) / (samples - 1));
  const ys = xs.map((x) => Math.log(perServedToken(Math.exp(x))));
  // least squares of log $ on log N: the power law smooths the steps that shaping (depth and width
  // rounded to whole layers and heads) puts into the sampled costs
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const slope =
    xs.reduce((a, x, k) => a + (x - mx) * (ys[k]! - my), 0) / xs.reduce((a, x) => a + (x - mx) ** 2, 0);
  const serveDollarsPerToken = (n: number) => Math.exp(my + slope * (Math.log(n) - mx));
  const opt = lifetimeOptimum(input.law.params, {
    loss,
    servedTokens: demand.servedTokens,
    costs: { trainDollarsPerFlop: () => trainPerFlop, serveDollarsPerToken },
  });
  const { budget: _budget, ...rest } = input;
  const chosen = forecast({
    ...rest,
    target: input.target ?? loss,
    fixed: { params: opt.optimum.params },
    sensitivity: false,
  });
  chosen.warnings.push(
    "no sensitivity table for the lifetime optimum: moving an input would move the optimal N itself",
  );
  const trainDollars = chosen.cost.dollars?.value ?? opt.optimum.trainDollars;
  const serveDollars = opt.optimum.serveDollars;
  const warnings: string[] = [];
  if (input.budget?.dollars !== undefined && trainDollars > input.budget.dollars)
    warnings.push(
      `the lifetime-optimal model costs $${trainDollars.toPrecision(3)} to train, more than the $${input.budget.dollars.toPrecision(3)} budget: the budget sets the quality, serving repays the difference`,
    );
  if (!(slope > 0))
    warnings.push(
      `serving cost does not grow with model size in the sampled range (exponent ${slope.toPrecision(3)})`,
    );
  chosen.warnings.push(...warnings);
  return {
    ...chosen,
    lifetime: {
      trainDollars,
      serveDollars,
      totalDollars: trainDollars + serveDollars,
      chinchillaTotalDollars: base.cost.dollars.value + opt.chinchilla.serveDollars,
      servedTokens: demand.servedTokens,
      params: opt.optimum.params,
      tokens: opt.optimum.tokens,
      chinchilla: opt.chinchilla,
      breakEvenServedTokens: opt.breakEvenServedTokens,
      serveDollarsPerMillionTokens: {
        chosen: 1e6 * serveDollarsPerToken(opt.optimum.params),
        chinchilla: 1e6 * serveDollarsPerToken(opt.chinchilla.params),
      },
      serveCostExponent: slope,
      serveHardware: serveAcc.name,
      curve: opt.curve,
      warnings,
    },
  };
}
