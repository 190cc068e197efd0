import { evaluateLaw } from "../laws/evaluateLaw.js";
import { FAMILIES } from "../laws/families.js";
import type { Law } from "../laws/law.js";
import { solveLog } from "../laws/solveLog.js";
import type { LawParams } from "../laws/types.js";
import { optimalForCompute, optimalForTarget } from "../project/computeOptimal.js";
import { InputError } from "../units/InputError.js";

/** What a law says one run needs: parameters N, data D (tokens or samples) and the loss reached. */
export interface Requirement {
  params: number;
  tokens: number;
  loss: number;
}

/**
 * N and D for one set of law parameters (the point estimate or one bootstrap draw), for a target loss or a
 * compute budget C (FLOP, C ≈ 6ND, Kaplan et al. 2020 §2.1), optionally with N or D fixed:
 * - L(N, D) laws: the compute-optimal split (Hoffmann et al. 2022 App. D.2), or the other input solved
 *   from L(N, D) = target with one fixed; with both fixed, the loss L(N, D) they reach (no goal needed);
 * - learning curves (HAD19): D = m* from the curve and N = p(m*) = σ·m*^βp from the model-size law
 *   (HAD19 eq. 1–2); for a budget, m solves 6·p(m)·m = C; with D fixed, the loss is the curve at D.
 * `loss` is always what (N, D) reach under these parameters (the target itself when solved for it).
 * Returns null when this parameter set cannot reach the target (see {@link lowestReachableLoss}).
 */
export function requirementFor(
  law: Law,
  p: LawParams,
  goal: { target?: number; flops?: number },
  fixed: { params?: number; tokens?: number } = {},
  size?: { sigma: number; betaP: number },
): Requirement | null {
  const { target, flops } = goal;
  const fam = FAMILIES[law.family];
  if (fam.kind === "nd") {
    const L = (n: number, d: number) => evaluateLaw(fam, p, n, d);
    if (fixed.params !== undefined && fixed.tokens !== undefined)
      return { params: fixed.params, tokens: fixed.tokens, loss: L(fixed.params, fixed.tokens) };
    if (fixed.params !== undefined) {
      const n = fixed.params;
      if (flops !== undefined) return { params: n, tokens: flops / (6 * n), loss: L(n, flops / (6 * n)) };
      const d = fam.invert(p, target!, n);
      return Number.isFinite(d) ? { params: n, tokens: d, loss: target! } : null;
    }
    if (fixed.tokens !== undefined) {
      const d = fixed.tokens;
      if (flops !== undefined) return { params: flops / (6 * d), tokens: d, loss: L(flops / (6 * d), d) };
      const n = solveLog((n) => L(n, d) - target!, 1, 1e30);
      return n === null ? null : { params: n, tokens: d, loss: target! };
    }
    const a =
      flops !== undefined
        ? optimalForCompute(law.family, p, flops)
        : optimalForTarget(law.family, p, target!);
    return a ? { params: a.params, tokens: a.tokens, loss: a.loss } : null;
  }
  if (fam.kind === "ns")
    throw new InputError("law", law.name, "an L(N, D) law or a learning curve (L(N, S) cannot size data)");
  const model = (m: number) =>
    fixed.params ?? (size ? size.sigma * m ** size.betaP * (law.modelSize?.paramsPerUnit ?? 1) : Number.NaN);
  if (fixed.params === undefined && !size)
    throw new InputError(
      "params",
      undefined,
      `a model size (--params) or a law with HAD19's p(m) (${law.name} has none)`,
    );
  if (fixed.tokens !== undefined)
    return { params: model(fixed.tokens), tokens: fixed.tokens, loss: evaluateLaw(fam, p, fixed.tokens) };
  if (flops !== undefined) {
    const m = solveLog((m) => 6 * model(m) * m - flops, 1, 1e40);
    if (m === null) return null;
    return { params: model(m), tokens: m, loss: evaluateLaw(fam, p, m) };
  }
  const m = fam.invert(p, target!);
  if (!Number.isFinite(m)) return null;
  return { params: model(m), tokens: m, loss: target! };
}

/**
 * The lowest loss a law reaches with N or D held (the other unbounded, 1e30), or its irreducible
 * floor with neither: what a refused target is compared with.
 */
export function lowestReachableLoss(law: Law, fixed: { params?: number; tokens?: number } = {}): number {
  const fam = FAMILIES[law.family];
  if (fam.kind === "nd") return evaluateLaw(fam, law.params, fixed.params ?? 1e30, fixed.tokens ?? 1e30);
  if (fam.kind === "curve")
    return fixed.tokens !== undefined ? evaluateLaw(fam, law.params, fixed.tokens) : fam.floor(law.params);
  return fam.floor(law.params);
}
