/**
 * When to stop a multi-start fit: the "k hits" rule. Starts are run in a seeded random order, and the fit
 * stops once its best objective has been reached from K independent starts.
 *
 * Why this rule. Multistart theory treats each start as an independent draw that lands in the basin of one
 * local minimum with a probability equal to that basin's share of the start distribution (Rinnooy Kan &
 * Timmer 1987, Math. Programming 39:27–56; Boender & Rinnooy Kan 1987, Math. Programming 37:59–80). After
 * n starts that all missed some better minimum, the 95% upper confidence bound on its basin's share is
 * 1 − 0.05^(1/n) ≈ 3/n (the "rule of three": Hanley & Lippman-Hand 1983, JAMA 249:1743–1745), while the
 * best minimum found was reached K times, a share of K/n. With K ≥ 3, any better minimum still unseen
 * has (at 95%) a basin smaller than the best one's observed share, and the chance of n starts missing a
 * basin as large as the best one's is (1 − K/n)^n ≤ e^−K (0.7% for K = 5). Software uses the same kind of
 * stop: LaMa's `multistart` (R) offers a `hits` stop (default 3), vegan's `metaMDS` stops once the best
 * solution has been found twice.
 *
 * Why not Boender & Rinnooy Kan's rule on the number of distinct minima (stop when w(n − 1)/(n − w − 2),
 * the posterior mean count of minima after w distinct ones in n starts, is within ½ of w): L-BFGS with
 * SciPy's ftol stops on flat ridges, so nearly every start ends at a distinct point; on Epoch's Chinchilla
 * grid 4,500 starts give 883 distinct objective levels (relative 1e-6), so w grows with n and that rule
 * never stops. Counting hits of the best only needs the best's basin to be found repeatedly.
 *
 * Start order: a seeded shuffle of the grid ({@link shuffledOrder}), not a cheap screen by the objective
 * at the start points, because the rule's probabilities assume starts drawn independently of each other
 * and of their outcomes; a screen would correlate them.
 */

import { uniformInt } from "pure-rand/distribution/uniformInt";
import { rngFor } from "./random.js";
import type { MinimizeStatus } from "./types.js";

/** One start's local minimisation, as plain data (safe to post across a worker boundary). */
export interface StartOutcome {
  /** Where it ended (θ). */
  x: number[];
  /** Objective there. */
  fx: number;
  status: MinimizeStatus;
}

/** Tolerances of a hit: how close to the best a start must end to count as reaching it. */
export interface HitTolerance {
  /**
   * Relative objective tolerance: f − f* ≤ rtol·|f*| + atol. Default 1e-5: L-BFGS with SciPy's ftol stops
   * within about 1e-6 (relative) of the optimum along a flat ridge; on Epoch's Chinchilla grid the starts
   * that reach the global basin end within 1.4e-5 of it.
   */
  objective?: number;
  /**
   * Absolute objective tolerance per row; default 5e-13 = ½(1e-6)², the Huber (or ½r²) cost of a log
   * residual of one part per million on every row, so that near-exact data (f* ≈ 0) still count hits.
   */
  objectivePerRow?: number;
  /** Parameters: ‖θ − θ*‖∞ ≤ tol·(1 + ‖θ*‖∞); default 1e-2 (the same basin, not a rival minimum of equal value). */
  params?: number;
}

/** The stopping rule's settings. */
export interface HitRule extends HitTolerance {
  /** K: stop once the best objective has been reached from this many starts; default 5. */
  hits?: number;
}

/** The best converged outcome (lowest objective; ties keep the earlier one), or null when none converged. */
export function bestOutcome(outcomes: readonly StartOutcome[]): StartOutcome | null {
  let best: StartOutcome | null = null;
  for (const o of outcomes) if (o.status === "converged" && (best === null || o.fx < best.fx)) best = o;
  return best;
}

/**
 * How many converged outcomes reached `best` within the tolerances (`best` itself included).
 *
 * @param rows - rows of the data, for the absolute objective tolerance
 */
export function hitCount(
  outcomes: readonly StartOutcome[],
  best: StartOutcome,
  rows: number,
  tolerance: HitTolerance = {},
): number {
  const { objective = 1e-5, objectivePerRow = 5e-13, params = 1e-2 } = tolerance;
  const fTol = objective * Math.abs(best.fx) + objectivePerRow * rows;
  let scale = 0;
  for (const v of best.x) scale = Math.max(scale, Math.abs(v));
  const xTol = params * (1 + scale);
  let hits = 0;
  for (const o of outcomes) {
    if (o.status !== "converged" || !(o.fx - best.fx <= fTol)) continue;
    let far = false;
    for (let j = 0; j < best.x.length && !far; j++) far = !(Math.abs(o.x[j]! - best.x[j]!) <= xTol);
    if (!far) hits++;
  }
  return hits;
}

/** The generator stream of the start order: −1 (bootstrap resample k uses stream k ≥ 0). */
export const START_ORDER_STREAM = -1;

/**
 * A seeded random permutation of 0 … count − 1 (Fisher–Yates, Knuth TAOCP vol. 2 §3.4.2 Algorithm P),
 * from its own stream of `seed` so that it never shares draws with the bootstrap's resamples (streams
 * 0, 1, …).
 */
export function shuffledOrder(count: number, seed: number): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  const rng = rngFor(seed, START_ORDER_STREAM);
  for (let i = count - 1; i > 0; i--) {
    const j = uniformInt(rng, 0, i);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}

/**
 * Sizes of the rounds a rule-stopped multi-start runs in: 8K starts, then doubling (8K, 8K, 16K, 32K …),
 * capped by what is left. The rule is checked only between rounds, and every start of a round counts, so
 * the result depends on the seed and K only, never on how a driver spreads a round over threads; at most
 * one round (as many starts as ran before it) is spent past the point where the rule first held.
 */
export function roundSizes(total: number, hits: number): number[] {
  const sizes: number[] = [];
  let done = 0;
  let next = 8 * hits;
  while (done < total) {
    const size = Math.min(next, total - done);
    sizes.push(size);
    done += size;
    if (sizes.length > 1) next *= 2;
  }
  return sizes;
}
