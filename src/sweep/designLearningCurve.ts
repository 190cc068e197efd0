/**
 * A learning-curve design after Hestness et al. 2017 and HAD19 §3: training sets on a log grid (each a
 * prefix of one shuffle, so smaller shards nest in larger ones), at each size a range of model widths
 * wide enough to bracket the best-fit model, and seeds. The best width per size then gives HAD19's
 * model-size law p(m) = σ·m^βp (eq. 2) and the best error per size the learning curve ε(m) (eq. 1).
 */

import { InputError } from "../units/InputError.js";
import { sizeList } from "./logGrid.js";
import { pointId, type SweepOptimizer, type SweepPoint } from "./sweepFile.js";

/** Options of {@link designLearningCurve}. */
export interface LearningCurveDesignOptions {
  /** Training-set sizes (samples). */
  data: readonly number[];
  /** Model widths tried. */
  widths: readonly number[];
  /** Seeds per (data, width); default 1. */
  seeds?: number;
  /** Batch size; default 64 (capped at the data size by the trainer). */
  batch?: number;
  /** Learning rate; default 0.001 (Adam's default, Kingma & Ba 2015). */
  lr?: number;
  optimizer?: SweepOptimizer;
  /**
   * Keep, at each data size m, only widths within this factor of a guessed best width
   * w*(m) = w_ref·(m/m_ref)^βp (the geometric centres of both grids as reference, βp the middle of HAD19's
   * [0.5, 1) range); at least 3 widths are kept. Default: every width at every size.
   */
  bracket?: number;
  /** Guessed βp for `bracket` (widths proportional to parameters); default 0.75. */
  betaP?: number;
}

const gmean = (xs: readonly number[]) => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);

/** The widths to try at data size m under `bracket` (all widths when it is undefined). */
export function widthsFor(m: number, o: LearningCurveDesignOptions): number[] {
  const widths = [...o.widths].sort((a, b) => a - b);
  if (o.bracket === undefined) return widths;
  const guess = gmean(widths) * (m / gmean(o.data)) ** (o.betaP ?? 0.75);
  const inBand = widths.filter((w) => w >= guess / o.bracket! && w <= guess * o.bracket!);
  if (inBand.length >= 3) return inBand;
  return [...widths]
    .sort((a, b) => Math.abs(Math.log(a / guess)) - Math.abs(Math.log(b / guess)))
    .slice(0, Math.min(3, widths.length))
    .sort((a, b) => a - b);
}

/** The points of a learning-curve design, in (data, width, seed) order. */
export function designLearningCurve(o: LearningCurveDesignOptions): SweepPoint[] {
  const { seeds = 1, batch = 64, lr = 0.001, optimizer = "adam" } = o;
  const data = sizeList(o.data, "--data");
  sizeList(o.widths, "--widths");
  if (!(Number.isInteger(seeds) && seeds >= 1)) throw new InputError("--seeds", seeds, "a positive integer");
  if (o.bracket !== undefined && !(o.bracket > 1))
    throw new InputError("--bracket", o.bracket, "a factor > 1");
  const points: SweepPoint[] = [];
  for (const m of data)
    for (const w of widthsFor(m, o))
      for (let s = 0; s < seeds; s++) {
        const p = { data: m, width: w, batch, lr, seed: s, optimizer };
        points.push({ index: points.length, id: pointId(p), ...p });
      }
  return points;
}
