/**
 * The sweep file: a design and its point list, written by `sweep design` and read by `sweep run`,
 * `collect` and `fit`. One zod schema; the TypeScript types are `z.infer` of it.
 */

import { z } from "zod";
import { InputError } from "../units/InputError.js";
import { parseOrThrow } from "../workload/zodInputError.js";

/** Sweep kinds: a learning curve (HAD19 §3) or a batch-size sweep (Shallue et al. 2018 §3). */
export const SWEEP_KINDS = ["learning-curve", "batch"] as const;
export type SweepKind = (typeof SWEEP_KINDS)[number];

/** Optimizers a point may name (those of `scalecast train`). */
export const SWEEP_OPTIMIZERS = ["sgd", "momentum", "adam", "lars", "lamb"] as const;
export type SweepOptimizer = (typeof SWEEP_OPTIMIZERS)[number];

const posInt = z.number().int().positive();

/** One training run of the sweep. `id` names its folder under the results directory. */
export const SweepPointSchema = z.strictObject({
  index: z.number().int().min(0),
  id: z.string().regex(/^[A-Za-z0-9._-]+$/, "letters, digits, '.', '_' and '-' only"),
  data: posInt,
  width: posInt,
  batch: posInt,
  lr: z.number().positive(),
  seed: z.number().int().min(0),
  optimizer: z.enum(SWEEP_OPTIMIZERS),
});
export type SweepPoint = z.infer<typeof SweepPointSchema>;

/** Settings of the built-in trainer that every point shares (ignored by a custom `--command`). */
export const TrainerSettingsSchema = z.strictObject({
  arch: z.enum(["mlp", "cnn"]).default("mlp"),
  /** Side of the input images: 28 (MNIST as is) or 14 (2 × 2 average pooling, four times cheaper). */
  input: z.union([z.literal(28), z.literal(14)]).default(28),
  /** Epochs per run; steps = max(minSteps, epochs·data/batch), at most maxSteps (batch sweeps: a cap, runs stop at the target). */
  epochs: z.number().positive().default(10),
  minSteps: posInt.default(300),
  maxSteps: posInt.default(20_000),
  evalSamples: posInt.default(2000),
  testSamples: posInt.default(10_000),
  /** Learning curves: stop when the best validation error is older than step/patience (converged); 0 off. */
  patience: z.number().min(0).default(2),
  /** A gradient-noise window (McCandlish et al. 2018 App. A.1) every this many steps; 0 for none. */
  gnsEvery: z.number().int().min(0).default(25),
});
export type TrainerSettings = z.infer<typeof TrainerSettingsSchema>;

/** Sweep cost through the workload and plan chain (informational; `sweep design` fills it). */
export const SweepCostSchema = z.strictObject({
  accelerator: z.string(),
  flops: z.number().min(0),
  deviceHours: z.number().min(0),
  dollars: z.number().min(0).nullable(),
  upperBound: z.boolean(),
  note: z.string(),
});
export type SweepCost = z.infer<typeof SweepCostSchema>;

/** The whole sweep file. */
export const SweepFileSchema = z.strictObject({
  schema: z.literal("scalecast.sweep/1"),
  kind: z.enum(SWEEP_KINDS),
  /** Metric of the learning curve (final value per run), or of steps to target (per evaluation). */
  metric: z.string().min(1),
  /** Batch sweeps: the metric's target; a run's steps to target is its first evaluation strictly below it. */
  target: z.number().nullable(),
  trainer: TrainerSettingsSchema,
  /** The grid the points came from, as given to `sweep design`. */
  design: z.record(z.string(), z.unknown()),
  points: z.array(SweepPointSchema).min(1),
  warnings: z.array(z.string()),
  cost: SweepCostSchema.nullable(),
});
export type SweepFile = z.infer<typeof SweepFileSchema>;
export type SweepFileInput = z.input<typeof SweepFileSchema>;

/**
 * Validate a parsed sweep file: the schema, then that indices run 0..n−1 in order and ids are unique.
 *
 * @throws InputError naming the first field that does not match
 */
export function parseSweepFile(json: unknown, where = "sweep file"): SweepFile {
  const sweep = parseOrThrow(SweepFileSchema, json, where);
  const ids = new Set<string>();
  sweep.points.forEach((p, i) => {
    if (p.index !== i)
      throw new InputError(`${where}: points[${i}].index`, p.index, `${i} (points in index order)`);
    if (ids.has(p.id)) throw new InputError(`${where}: points[${i}].id`, p.id, "an id no other point has");
    ids.add(p.id);
  });
  if (sweep.kind === "batch" && sweep.target === null)
    throw new InputError(`${where}: target`, null, "a target value of the metric for a batch sweep");
  return sweep;
}

/** A point's id from its parameters: stable across runs of `sweep design` with the same grid. */
export function pointId(p: Omit<SweepPoint, "index" | "id">): string {
  return `d${p.data}_w${p.width}_b${p.batch}_lr${p.lr}_s${p.seed}_${p.optimizer}`;
}
