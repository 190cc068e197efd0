import { evaluateLaw } from "../laws/evaluateLaw.js";
import { FAMILIES } from "../laws/families.js";
import type { Law } from "../laws/law.js";
import type { LawParams } from "../laws/types.js";
import { formatCell } from "../units/formatNumber.js";
import { InputError } from "../units/InputError.js";
import type { BudgetUse, ForecastInput } from "./forecastTypes.js";
import { type Goodput, goodput, NO_GOODPUT_LOSS } from "./goodput.js";
import { type ChainContext, type ChainResult, runChain } from "./runChain.js";

/** Achieved fraction of peak assumed before the first layout search, to turn a money budget into FLOP. */
const FIRST_GUESS_MFU = 0.4;

/** A chain made into a plan: whole optimizer steps, the tokens they train on and the loss they reach. */
export interface PlannedRun {
  chain: ChainResult;
  goodput: Goodput;
  /** Whole optimizer steps: enough for D under a target, as many as fit under a budget. */
  steps: number;
  /** Tokens (samples) trained: steps × tokens per step. */
  tokens: number;
  /** The law's loss at (N, tokens). */
  loss: number;
  /** The law's compute goal the draws share: the target, or 6·N·tokens under a budget. */
  goal: { target?: number; flops?: number };
  budget: BudgetUse | null;
}

/** The law's loss at (N, D) for a parameter set (learning curves: at D). */
export function lossAt(law: Law, p: LawParams, params: number, tokens: number): number {
  const fam = FAMILIES[law.family];
  return fam.kind === "nd" ? evaluateLaw(fam, p, params, tokens) : evaluateLaw(fam, p, tokens);
}

/** Whether N and D are both determined without a goal (L(N, D) with both fixed; a curve with D fixed). */
export function runIsFixed(law: Law, fixed: ForecastInput["fixed"] = {}): boolean {
  const kind = FAMILIES[law.family].kind;
  return fixed.tokens !== undefined && (kind === "curve" || fixed.params !== undefined);
}

/** The goodput of a chain's run (failures, restarts, checkpoints, evaluation), or none when switched off. */
export function goodputOf(input: ForecastInput, chain: ChainResult): Goodput {
  return input.goodput === false
    ? NO_GOODPUT_LOSS
    : goodput(chain.best.devices, chain.checkpointBytes, input.goodput ?? {});
}

const BUDGET_UNIT = { flops: "FLOP", dollars: "dollars", deviceHours: "device-hours", deadline: "seconds" };

/** The budget's kind and limit. */
function budgetOf(input: ForecastInput): { kind: BudgetUse["kind"]; limit: number } {
  const b = input.budget!;
  if (b.flops !== undefined) return { kind: "flops", limit: b.flops };
  if (b.dollars !== undefined) return { kind: "dollars", limit: b.dollars };
  if (b.deviceHours !== undefined) return { kind: "deviceHours", limit: b.deviceHours };
  if (b.deadlineSeconds !== undefined) return { kind: "deadline", limit: b.deadlineSeconds };
  throw new InputError("budget", b, "one of flops, dollars, device-hours or a deadline");
}

/** What one optimizer step of a chain costs in the budget's unit (wall time includes goodput losses). */
function perStep(kind: BudgetUse["kind"], chain: ChainResult, g: Goodput, price: number | undefined): number {
  const wall = chain.best.step.seconds / g.fraction;
  const devices = chain.best.devices;
  switch (kind) {
    case "flops":
      return chain.flopsPerToken * chain.globalBatch * chain.seq;
    case "deadline":
      return wall;
    case "deviceHours":
      return (devices * wall) / 3600;
    case "dollars":
      return ((devices * wall) / 3600) * price!;
  }
}

function describe(kind: BudgetUse["kind"], v: number): string {
  if (kind === "dollars") return `$${formatCell(v)}`;
  if (kind === "deadline") return `${formatCell(v / 86400)} days`;
  return `${formatCell(v)} ${BUDGET_UNIT[kind]}`;
}

function planned(
  input: ForecastInput,
  chain: ChainResult,
  g: Goodput,
  steps: number,
  goal: PlannedRun["goal"],
): PlannedRun {
  const tokens = steps * chain.globalBatch * chain.seq;
  return {
    chain,
    goodput: g,
    steps,
    tokens,
    loss: lossAt(input.law, input.law.params, chain.req.params, tokens),
    goal,
    budget: null,
  };
}

/**
 * The run a forecast plans. Without a budget: the chain for the target (or the fixed N and D), with
 * steps rounded up so that at least D is trained. With a budget the plan must fit inside it after the
 * model is shaped and the steps rounded (issue 13): the law's compute C is found by a fixed point
 * (C ← 6·N(C)·D_max, where D_max is the data the budget buys on the chain's shaped model and layout,
 * goodput included), then the steps are the most whole steps the budget pays for; with D fixed the
 * model shrinks until D fits; with N and D both fixed, a plan over the budget is refused with the
 * amount it needs. A budget too small for one step is refused with what one step costs.
 */
export function planRun(input: ForecastInput, ctx: ChainContext): PlannedRun {
  if (!input.budget) {
    const goal = input.target !== undefined ? { target: input.target } : {};
    const chain = runChain(input, goal, ctx);
    if (
      input.target !== undefined &&
      runIsFixed(input.law, input.fixed) &&
      chain.req.loss > input.target * (1 + 1e-12)
    )
      throw new InputError(
        "target",
        input.target,
        `a loss the fixed run reaches: N = ${formatCell(chain.req.params)}, D = ${formatCell(chain.req.tokens)} reach ${formatCell(chain.req.loss, 4)}`,
      );
    const steps = Math.max(1, Math.ceil(chain.steps * (1 - 1e-12)));
    return planned(input, chain, goodputOf(input, chain), steps, goal);
  }
  const { kind, limit } = budgetOf(input);
  const price = ctx.accelerator.price?.dollarsPerHour;
  if (kind === "dollars" && price === undefined)
    throw new InputError(
      "hardware",
      ctx.accelerator.name,
      "an accelerator with a price for a dollar budget (or --price-per-hour)",
    );
  // first guess of the law's compute: the budget at 40% of peak (FLOP budgets: the budget itself)
  const peak = ctx.accelerator.peakFlopsPerSecond.bf16 ?? ctx.accelerator.peakFlopsPerSecond.fp32;
  const devices0 = input.devices ?? input.maxDevices ?? 256;
  const seconds0 = {
    flops: 0,
    dollars: ((limit / (price ?? 1)) * 3600) / devices0,
    deviceHours: (limit * 3600) / devices0,
    deadline: limit,
  }[kind];
  let c = kind === "flops" ? limit : seconds0 * devices0 * FIRST_GUESS_MFU * peak;
  let chain = runChain(input, { flops: c }, ctx);
  let g = goodputOf(input, chain);
  const fixedTokens = input.fixed?.tokens;
  for (let i = 0; i < 16; i++) {
    const dMax = Math.floor(limit / perStep(kind, chain, g, price)) * chain.globalBatch * chain.seq;
    const next = 6 * chain.req.params * Math.max(dMax, 1);
    // 0.1%: the split is then within 0.1% of the optimum's compute; whole steps keep the budget anyway
    const settled = Math.abs(next / c - 1) < 1e-3;
    c = next;
    const both = runIsFixed(input.law, input.fixed);
    if (settled || both) break;
    chain = runChain(input, { flops: c }, ctx);
    g = goodputOf(input, chain);
  }
  // whole steps within the budget; with D fixed, shrink the model until D fits
  for (let shrink = 0; ; shrink++) {
    const cost = perStep(kind, chain, g, price);
    const affordable = Math.floor(limit / cost);
    const need =
      fixedTokens === undefined
        ? affordable
        : Math.ceil((fixedTokens / (chain.globalBatch * chain.seq)) * (1 - 1e-12));
    if (affordable >= 1 && need <= affordable) {
      const plan = planned(input, chain, g, need, {
        flops: 6 * chain.req.params * need * chain.globalBatch * chain.seq,
      });
      plan.budget = { kind, limit, used: need * cost, unit: BUDGET_UNIT[kind] };
      return plan;
    }
    if (affordable < 1 || runIsFixed(input.law, input.fixed) || shrink >= 8) {
      const steps = Math.max(need, 1);
      throw new InputError(
        "budget",
        describe(kind, limit),
        `a budget the run fits: ${steps} step${steps === 1 ? "" : "s"} of the ${formatCell(chain.shapedParams)}-parameter model on ${chain.best.devices} x ${ctx.accelerator.name} need ${describe(kind, steps * cost)}, ${formatCell((steps * cost) / limit)}x the budget`,
      );
    }
    // shapes are discrete: shrink by the overshoot and 1% more each time the shape did not move
    c *= Math.min(1, affordable / need) * 0.99 ** (shrink + 1);
    chain = runChain(input, { flops: c }, ctx);
    g = goodputOf(input, chain);
  }
}
