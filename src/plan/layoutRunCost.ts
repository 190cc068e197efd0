import { type Goodput, goodput, type GoodputOptions, NO_GOODPUT_LOSS } from "./goodput.js";
import { type RunCost, type RunCostOptions, runCost } from "./runCost.js";

/** The checkpoint of a model: its weights and optimizer state (what the goodput model writes and reloads). */
export function checkpointBytesOf(p: {
  params: { total: number };
  weightBytesPerParam: number;
  optimizerStateBytesPerParam: number;
}): number {
  return p.params.total * (p.weightBytesPerParam + p.optimizerStateBytesPerParam);
}

/** Inputs of {@link layoutRunCost}: a run's cost inputs, its checkpoint size and the goodput options. */
export interface LayoutRunCostOptions extends RunCostOptions {
  /** Bytes one checkpoint writes (weights and optimizer state), for the goodput model's checkpoint time. */
  checkpointBytes: number;
  /** The goodput model's overrides; `false` counts training steps only. */
  goodput?: GoodputOptions | false;
}

/** A planned run's cost with what it loses beyond its steps. */
export interface LayoutRunCost extends RunCost {
  train: RunCost["train"] & {
    /** Seconds spent in training steps: units / throughput (`seconds` is the wall time). */
    productiveSeconds: number;
  };
  goodput: Goodput;
}

/**
 * What training `units` on a timed layout costs, costed as `forecast` costs a run (issue 12 item 6): the
 * steps take units / throughput; the goodput model (goodput.ts: Llama 3's interruption rate, a restart
 * time, checkpoints at Daly's interval) divides that by its fraction to give the wall time, and device-
 * hours, dollars, energy and CO2 follow from the wall time (runCost.ts).
 */
export function layoutRunCost(o: LayoutRunCostOptions): LayoutRunCost {
  const g = o.goodput === false ? NO_GOODPUT_LOSS : goodput(o.devices, o.checkpointBytes, o.goodput ?? {});
  const wall = runCost({ ...o, unitsPerSecond: o.unitsPerSecond * g.fraction });
  return { ...wall, train: { ...wall.train, productiveSeconds: o.units / o.unitsPerSecond }, goodput: g };
}
