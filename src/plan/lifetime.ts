import type { LawParams } from "../laws/types.js";
import { optimalForTarget } from "../project/computeOptimal.js";
import { InputError } from "../units/InputError.js";

/** Chinchilla-form constants: L(N, D) = E + A/N^α + B/D^β (Hoffmann et al. 2022, eq. 2). */
export interface ChinchillaConstants {
  E: number;
  A: number;
  B: number;
  alpha: number;
  beta: number;
}

/**
 * What a model of N parameters costs over its life: training dollars per training FLOP (6ND), and
 * serving dollars per served token; both may depend on N (a bigger model serves at a lower MFU).
 * FLOP mode (Sardana et al. 2023 §2) is trainDollarsPerFlop = 1 and serveDollarsPerToken = 2N.
 */
export interface LifetimeCosts {
  trainDollarsPerFlop(params: number): number;
  serveDollarsPerToken(params: number): number;
}

/** Training FLOP as the unit of cost: training 6ND and inference 2N per token (Sardana et al. 2023 eq. 3). */
export const FLOP_COSTS: LifetimeCosts = {
  trainDollarsPerFlop: () => 1,
  serveDollarsPerToken: (n) => 2 * n,
};

/** One model on the iso-loss curve with its lifetime cost. */
export interface LifetimePoint {
  params: number;
  tokens: number;
  trainDollars: number;
  serveDollars: number;
  totalDollars: number;
}

/** The lifetime optimum and the Chinchilla-optimal model of the same loss, for comparison. */
export interface LifetimeOptimum {
  loss: number;
  servedTokens: number;
  optimum: LifetimePoint;
  chinchilla: LifetimePoint;
  /**
   * Served tokens after which the optimum's extra training cost is repaid by its cheaper serving:
   * (train(N*) − train(N_chin)) / (serve per token(N_chin) − serve per token(N*)); null when it costs
   * no more to train (or no less to serve).
   */
  breakEvenServedTokens: number | null;
  /** Total cost against N along the iso-loss curve (log-spaced), for plotting. */
  curve: LifetimePoint[];
}

const constantsOf = (p: LawParams): ChinchillaConstants => {
  for (const k of ["E", "A", "B", "alpha", "beta"] as const)
    if (!(typeof p[k] === "number" && Number.isFinite(p[k])))
      throw new InputError("law", k, "a Chinchilla-form law L(N, D) = E + A/N^alpha + B/D^beta");
  return p as unknown as ChinchillaConstants;
};

/**
 * Training tokens that bring an N-parameter model to `loss`: D = (B / (L − E − A/N^α))^(1/β), from
 * L(N, D) = E + A/N^α + B/D^β; Infinity when N alone cannot reach L (A/N^α ≥ L − E).
 */
export function tokensForLoss(c: ChinchillaConstants, params: number, loss: number): number {
  const room = loss - c.E - c.A / params ** c.alpha;
  return room > 0 ? (c.B / room) ** (1 / c.beta) : Number.POSITIVE_INFINITY;
}

/** The smallest N that can reach `loss` with unlimited data: (A / (L − E))^(1/α). */
export function smallestParams(c: ChinchillaConstants, loss: number): number {
  if (!(loss > c.E)) throw new InputError("target", loss, `a loss above the law's floor E = ${c.E}`);
  return (c.A / (loss - c.E)) ** (1 / c.alpha);
}

/** A point of the iso-loss curve at N with its costs. */
export function lifetimePoint(
  c: ChinchillaConstants,
  o: { params: number; loss: number; servedTokens: number; costs: LifetimeCosts },
): LifetimePoint {
  const tokens = tokensForLoss(c, o.params, o.loss);
  const trainDollars = 6 * o.params * tokens * o.costs.trainDollarsPerFlop(o.params);
  const serveDollars = o.servedTokens * o.costs.serveDollarsPerToken(o.params);
  return { params: o.params, tokens, trainDollars, serveDollars, totalDollars: trainDollars + serveDollars };
}

/**
 * The (N, D) that reach `loss` at the least lifetime cost, training plus serving `servedTokens`
 * (Sardana et al. 2023, "Beyond Chinchilla-Optimal", §2-3): minimise train(N)·6·N·D(N) + serve(N)·D_inf
 * along the iso-loss curve D(N) of {@link tokensForLoss}, by golden-section search on log N between
 * the smallest N that can reach the loss and 10⁴ times it (Sardana et al. solve the first-order
 * condition by Newton's method; the minimum is the same). The Chinchilla-optimal model of the same loss
 * (least training compute, Hoffmann et al. 2022 App. D.2) is costed the same way for comparison.
 */
export function lifetimeOptimum(
  law: LawParams,
  o: { loss: number; servedTokens: number; costs?: LifetimeCosts; curvePoints?: number },
): LifetimeOptimum {
  const c = constantsOf(law);
  const { loss, servedTokens, costs = FLOP_COSTS, curvePoints = 41 } = o;
  if (!(servedTokens >= 0)) throw new InputError("--serve-tokens", servedTokens, "a non-negative count");
  const nMin = smallestParams(c, loss);
  const at = (params: number) => lifetimePoint(c, { params, loss, servedTokens, costs });
  const f = (logN: number) => at(Math.exp(logN)).totalDollars;
  let lo = Math.log(nMin) + 1e-9;
  let hi = Math.log(nMin) + Math.log(1e4);
  const g = (Math.sqrt(5) - 1) / 2;
  let x1 = hi - g * (hi - lo);
  let x2 = lo + g * (hi - lo);
  let f1 = f(x1);
  let f2 = f(x2);
  for (let i = 0; i < 300 && hi - lo > 1e-12; i++) {
    if (f1 <= f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - g * (hi - lo);
      f1 = f(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + g * (hi - lo);
      f2 = f(x2);
    }
  }
  const optimum = at(Math.exp((lo + hi) / 2));
  const chin = optimalForTarget("chinchilla", law, loss);
  if (!chin) throw new InputError("target", loss, `a loss above the law's floor E = ${c.E}`);
  const chinchilla = at(chin.params);
  const extraTrain = optimum.trainDollars - chinchilla.trainDollars;
  const servingSaving =
    costs.serveDollarsPerToken(chinchilla.params) - costs.serveDollarsPerToken(optimum.params);
  const curve: LifetimePoint[] = [];
  const a = Math.log(nMin) + Math.log(1.05);
  const b = Math.log(Math.max(chinchilla.params, optimum.params)) + Math.log(4);
  for (let k = 0; k < curvePoints; k++) curve.push(at(Math.exp(a + ((b - a) * k) / (curvePoints - 1))));
  return {
    loss,
    servedTokens,
    optimum,
    chinchilla,
    breakEvenServedTokens: extraTrain > 0 && servingSaving > 0 ? extraTrain / servingSaving : null,
    curve,
  };
}
