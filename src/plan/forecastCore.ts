import { RUN_TIME_PER_HALVING } from "../parallel/objective.js";
import { intervalOf, type Interval } from "../project/interval.js";
import { InputError } from "../units/InputError.js";
import { costRun, type Pricing } from "./forecastCosting.js";
import { forecastDraws, pushDraws } from "./forecastDraws.js";
import { lossAt, planRun, runIsFixed } from "./forecastPlan.js";
import { forecastSeries } from "./forecastSeries.js";
import type { Forecast, ForecastInput, ForecastUnits } from "./forecastTypes.js";
import { combineDraws } from "./forecastUncertainty.js";
import { forecastWarnings } from "./forecastWarnings.js";
import { chainContext, DEFAULT_DEVICES } from "./runChain.js";

/** The law's units as every output labels them (its column names, or a preset's units). */
export function forecastUnits(input: ForecastInput): ForecastUnits {
  const u = input.law.units ?? {};
  return {
    loss: u.y ?? "loss",
    data: u.d ?? u.x ?? "tokens",
    params: u.n ?? "parameters",
  };
}

/** What the device count and layout were chosen for, in one sentence. */
function optimisedSentence(input: ForecastInput, devices: number, priced: boolean): string {
  if (input.devices !== undefined || input.maxDevices === undefined)
    return `the fastest layout (most tokens per second) on ${devices} devices${input.devices === undefined ? ` (no count given: ${DEFAULT_DEVICES} assumed)` : ""}`;
  if (input.budget?.deadlineSeconds !== undefined)
    return `the most tokens per second on up to ${input.maxDevices} devices, so the most training (the best model) the deadline buys: ${devices} devices`;
  return `the fewest ${priced ? "dollars" : "device-hours"} per token on up to ${input.maxDevices} devices (${input.budget ? "the most training the budget buys" : "the cheapest run to the target"}), a run half as long worth ${RUN_TIME_PER_HALVING} more: ${devices} devices`;
}

/**
 * The whole chain of DESIGN.md in one call (the forecast of `scalecast forecast`): the law (with its
 * bootstrap draws) gives N and D for the target, the budget or the fixed run; a model is shaped to N;
 * its training step is costed; the layout search picks the best parallel layout; the global batch is
 * at most Kaplan's critical batch; whole steps = D / tokens per step (as many as the budget pays for,
 * planRun); then the costing (costRun: wall time with goodput, device-hours, dollars, energy, CO2).
 * Every output carries a 95% interval from the law's bootstrap draws ({@link forecastDraws}, pushed
 * through the chain by {@link pushDraws}) combined with the step-time model's out-of-sample error
 * (`modelError`, forecastUncertainty.ts); `intervals` says how much of each comes from which.
 * {@link forecast} adds the sensitivity table (this is the chain without it, which the table re-runs).
 */
export function forecastCore(input: ForecastInput): Forecast {
  const { maxDraws = Number.POSITIVE_INFINITY, seed = 1 } = input;
  if (input.target === undefined && input.budget === undefined && !runIsFixed(input.law, input.fixed))
    throw new InputError(
      "target",
      undefined,
      "a target loss (--target), a budget (--budget-*), or a fixed run (--model-tokens, with --model-params for an L(N, D) law)",
    );
  const ctx = chainContext(input);
  const plan = planRun(input, ctx);
  const { chain, steps, tokens } = plan;
  const best = chain.best;
  const acc = ctx.accelerator;
  const pricing: Pricing = {
    dollarsPerHour: acc.price?.dollarsPerHour ?? null,
    tdpWatts: acc.tdpWatts,
    ...(input.pue !== undefined ? { pue: input.pue } : {}),
    region: input.region ?? "world",
  };
  const cost = costRun(steps, best.step.seconds, best.devices, plan.goodput, pricing);
  const flops = chain.flopsPerToken * tokens;

  // the law's draws through the chain, combined with the step-time model's error
  const outcomes = pushDraws(input, plan.goal, forecastDraws(input.law, maxDraws), chain.req);
  const reqs = outcomes.map((o) => o.req);
  const haveDraws = reqs.length >= 2;
  const budgetKind = plan.budget?.kind;
  const onData = budgetKind !== undefined && budgetKind !== "flops";
  const point = chain.req;
  const dataRatios = reqs.map((r) => (r ? r.tokens / point.tokens : Number.POSITIVE_INFINITY));
  const u = combineDraws(
    onData ? dataRatios : outcomes.map((o) => o.costRatio),
    input.modelError,
    seed,
    onData ? "data and loss" : "time and cost",
  );
  const timed = (v: number): Interval => intervalOf(v, onData ? undefined : u.combined?.map((m) => v * m));
  // draws of N, D and the loss: under a money or time budget the model error scales each draw's D
  const factor = (k: number) => (onData && u.factors.length ? u.factors[k]! : 1);
  const drawsOf = (f: (k: number) => number) =>
    haveDraws
      ? reqs.map((_, k) => f(k))
      : onData && u.factors.length
        ? u.factors.map((_, k) => f(k))
        : undefined;
  // under a budget each draw trains the whole steps its budget buys (the point's rounding ratio);
  // under a target, the law's D itself, so that fit --target and forecast give the same intervals
  const rounding = plan.budget ? tokens / point.tokens : 1;
  const dTrained = (k: number) =>
    haveDraws ? (reqs[k]?.tokens ?? Number.POSITIVE_INFINITY) * rounding * factor(k) : tokens * factor(k);
  const nOf = (k: number) => (haveDraws ? (reqs[k]?.params ?? Number.POSITIVE_INFINITY) : point.params);
  const lossDraw = (k: number) => {
    const r = haveDraws ? reqs[k] : point;
    if (!r) return Number.NaN;
    const p = haveDraws ? outcomes[k]!.draw.params : input.law.params;
    return onData || budgetKind === "flops" || runIsFixed(input.law, input.fixed)
      ? lossAt(input.law, p, r.params, dTrained(k))
      : r.loss;
  };
  const ratioDraws = (v: number, ratio: (k: number) => number) => drawsOf((k) => v * ratio(k));
  const ref = input.law.reference;
  const size = input.law.modelSize;

  const result: Forecast = {
    law: input.law.name,
    units: forecastUnits(input),
    target: input.target ?? null,
    loss: intervalOf(plan.loss, drawsOf(lossDraw)),
    model: {
      spec: chain.spec,
      params: intervalOf(point.params, haveDraws ? drawsOf(nOf) : undefined),
      shapedParams: chain.shapedParams,
    },
    data: {
      tokens: intervalOf(tokens, drawsOf(dTrained)),
      dataScale: ref
        ? intervalOf(
            tokens / ref.data,
            drawsOf((k) => dTrained(k) / ref.data),
          )
        : null,
      modelScale:
        // HAD19's model scale follows p(m); with N fixed by the user it says nothing
        ref && size && input.fixed?.params === undefined
          ? intervalOf(
              (tokens / ref.data) ** size.betaP,
              drawsOf((k) => (dTrained(k) / ref.data) ** (outcomes[k]?.draw.size?.betaP ?? size.betaP)),
            )
          : null,
    },
    compute: {
      // 6·N_k·D_k: the law's draws (and, under a money or time budget, the data the model error buys)
      flops: intervalOf(
        flops,
        onData
          ? ratioDraws(flops, (k) => (nOf(k) * dTrained(k)) / (point.params * tokens))
          : haveDraws
            ? outcomes.map((o) => flops * o.costRatio)
            : undefined,
      ),
    },
    hardware: acc.name,
    layout: best.layout,
    step: { seconds: best.step.seconds, breakdown: best.step.breakdown },
    mfu: best.mfu,
    hfu: best.hfu,
    memory: { perDeviceBytes: best.memory.perDeviceBytes, capacityBytes: best.memory.capacityBytes },
    batch: {
      global: chain.globalBatch,
      critical: chain.critical,
      tokensPerStep: chain.globalBatch * chain.seq,
      seq: chain.seq,
    },
    steps: intervalOf(
      steps,
      onData
        ? ratioDraws(steps, (k) => dTrained(k) / tokens)
        : haveDraws
          ? dataRatios.map((r) => steps * r)
          : undefined,
    ),
    devices: best.devices,
    optimised: optimisedSentence(input, best.devices, pricing.dollarsPerHour !== null),
    budget: plan.budget,
    train: { days: timed(cost.days), deviceHours: timed(cost.deviceHours), breakdown: cost.breakdown },
    goodput: plan.goodput,
    cost: {
      dollars: cost.dollars === null ? null : timed(cost.dollars),
      dollarsPerDeviceHour: pricing.dollarsPerHour,
    },
    energy: {
      kWh: timed(cost.kWh),
      pue: cost.pue,
      powerModel: "every device at TDP for the whole run, times PUE",
    },
    co2: { kg: timed(cost.kgCO2), region: cost.region, kgPerKWh: cost.kgPerKWh },
    sensitivity: [],
    intervals: u.sources,
    warnings: forecastWarnings(input, plan, reqs),
    series: forecastSeries(input, chain, ctx),
    draws: reqs.length,
  };
  return result;
}
