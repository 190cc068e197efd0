import { evaluateLaw } from "../laws/evaluateLaw.js";
import { FAMILIES, type FamilyName } from "../laws/families.js";
import { type Allocation, FLOP_PER_PARAM_TOKEN, type LawParams } from "../laws/types.js";

/**
 * Compute-optimal N for a budget of C FLOP under any L(N, D) law, by golden-section search on log N of
 * L(N, C/(6N)) (L is unimodal in log N for both Chinchilla and Kaplan laws). Used for laws without a
 * closed form (Kaplan's L(N, D)); checked against the Chinchilla closed form in tests.
 */
export function numericOptimal(family: FamilyName, p: LawParams, flops: number): Allocation {
  const fam = FAMILIES[family];
  const c6 = flops / FLOP_PER_PARAM_TOKEN;
  const loss = (logN: number) => evaluateLaw(fam, p, Math.exp(logN), c6 / Math.exp(logN));
  // N between 1 parameter per 1e6 tokens and 1e6 parameters per token of budget
  let lo = 0.5 * Math.log(c6) - Math.log(1e6) * 1.5;
  let hi = 0.5 * Math.log(c6) + Math.log(1e6) * 1.5;
  const g = (Math.sqrt(5) - 1) / 2;
  let x1 = hi - g * (hi - lo);
  let x2 = lo + g * (hi - lo);
  let f1 = loss(x1);
  let f2 = loss(x2);
  for (let i = 0; i < 200 && hi - lo > 1e-10; i++) {
    if (f1 < f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - g * (hi - lo);
      f1 = loss(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + g * (hi - lo);
      f2 = loss(x2);
    }
  }
  const params = Math.exp((lo + hi) / 2);
  return { params, tokens: c6 / params, flops, loss: loss(Math.log(params)) };
}

/** The compute-optimal allocation for a budget: the family's closed form when it has one, else numeric. */
export function optimalForCompute(family: FamilyName, p: LawParams, flops: number): Allocation {
  const closed = FAMILIES[family].optimal;
  return closed ? closed(p, flops) : numericOptimal(family, p, flops);
}

/**
 * The least compute whose optimal allocation reaches `target` (Epoch inverts Hoffmann's loss-at-optimum
 * the same way): bisection on log C, since the optimal loss falls monotonically with compute.
 * Returns null when the target is at or below the law's floor.
 */
export function optimalForTarget(family: FamilyName, p: LawParams, target: number): Allocation | null {
  const floor = FAMILIES[family].floor(p);
  if (!(target > floor)) return null;
  let lo = Math.log(1e6);
  let hi = Math.log(1e60);
  if (optimalForCompute(family, p, Math.exp(hi)).loss > target) return null;
  if (optimalForCompute(family, p, Math.exp(lo)).loss <= target)
    return optimalForCompute(family, p, Math.exp(lo));
  for (let i = 0; i < 200 && hi - lo > 1e-12; i++) {
    const mid = (lo + hi) / 2;
    if (optimalForCompute(family, p, Math.exp(mid)).loss > target) lo = mid;
    else hi = mid;
  }
  return optimalForCompute(family, p, Math.exp(hi));
}
