import type { Accelerator } from "../hardware/accelerator.js";
import type { Law } from "../laws/law.js";
import type { StepBreakdown } from "../parallel/evaluateLayout.js";
import type { Layout } from "../parallel/layout.js";
import type { Interval } from "../project/interval.js";
import type { ModelSpec } from "../workload/modelSpec.js";
import type { Precision } from "../workload/precision.js";

/** A budget instead of a target: any one of these. */
export interface Budget {
  flops?: number;
  dollars?: number;
  deviceHours?: number;
  /** Wall-clock deadline, seconds. */
  deadlineSeconds?: number;
}

/** Inputs of {@link forecast}: the law, a target or a budget, the architecture and the system. */
export interface ForecastInput {
  law: Law;
  /** Target loss or error (in the law's y units). */
  target?: number;
  budget?: Budget;
  /** Model to shape: a decoder by default; or a template spec whose width is scaled to N. */
  template?: ModelSpec;
  accelerator: Accelerator;
  /** Exactly this many devices; default 256 when neither this nor `maxDevices` is given. */
  devices?: number;
  /** Any device count up to this budget (the search picks the cheapest). */
  maxDevices?: number;
  /** Fix the model size or the data instead of the compute-optimal split. */
  fixed?: { params?: number; tokens?: number };
  /** Global batch in samples; default from Kaplan's critical batch at the target loss. */
  globalBatch?: number;
  precision?: Precision;
  /** Tokens per sample; default 2048 (the shaped decoder's context). */
  seq?: number;
  region?: string;
  pue?: number;
  /** Most bootstrap draws pushed through the chain (the first resamples); default all of them. */
  maxDraws?: number;
  /** Compute the sensitivity table (re-runs the chain a few times); default true. */
  sensitivity?: boolean;
}

/** One row of the sensitivity table: % change of each output when one input moves +10%. */
export interface SensitivityRow {
  input: string;
  outputs: Record<"flops" | "days" | "dollars" | "kWh" | "kgCO2", number | null>;
}

/** Plot-ready series for the report and the web app. */
export interface ForecastSeries {
  learningCurve?: {
    fit: { x: number; y: number }[];
    band: { x: number; lo: number; hi: number }[];
    xLabel: string;
    yLabel: string;
  };
  frontier?: {
    contours: { loss: number; points: { x: number; y: number }[] }[];
    path: { x: number; y: number }[];
  };
  stepsVsBatch: { batch: number; steps: number }[];
  devices: { devices: number; days: number; dollars: number }[];
  breakdown: { name: string; seconds: number }[];
}

/** The forecast: every output with its 95% interval from the law's bootstrap draws. */
export interface Forecast {
  law: string;
  target: number | null;
  loss: Interval;
  model: { spec: ModelSpec; params: Interval; shapedParams: number };
  data: { tokens: Interval; dataScale: Interval | null; modelScale: Interval | null };
  compute: { flops: Interval };
  hardware: string;
  layout: Layout;
  step: { seconds: number; breakdown: StepBreakdown };
  mfu: number;
  hfu: number;
  memory: { perDeviceBytes: number; capacityBytes: number };
  batch: { global: number; critical: number | null; tokensPerStep: number };
  steps: Interval;
  devices: number;
  train: { days: Interval; deviceHours: Interval };
  cost: { dollars: Interval | null; dollarsPerDeviceHour: number | null };
  energy: { kWh: Interval; pue: number; powerModel: string };
  co2: { kg: Interval; region: string; kgPerKWh: number };
  sensitivity: SensitivityRow[];
  warnings: string[];
  series: ForecastSeries;
  /** How many bootstrap draws were pushed through the chain (0 for a preset without uncertainty). */
  draws: number;
}

export type { Accelerator };
