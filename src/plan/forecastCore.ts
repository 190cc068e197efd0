import { gridIntensity } from "../hardware/grid.js";
import { FAMILIES } from "../laws/families.js";
import { runCost } from "./runCost.js";
import { intervalOf, type Interval } from "../project/interval.js";
import { InputError } from "../units/InputError.js";
import { forecastDraws, pushDraws } from "./forecastDraws.js";
import { forecastSeries } from "./forecastSeries.js";
import type { Forecast, ForecastInput } from "./forecastTypes.js";
import { type ChainResult, DEFAULT_DEVICES, runChain } from "./runChain.js";

/** Achieved fraction of peak assumed before the first layout search, to turn a money budget into FLOP. */
const FIRST_GUESS_MFU = 0.4;

/** Compute a money, device-hour or deadline budget buys at the achieved throughput of a chain result. */
function flopsForBudget(input: ForecastInput, flopsPerSecondPerDevice: number, devices: number): number {
  const b = input.budget!;
  if (b.flops !== undefined) return b.flops;
  if (b.deviceHours !== undefined) return b.deviceHours * 3600 * flopsPerSecondPerDevice;
  if (b.dollars !== undefined) {
    const price = input.accelerator.price?.dollarsPerHour;
    if (price === undefined)
      throw new InputError(
        "hardware",
        input.accelerator.name,
        "an accelerator with a price for a dollar budget",
      );
    return (b.dollars / price) * 3600 * flopsPerSecondPerDevice;
  }
  if (b.deadlineSeconds !== undefined) return b.deadlineSeconds * devices * flopsPerSecondPerDevice;
  throw new InputError("budget", b, "one of flops, dollars, device-hours or a deadline");
}

/**
 * The whole chain of DESIGN.md in one call (the forecast of `scalecast forecast`): the law (with its
 * bootstrap draws) gives N and D for the target or budget; a model is shaped to N; its training step is
 * costed; the layout search picks the best parallel layout on the hardware; the global batch comes from
 * Kaplan's critical batch at the target loss; steps = D / tokens per step; time, device-hours, dollars,
 * energy (every device at TDP × PUE) and CO2 (× grid intensity) follow. Every output carries a 95%
 * interval from pushing the law's bootstrap draws ({@link forecastDraws}: all of them unless `maxDraws`
 * says fewer) through the chain ({@link pushDraws}: with the chosen layout's throughput held fixed, time
 * and cost scale with N·D per draw); a sensitivity table gives the % change of each output when each
 * input moves +10% ({@link forecast} adds it; this is the chain without it, which the table re-runs).
 */
export function forecastCore(input: ForecastInput): Forecast {
  const { maxDraws = Number.POSITIVE_INFINITY } = input;
  if (input.target === undefined && input.budget === undefined)
    throw new InputError("target", undefined, "a target loss (--target) or a budget (--budget-*)");
  let goal: { target?: number; flops?: number };
  let chain: ChainResult;
  if (input.budget) {
    const peak = input.accelerator.peakFlopsPerSecond.bf16 ?? input.accelerator.peakFlopsPerSecond.fp32;
    let perDevice = FIRST_GUESS_MFU * peak;
    let devices = input.devices ?? input.maxDevices ?? DEFAULT_DEVICES;
    goal = { flops: flopsForBudget(input, perDevice, devices) };
    chain = runChain(input, goal);
    // fixed point: the law's budget is in its own FLOP (C ≈ 6ND), so the achieved rate is 6N·tokens/s
    for (let i = 0; i < 12 && input.budget.flops === undefined; i++) {
      devices = chain.best.devices;
      perDevice = (6 * chain.req.params * chain.best.tokensPerSecond) / devices;
      const next = flopsForBudget(input, perDevice, devices);
      const settled = Math.abs(next / goal.flops! - 1) < 1e-4;
      goal = { flops: next };
      chain = runChain(input, goal);
      if (settled) break;
    }
  } else {
    goal = { target: input.target! };
    chain = runChain(input, goal);
  }
  const { req, best } = chain;
  const region = input.region ?? "world";
  const flops = chain.flopsPerToken * req.tokens;
  const cost = runCost({
    units: req.tokens,
    unitsPerSecond: best.tokensPerSecond,
    devices: best.devices,
    tdpWatts: input.accelerator.tdpWatts,
    dollarsPerHour: input.accelerator.price?.dollarsPerHour,
    region,
    ...(input.pue !== undefined ? { pue: input.pue } : {}),
  });

  // push the bootstrap draws through the chain: N_k, D_k from the law; time and money ∝ N_k·D_k
  const outcomes = pushDraws(input, goal, forecastDraws(input.law, maxDraws), req);
  const reqs = outcomes.map((o) => o.req);
  const scaled = (v: number) => (reqs.length >= 2 ? outcomes.map((o) => v * o.costRatio) : undefined);
  const iv = (v: number) => intervalOf(v, scaled(v));
  const days = cost.train.seconds / 86400;

  const warnings: string[] = [];
  const floor = FAMILIES[input.law.family].floor(input.law.params);
  if (input.target !== undefined && floor > 0 && (input.target - floor) / input.target < 0.05)
    warnings.push(
      `target ${input.target} is within 5% of the irreducible loss ${floor.toPrecision(4)}: small errors in the floor move the requirement a lot`,
    );
  const unreachable = reqs.filter((r) => r === null).length;
  if (unreachable > 0)
    warnings.push(
      `in ${unreachable} of ${reqs.length} bootstrap draws the target is at or below the irreducible loss: the upper bounds are infinite`,
    );
  const fittedMax = input.law.fittedMax;
  const far = (what: string, need: number, have: number | undefined) => {
    if (have !== undefined && need > 10 * have)
      warnings.push(
        `extrapolation: ${what} ${need.toPrecision(3)} is ${(need / have).toPrecision(3)}x the largest measured (${have.toPrecision(3)})`,
      );
  };
  far("parameters", req.params, fittedMax?.n);
  far("data", req.tokens, fittedMax?.d ?? fittedMax?.x);
  if (chain.critical !== null && chain.globalBatch > chain.critical)
    warnings.push(
      `global batch ${chain.globalBatch} is past the critical batch ${Math.round(chain.critical)} (Kaplan et al. 2020 §5.1): more steps' worth of data per unit of progress`,
    );
  if (best.memory.perDeviceBytes > 0.9 * best.memory.capacityBytes)
    warnings.push(
      `layout uses ${((100 * best.memory.perDeviceBytes) / best.memory.capacityBytes).toFixed(0)}% of device memory: little headroom for fragmentation`,
    );
  if (input.devices === undefined && input.maxDevices === undefined)
    warnings.push(`no device count given: assumed ${DEFAULT_DEVICES}`);

  const kgPerKWh = gridIntensity(region);
  const result: Forecast = {
    law: input.law.name,
    target: input.target ?? null,
    loss: intervalOf(req.loss, reqs.length >= 2 ? reqs.map((r) => (r ? r.loss : Number.NaN)) : undefined),
    model: {
      spec: chain.spec,
      params: intervalOf(
        req.params,
        reqs.length >= 2 ? reqs.map((r) => r?.params ?? Number.POSITIVE_INFINITY) : undefined,
      ),
      shapedParams: chain.shapedParams,
    },
    data: {
      tokens: intervalOf(
        req.tokens,
        reqs.length >= 2 ? reqs.map((r) => r?.tokens ?? Number.POSITIVE_INFINITY) : undefined,
      ),
      dataScale: input.law.reference
        ? scaleOf(
            req.tokens / input.law.reference.data,
            reqs.map((r) => (r ? r.tokens / input.law.reference!.data : Number.POSITIVE_INFINITY)),
          )
        : null,
      modelScale:
        input.law.reference && input.law.modelSize
          ? scaleOf(
              (req.tokens / input.law.reference.data) ** input.law.modelSize.betaP,
              outcomes.map(({ req: r, draw }) =>
                r
                  ? (r.tokens / input.law.reference!.data) ** (draw.size?.betaP ?? input.law.modelSize!.betaP)
                  : Number.POSITIVE_INFINITY,
              ),
            )
          : null,
    },
    compute: { flops: iv(flops) },
    hardware: input.accelerator.name,
    layout: best.layout,
    step: { seconds: best.step.seconds, breakdown: best.step.breakdown },
    mfu: best.mfu,
    hfu: best.hfu,
    memory: { perDeviceBytes: best.memory.perDeviceBytes, capacityBytes: best.memory.capacityBytes },
    batch: {
      global: chain.globalBatch,
      critical: chain.critical,
      tokensPerStep: chain.globalBatch * chain.seq,
    },
    steps: iv(chain.steps),
    devices: best.devices,
    train: { days: iv(days), deviceHours: iv(cost.train.deviceHours) },
    cost: {
      dollars: cost.cost.dollars === null ? null : iv(cost.cost.dollars),
      dollarsPerDeviceHour: cost.cost.dollarsPerDeviceHour,
    },
    energy: { kWh: iv(cost.energy.kWh), pue: cost.energy.pue, powerModel: cost.energy.powerModel },
    co2: { kg: iv(cost.co2.kg), region, kgPerKWh },
    sensitivity: [],
    warnings,
    series: forecastSeries(input, chain),
    draws: reqs.length,
  };
  return result;
}

function scaleOf(value: number, draws: number[]): Interval {
  return intervalOf(value, draws.length >= 2 ? draws : undefined);
}
