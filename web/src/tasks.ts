import type {
  BatchAnalysis,
  BatchAnalysisOptions,
  BatchInput,
  FailedBatchAnalysis,
} from "../../src/batch/analyzeBatchSweep.js";
import type {
  GradientNormSample,
  NoiseScaleOptions,
  NoiseScaleResult,
} from "../../src/batch/gradientNoiseScale.js";
import type { ObjectiveOptions } from "../../src/fit/types.js";
import type { FamilyName } from "../../src/laws/families.js";
import type { RunColumns, RunsFit, RunsFitFailure } from "../../src/laws/fitRuns.js";
import type { LayoutResult } from "../../src/parallel/evaluateLayout.js";
import type { Layout } from "../../src/parallel/layout.js";
import type { SearchChunkResult, SearchJob } from "../../src/parallel/searchLayouts.js";
import type { FinetunePlan, FinetunePlanInput } from "../../src/plan/finetunePlan.js";
import type { Forecast, ForecastInput, SensitivityRow } from "../../src/plan/forecastTypes.js";
import type { InferencePlan, InferencePlanInput } from "../../src/plan/inferencePlan.js";
import type { LifetimeSummary, ServingDemand } from "../../src/plan/lifetimeForecast.js";
import type { StepCost } from "../../src/workload/stepCost.js";

/** Long work the app hands to its web worker: plain data in, plain data out. */
export interface Tasks {
  fit: {
    /** The runs file's text and the core's `fitRuns` arguments. */
    args: {
      text: string;
      fileName: string;
      columns: RunColumns;
      law: FamilyName | "auto";
      bootstrap: number;
      seed: number;
      objective?: ObjectiveOptions;
      /** Derive D = C / (6N) from the compute column. */
      tokensFromCompute?: boolean;
      /** Drop this many rows with the highest loss first. */
      dropHighest?: number;
    };
    result: RunsFit | RunsFitFailure;
  };
  search: { args: SearchJob; result: SearchChunkResult };
  /** One fixed layout timed, or why it cannot run (plan --layout with every field given). */
  evaluate: { args: { job: SearchJob; layout: Layout }; result: LayoutResult };
  onnx: {
    args: {
      bytes: Uint8Array;
      name: string;
      dims: Record<string, number>;
      execution: Record<string, string>;
    };
    result: { step: Omit<StepCost, "layers">; json: Record<string, unknown>; text: string };
  };
  batch: {
    args: { input: BatchInput; options: BatchAnalysisOptions };
    result: BatchAnalysis | FailedBatchAnalysis;
  };
  /** The forecast without its sensitivity table (which re-runs the chain: see `sensitivity`). */
  forecast: { args: ForecastInput; result: Forecast };
  /** The sensitivity table of a forecast (computed after the forecast is shown). */
  sensitivity: { args: ForecastInput; result: SensitivityRow[] };
  gns: { args: { samples: GradientNormSample[]; options: NoiseScaleOptions }; result: NoiseScaleResult };
  /** The serving plan (`scalecast inference`): best layout and batch under the targets, and the curve. */
  inference: { args: InferencePlanInput; result: InferencePlan };
  /** The fine-tuning plan (`scalecast finetune`). */
  finetune: { args: FinetunePlanInput; result: FinetunePlan };
  /** The lifetime optimum of a forecast (`forecast --serve-tokens`): its lifetime block. */
  lifetime: { args: { input: ForecastInput; demand: ServingDemand }; result: LifetimeSummary };
}

export type TaskKind = keyof Tasks;

/** Messages from the worker. */
export type WorkerMessage =
  | { id: number; type: "progress"; done: number; total: number }
  /** `ms`: the worker's compute time (the browser benchmark prints it beside the page's update time). */
  | { id: number; type: "result"; result: unknown; ms: number }
  | { id: number; type: "error"; message: string; field?: string };
