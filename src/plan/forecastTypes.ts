import type { Accelerator } from "../hardware/accelerator.js";
import type { Law } from "../laws/law.js";
import type { StepBreakdown } from "../parallel/evaluateLayout.js";
import type { Layout } from "../parallel/layout.js";
import type { System } from "../parallel/systemSchema.js";
import type { Interval } from "../project/interval.js";
import type { BestMfu } from "../validation/bestMfu.js";
import type { LargestMeasured } from "../validation/largestMeasured.js";
import type { ErrorSample } from "../validation/modelError.js";
import type { ModelSpec } from "../workload/modelSpec.js";
import type { Precision } from "../workload/precision.js";
import type { ForecastCache } from "./forecastCache.js";
import type { Goodput, GoodputOptions } from "./goodput.js";

/** A budget instead of a target: any one of these. */
export interface Budget {
  flops?: number;
  dollars?: number;
  deviceHours?: number;
  /** Wall-clock deadline, seconds. */
  deadlineSeconds?: number;
}

/**
 * Inputs of {@link forecast}: the law, a target or a budget (or N and D both fixed), the architecture
 * and the system.
 */
export interface ForecastInput {
  law: Law;
  /** Target loss or error (in the law's y units); optional when N and D are both fixed. */
  target?: number;
  /** A constraint: the plan's training FLOP, dollars, device-hours or days stay within it. */
  budget?: Budget;
  /** Model to shape: a decoder by default; or a template spec whose width is scaled to N. */
  template?: ModelSpec;
  /** The catalog accelerator (its price, TDP and default system). */
  accelerator: Accelerator;
  /**
   * The system to time layouts on (`--system FILE`, a calibrated file, or overrides); default the
   * catalog's for `accelerator`. Its accelerator's price and TDP are the ones the run is costed with.
   */
  system?: System;
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
  /** Failures, restarts, checkpoints and evaluation pauses (goodput.ts); false leaves them out. */
  goodput?: GoodputOptions | false;
  /**
   * The step-time model's own error (log ratios measured/predicted, src/validation/modelError.ts): its
   * quantiles widen the time, cost and energy intervals (or, under a money or time budget, the data
   * and loss). Absent: the intervals are the law's alone.
   */
  modelError?: ErrorSample & { label?: string };
  /**
   * The best MFU measured on this accelerator (`bestMeasuredMfuOn`, src/validation/measuredLimitsTable.ts): a
   * chosen layout predicted above it gets a warning (issue 12 item 7). Absent: no check.
   */
  bestMeasuredMfu?: BestMfu;
  /**
   * How far the corpus reaches on this accelerator (`largestMeasuredOn`, src/validation/measuredLimitsTable.ts):
   * a plan past it in devices, parameters or sequence gets a warning; null (no run on it) gets one too.
   * Absent: no check.
   */
  largestMeasured?: LargestMeasured | null;
  /** Seed of the model-error draws; default 1. */
  seed?: number;
  /**
   * Compute the plots' device sweep (time and cost at 1/8 to 8 times the devices: six more layout
   * searches); default true. The CLI turns it off unless it writes a report.
   */
  series?: boolean;
  /** Layout searches and profiles kept between calls (the web app's worker keeps one). */
  cache?: ForecastCache;
}

/**
 * One row of the sensitivity table: one experiment, described in one sentence (what moves, by how
 * much, and what is held), and the % change of each output it causes (null where not defined).
 */
export interface SensitivityRow {
  input: string;
  /** The experiment in one sentence, e.g. "price per device-hour +10%, the same run". */
  sentence: string;
  /** What the experiment holds fixed. */
  held: string;
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

/** The units of the law that travel to every output (text, JSON, report, web). */
export interface ForecastUnits {
  /** Unit of the loss or error, e.g. "nats/token". */
  loss: string;
  /** Unit of the data D, e.g. "tokens", "words", "samples". */
  data: string;
  /** What N counts, e.g. "parameters", "non-embedding parameters". */
  params: string;
}

/** How a budget was kept: its kind, limit, what the plan uses, and the unit. */
export interface BudgetUse {
  kind: "flops" | "dollars" | "deviceHours" | "deadline";
  /** The limit in base units (FLOP, dollars, device-hours, seconds). */
  limit: number;
  /** What the plan uses, in the same unit (≤ limit). */
  used: number;
  unit: string;
}

/** Where the 95% intervals of time and cost come from: the law alone, the step-time model alone, both. */
export interface IntervalSources {
  /** What the model error widens: time and cost (a target or fixed run), or data and loss (a budget). */
  appliesTo: "time and cost" | "data and loss";
  /** 2.5% and 97.5% quantiles of the multiplier on the point value, from each source and combined. */
  law: [number, number] | null;
  model: [number, number] | null;
  combined: [number, number] | null;
  /** The error sample used: cases, standard deviation of ln(measured/predicted), and which sample. */
  modelError: { label: string; cases: number; sdLog: number } | null;
}

/** Days and dollars split by where the wall-clock time goes (goodput). */
export interface TimeBreakdown {
  name: "training steps" | "checkpoint writes" | "failures and restarts" | "evaluation";
  days: number;
  dollars: number | null;
}

/** The forecast: every output with its 95% interval from the law's bootstrap draws and the model's error. */
export interface Forecast {
  law: string;
  units: ForecastUnits;
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
  /** The global batch, the critical batch (samples), tokens per step and the sequence length used. */
  batch: { global: number; critical: number | null; tokensPerStep: number; seq: number };
  steps: Interval;
  devices: number;
  /** What the device count and layout were chosen for, in one sentence. */
  optimised: string;
  /** The budget and what the plan uses of it (null without a budget). */
  budget: BudgetUse | null;
  train: { days: Interval; deviceHours: Interval; breakdown: TimeBreakdown[] };
  goodput: Goodput;
  cost: { dollars: Interval | null; dollarsPerDeviceHour: number | null };
  energy: { kWh: Interval; pue: number; powerModel: string };
  co2: { kg: Interval; region: string; kgPerKWh: number };
  sensitivity: SensitivityRow[];
  intervals: IntervalSources;
  warnings: string[];
  series: ForecastSeries;
  /** How many bootstrap draws were pushed through the chain (0 for a preset without uncertainty). */
  draws: number;
}

export type { Accelerator };
