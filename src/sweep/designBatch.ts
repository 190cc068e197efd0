/**
 * A batch-size design after Shallue et al. 2018 §3: a fixed model and data set, batch sizes on a log
 * grid, a learning-rate grid tuned separately at every batch size (their central methodological point),
 * and a target of the metric; each run stops at the target, and steps to result per batch size is the
 * best trial's first evaluation below it. Optionally LARS and LAMB (You et al. 2017, 2019) at the largest
 * batches, to compare with momentum SGD where large-batch optimizers are meant to help.
 */

import { InputError } from "../units/InputError.js";
import { sizeList } from "./logGrid.js";
import { pointId, type SweepOptimizer, type SweepPoint } from "./sweepFile.js";

/** How the learning-rate grid moves with the batch: none, √B (Krizhevsky 2014) or linear (Goyal et al. 2017). */
export type LrScaling = "none" | "sqrt" | "linear";

/** Options of {@link designBatch}. */
export interface BatchDesignOptions {
  batches: readonly number[];
  /** Learning rates at `baseBatch` (moved with the batch by `lrScaling`). */
  lrs: readonly number[];
  lrScaling?: LrScaling;
  /** Batch at which `lrs` apply; default the smallest batch. */
  baseBatch?: number;
  /** Model width; default 128. */
  width?: number;
  /** Training samples; default 55,000 (all of MNIST's training digits not held out for validation). */
  data?: number;
  seeds?: number;
  optimizer?: SweepOptimizer;
  /** Extra optimizers at the largest batches, each with its own learning-rate grid (not scaled). */
  largeBatch?: { optimizers: Partial<Record<SweepOptimizer, readonly number[]>>; count: number };
}

const exponent: Record<LrScaling, number> = { none: 0, sqrt: 0.5, linear: 1 };

/** Round a learning rate to 3 significant digits (ids and logs stay readable). */
const r3 = (x: number) => Number(x.toPrecision(3));

/** The points of a batch design: every batch × its learning rates × seeds, then the large-batch optimizers. */
export function designBatch(o: BatchDesignOptions): SweepPoint[] {
  const { lrScaling = "none", width = 128, data = 55_000, seeds = 1, optimizer = "momentum" } = o;
  const batches = sizeList(o.batches, "--batches");
  if (o.lrs.length === 0 || o.lrs.some((x) => !(x > 0)))
    throw new InputError("--lrs", o.lrs.join(","), "one or more positive learning rates");
  const base = o.baseBatch ?? batches[0]!;
  if (!(Number.isInteger(seeds) && seeds >= 1)) throw new InputError("--seeds", seeds, "a positive integer");
  const points: SweepPoint[] = [];
  const add = (batch: number, lr: number, opt: SweepOptimizer) => {
    for (let s = 0; s < seeds; s++) {
      const p = { data, width, batch, lr: r3(lr), seed: s, optimizer: opt };
      points.push({ index: points.length, id: pointId(p), ...p });
    }
  };
  for (const b of batches) for (const lr of o.lrs) add(b, lr * (b / base) ** exponent[lrScaling], optimizer);
  if (o.largeBatch) {
    const largest = batches.slice(-o.largeBatch.count);
    for (const [opt, lrs] of Object.entries(o.largeBatch.optimizers) as [SweepOptimizer, number[]][])
      for (const b of largest) for (const lr of lrs) add(b, lr, opt);
  }
  return points;
}
