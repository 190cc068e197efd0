import type { Law } from "../laws/law.js";
import type { LawParams } from "../laws/types.js";
import type { ForecastInput } from "./forecastTypes.js";
import { type Requirement, requirementFor } from "./requirement.js";

/** One bootstrap draw of a law as the forecast uses it: the law's parameters and its p(m), paired. */
export interface ForecastDraw {
  /** Resample index in the law's draws. */
  index: number;
  params: LawParams;
  /** HAD19's p(m) of the same resample (or the point p(m) when the law's size draws do not pair). */
  size: { sigma: number; betaP: number } | undefined;
}

/**
 * The draws a forecast pushes through the chain: every bootstrap draw of the law, so that its intervals
 * equal `projectTarget`'s (what `fit --target` prints) for the same runs and target; with `maxDraws`, the
 * first `maxDraws` resamples (bootstrap resamples are independent and identically distributed, so the
 * first K are a smaller bootstrap, and the same K on every run). Fewer than two draws give none
 * (no interval).
 */
export function forecastDraws(law: Law, maxDraws = Number.POSITIVE_INFINITY): ForecastDraw[] {
  const all = law.draws ?? [];
  const count = Math.min(all.length, Math.max(0, Math.floor(maxDraws)));
  if (count < 2) return [];
  const sizes = law.modelSize?.draws;
  return all.slice(0, count).map((params, index) => ({
    index,
    params,
    size: sizes?.[index] ?? law.modelSize,
  }));
}

/** A draw after the chain: its requirement (null when it cannot reach the goal) and its cost factor. */
export interface DrawOutcome {
  draw: ForecastDraw;
  req: Requirement | null;
  /**
   * Time, energy and money of this draw relative to the point forecast. Today N_k·D_k / N·D: the chosen
   * layout's throughput held fixed, so time scales with the work 6·N·D. +Infinity when unreachable.
   */
  costRatio: number;
}

/**
 * Push each draw through the chain for a goal: the law's requirement (N_k, D_k) per draw, and how the
 * outputs scale. This is the one place to change when every draw gets its own shaped model and layout
 * search instead of the point forecast's throughput.
 */
export function pushDraws(
  input: ForecastInput,
  goal: { target?: number; flops?: number },
  draws: readonly ForecastDraw[],
  point: Requirement,
): DrawOutcome[] {
  return draws.map((draw) => {
    const req = requirementFor(input.law, draw.params, goal, input.fixed ?? {}, draw.size);
    const costRatio = req
      ? (req.params * req.tokens) / (point.params * point.tokens)
      : Number.POSITIVE_INFINITY;
    return { draw, req, costRatio };
  });
}
