import { evaluateLaw } from "../laws/evaluateLaw.js";
import { FAMILIES } from "../laws/families.js";
import type { Law } from "../laws/law.js";
import type { LawParams } from "../laws/types.js";
import { InputError } from "../units/InputError.js";
import { optimalForCompute, optimalForTarget } from "./computeOptimal.js";
import { type Interval, intervalOf } from "./interval.js";

/** Projection of what a target (or a compute budget) needs, with 95% intervals from the bootstrap. */
export interface Projection {
  law: string;
  target: number | null;
  /** Data needed: HAD19's m* for learning curves, tokens D for L(N, D) laws. */
  data: Interval;
  /** Model size: HAD19's p(m*) in parameters, or N for L(N, D) laws; null when the law has no model-size part. */
  model: Interval | null;
  /** Training FLOP C = 6ND for L(N, D) laws. */
  compute: Interval | null;
  /** Loss reached (budget mode, or the target itself). */
  loss: Interval;
  /** m* / m_now, relative to today's data (HAD19 Table 1). */
  dataScale: Interval | null;
  /** (m* / m_now)^βp, relative to today's model (HAD19 Table 1). */
  modelScale: Interval | null;
  /** How far past the largest measured input the projection reaches, and other cautions. */
  warnings: string[];
}

/** Options of {@link projectTarget}: a target loss/error, or (L(N, D) laws) a compute budget in FLOP. */
export interface ProjectOptions {
  target?: number;
  computeFlops?: number;
}

const EXTRAPOLATION_WARN_RATIO = 10;

function extrapolationWarning(what: string, needed: number, largest: number | undefined): string[] {
  if (largest === undefined || !(needed > largest * EXTRAPOLATION_WARN_RATIO)) return [];
  return [
    `extrapolation: ${what} ${needed.toPrecision(3)} is ${(needed / largest).toPrecision(3)}x the largest measured (${largest.toPrecision(3)}); the projection assumes the law holds that far`,
  ];
}

function drawsOf(law: Law): LawParams[] | undefined {
  return law.draws && law.draws.length >= 2 ? law.draws : undefined;
}

function projectLearningCurve(law: Law, target: number): Projection {
  const family = FAMILIES[law.family];
  const floor = family.floor(law.params);
  if (!(target > floor))
    throw new InputError(
      "target",
      target,
      `a value above the irreducible error ${floor.toPrecision(4)} of ${law.name}`,
    );
  const problem = family.check?.(law.params) ?? null;
  if (problem !== null) throw new InputError("law", law.name, problem);
  const m = family.invert(law.params, target);
  const draws = drawsOf(law);
  const mDraws = draws?.map((d) => family.invert(d, target));
  const warnings = extrapolationWarning("data size", m, law.fittedMax?.x);
  const unreachable = mDraws?.filter((v) => v === Number.POSITIVE_INFINITY).length ?? 0;
  if (unreachable > 0)
    warnings.push(
      `near the floor: in ${unreachable} of ${mDraws!.length} bootstrap draws the target is at or below the irreducible error`,
    );
  const ref = law.reference?.data;
  const size = law.modelSize;
  const scale = (x: number) => (ref ? x / ref : Number.NaN);
  // HAD19 eq. 2, p(m) = σ·m^βp; a fitted model-size law's draws pair with the learning curve's draws
  // (same seed, same resampled rows), so draw k of both comes from resample k.
  const params = (s: { sigma: number; betaP: number }, x: number) =>
    s.sigma * x ** s.betaP * (size?.paramsPerUnit ?? 1);
  const sizeDraw = (k: number) => size?.draws?.[k] ?? size!;
  return {
    law: law.name,
    target,
    data: intervalOf(m, mDraws),
    model: size
      ? intervalOf(
          params(size, m),
          mDraws?.map((x, k) => params(sizeDraw(k), x)),
        )
      : null,
    compute: null,
    loss: { value: target, ci95: null },
    dataScale: ref ? intervalOf(scale(m), mDraws?.map(scale)) : null,
    modelScale:
      ref && size
        ? intervalOf(
            scale(m) ** size.betaP,
            mDraws?.map((x, k) => scale(x) ** sizeDraw(k).betaP),
          )
        : null,
    warnings,
  };
}

function projectNDLaw(law: Law, options: ProjectOptions): Projection {
  const draws = drawsOf(law);
  const { target, computeFlops } = options;
  const solve = (p: LawParams) =>
    computeFlops !== undefined
      ? optimalForCompute(law.family, p, computeFlops)
      : optimalForTarget(law.family, p, target!);
  const point = solve(law.params);
  if (!point) {
    const floor = FAMILIES[law.family].floor(law.params);
    throw new InputError(
      "target",
      target,
      `a loss above the irreducible loss E = ${floor.toPrecision(4)} of ${law.name}`,
    );
  }
  const all = draws?.map(solve);
  const pick = (f: (a: NonNullable<ReturnType<typeof solve>>) => number) =>
    all?.map((a) => (a ? f(a) : Number.POSITIVE_INFINITY));
  const warnings = [
    ...extrapolationWarning("parameters", point.params, law.fittedMax?.n),
    ...extrapolationWarning("tokens", point.tokens, law.fittedMax?.d),
  ];
  const unreachable = all?.filter((a) => a === null).length ?? 0;
  if (unreachable > 0)
    warnings.push(
      `near the floor: in ${unreachable} of ${all!.length} bootstrap draws the target is at or below the irreducible loss`,
    );
  return {
    law: law.name,
    target: target ?? null,
    data: intervalOf(
      point.tokens,
      pick((a) => a.tokens),
    ),
    model: intervalOf(
      point.params,
      pick((a) => a.params),
    ),
    compute: intervalOf(
      point.flops,
      pick((a) => a.flops),
    ),
    loss: intervalOf(point.loss, computeFlops !== undefined ? pick((a) => a.loss) : undefined),
    dataScale: null,
    modelScale: null,
    warnings,
  };
}

/**
 * Invert a law: what data and model a target loss or error needs (HAD19 §3: m* = (ε* /α)^(1/βg), model
 * scale (m* / m_now)^βp), or for L(N, D) laws the compute-optimal N, D and C = 6ND for a target or a
 * budget (Hoffmann et al. 2022 App. D.2). Intervals come from pushing every bootstrap draw through the
 * same inversion. A target at or below the irreducible error is an InputError stating both numbers.
 */
export function projectTarget(law: Law, options: ProjectOptions): Projection {
  const { target, computeFlops } = options;
  if (target === undefined && computeFlops === undefined)
    throw new InputError(
      "target",
      undefined,
      "a target loss/error (--target) or a compute budget (--compute)",
    );
  if (target !== undefined && !(target > 0 && Number.isFinite(target)))
    throw new InputError("target", target, "a finite positive loss or error");
  switch (FAMILIES[law.family].kind) {
    case "curve":
      if (target === undefined)
        throw new InputError("target", undefined, `a target error for the ${law.family} law`);
      return projectLearningCurve(law, target);
    case "nd":
      return projectNDLaw(law, options);
    case "ns":
      throw new InputError(
        "law",
        law.name,
        "an L(N, D) or learning-curve law; use lossAt or stepsForTarget for L(N, S)",
      );
  }
}

/** The loss a law predicts at given inputs (x; or N with D or S). */
export function lossAt(law: Law, a: number, b?: number): Interval {
  const fam = FAMILIES[law.family];
  if (fam.inputs.length === 2 && b === undefined)
    throw new InputError(
      fam.inputs[1]!,
      undefined,
      `a value for ${fam.inputs[1]} (the ${law.family} law has two inputs)`,
    );
  const at = (p: LawParams) => evaluateLaw(fam, p, a, b);
  return intervalOf(at(law.params), drawsOf(law)?.map(at));
}

/**
 * An L(N, S) law inverted for steps with the family's `invert` (Kaplan et al. 2020 eq. 1.6:
 * S_min = S_c / (L* − (N_c/N)^αN)^(1/αS)); an InputError naming the loss a model of N parameters reaches
 * with unlimited steps when N alone cannot reach the target.
 */
export function stepsForTarget(law: Law, params: number, target: number): Interval {
  const family = FAMILIES[law.family];
  if (family.kind !== "ns")
    throw new InputError("law", law.name, "an L(N, S) law (kaplan-ns) to solve for steps");
  const s = (p: LawParams) => family.invert(p, target, params);
  const value = s(law.params);
  if (!Number.isFinite(value))
    throw new InputError(
      "target",
      target,
      `a loss above ${evaluateLaw(family, law.params, params, UNLIMITED_STEPS).toPrecision(4)}, the limit of a ${params.toPrecision(3)}-parameter model`,
    );
  return intervalOf(value, drawsOf(law)?.map(s));
}

/** Steps standing in for S → ∞ when evaluating an L(N, S) law's limit in N alone. */
const UNLIMITED_STEPS = 1e300;
