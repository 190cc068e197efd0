import { hessianByDifferences, modifiedInverse } from "../fit/hessian.js";
import { makeObjective } from "../fit/objective.js";
import { polishNewton } from "../fit/polish.js";
import { bestOutcome, hitCount, roundSizes, shuffledOrder, type StartOutcome } from "../fit/startRule.js";
import { bindLaw } from "./bindLaw.js";
import { FAMILIES, type FamilyName } from "./families.js";
import type { FitLawOptions } from "./fitLaw.js";
import type { FitPlan, FitTask, JobColumn, StartsResult } from "./fitTasks.js";
import type { LogLawData } from "./lawData.js";

/** Default K of the hit rule: the best objective reached from 5 starts (e^−5 ≈ 0.7%; see startRule.ts). */
export const DEFAULT_START_HITS = 5;

/** How a fit's multi-start went: what `fit` prints and its JSON carries. */
export interface StartsReport {
  /** Starts run (all of them count: the rule is checked between rounds). */
  tried: number;
  /** Starts whose L-BFGS converged. */
  converged: number;
  /** Converged starts that reached the reported optimum (the hit tolerances of src/fit/startRule.ts). */
  hits: number;
  /** Starting points available (the family's grid, or those given). */
  available: number;
  /**
   * How many were run: `"hits"` (the K-hits rule, `required` = K; it ran them all when `hits` < K),
   * `"all"` (every start, grid order) or `"count"` (a fixed number, the first of the seeded order).
   */
  rule: "hits" | "all" | "count";
  /** K of the hits rule; null for the other rules. */
  required: number | null;
  /** How the starts were ordered: the grid's order, or a seeded shuffle of it (its seed). */
  order: "grid" | { shuffled: number };
  /** Present when the starts ran on a systematic subsample of `rows` of the `of` rows (see fitLaw.ts). */
  subsample?: { rows: number; of: number };
}

/** The multi-start's outcome: the polished optimum, or why none converged. */
export type StartsOutcome =
  | {
      status: "converged";
      theta: Float64Array;
      fx: number;
      starts: StartsReport;
      /** The modified inverse Hessian at θ (difference step 1e-4), for the bootstrap; null if unusable. */
      inverseHessian: Float64Array | null;
    }
  | { status: "not-converged"; starts: StartsReport; bestAny: string };

/**
 * The multi-start part of {@link fitLawPlan}: run starts in rounds of tasks (slices a driver may put on
 * threads), stop by `startBudget` (the K-hits rule by default), then polish the best start by Newton steps
 * ({@link polishNewton}) in this thread. The result depends only on the data, the starts, the seed and the
 * rule, never on how many slices or threads ran them. With `sample`, the starts run on that subsample of
 * the rows and the best one is refined by L-BFGS on all of them before the polish.
 */
export function* startsPlan(
  familyName: FamilyName,
  prepared: LogLawData,
  raw: { inputs: JobColumn[]; y: JobColumn },
  options: FitLawOptions,
  sample: { inputs: JobColumn[]; y: JobColumn } | null = null,
): FitPlan<StartsOutcome> {
  const { objective = {}, seed = 0, startSlices = 1, startBudget = "auto", startRule = {} } = options;
  const family = FAMILIES[familyName];
  // with a subsample, the grid is built from it too: the family's start heuristics (intercepts, floors)
  // pass over every row per start, 40 passes of 6M rows for the power law (issue 16 item 1)
  const startLogs = sample
    ? {
        inputs: sample.inputs.map((c) => Float64Array.from(c, Math.log)),
        y: Float64Array.from(sample.y, Math.log),
      }
    : { inputs: prepared.logInputs, y: prepared.logY };
  const grid = Array.from(options.starts ?? family.starts(startLogs.inputs, startLogs.y), (s) =>
    Array.from(s),
  );
  if (grid.length === 0) throw new Error("fit: fitLaw needs at least one start");
  const k = startRule.hits ?? DEFAULT_START_HITS;
  if (!(Number.isInteger(k) && k >= 1))
    throw new Error(`fit: startRule.hits is ${k}, expected an integer ≥ 1`);
  if (typeof startBudget === "number" && !(Number.isInteger(startBudget) && startBudget >= 1))
    throw new Error(`fit: startBudget is ${startBudget}, expected "auto", "all" or an integer ≥ 1`);
  const ordered = startBudget === "all" ? grid : shuffledOrder(grid.length, seed).map((i) => grid[i]!);
  const order = typeof startBudget === "number" ? ordered.slice(0, startBudget) : ordered;
  const rounds = startBudget === "auto" ? roundSizes(order.length, k) : [order.length];
  const rows = sample ? sample.y.length : prepared.logY.length;
  const startData = sample ?? raw;
  const outcomes: StartOutcome[] = [];
  let done = 0;
  for (const size of rounds) {
    const slice = Math.ceil(size / Math.max(1, startSlices));
    const tasks: FitTask[] = [];
    for (let i = done; i < done + size; i += slice)
      tasks.push({
        kind: "starts",
        job: {
          family: familyName,
          ...startData,
          starts: order.slice(i, Math.min(i + slice, done + size)),
          objective,
          ...(options.lbfgs ? { lbfgs: options.lbfgs } : {}),
        },
      });
    for (const r of (yield tasks) as StartsResult[]) outcomes.push(...r.outcomes);
    done += size;
    if (startBudget === "auto") {
      const best = bestOutcome(outcomes);
      if (best && hitCount(outcomes, best, rows, startRule) >= k) break;
    }
  }
  const best = bestOutcome(outcomes);
  const report: StartsReport = {
    tried: outcomes.length,
    converged: outcomes.filter((o) => o.status === "converged").length,
    hits: best ? hitCount(outcomes, best, rows, startRule) : 0,
    available: grid.length,
    rule: startBudget === "auto" ? "hits" : startBudget === "all" ? "all" : "count",
    required: startBudget === "auto" ? k : null,
    order: startBudget === "all" ? "grid" : { shuffled: seed },
    ...(sample ? { subsample: { rows: sample.y.length, of: prepared.logY.length } } : {}),
  };
  if (!best) {
    let any = outcomes[0]!;
    for (const o of outcomes)
      if (o.fx < any.fx || (!Number.isFinite(any.fx) && Number.isFinite(o.fx))) any = o;
    return { status: "not-converged", starts: report, bestAny: any.status };
  }
  // With a subsample, its best start goes straight to the Newton polish on all the rows: the subsample's
  // optimum is within sampling error (about 1/sqrt(20,000) relative) of the full one, inside Newton's
  // quadratic basin, and the polish backtracks, so it only descends. An L-BFGS pass on all the rows first
  // cost some 30 passes over them (5.8 s of a 1M-row fit); the decrement stop saves the ~30 halvings
  // that end a polish at rounding level.
  const x = Float64Array.from(best.x);
  const f = makeObjective({ model: bindLaw(family, prepared.logInputs), logY: prepared.logY }, objective);
  const polished = polishNewton(f, x, sample ? { minDecrease: 1e-13 } : {});
  return {
    status: "converged",
    theta: polished.x,
    fx: polished.fx,
    starts: report,
    inverseHessian: modifiedInverse(hessianByDifferences(f, polished.x, 1e-4), polished.x.length),
  };
}
