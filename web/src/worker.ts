/**
 * The app's web worker: runs the long pure computations (bootstrap fits, the layout search, ONNX
 * analysis, batch fits, serving and fine-tuning plans, the lifetime optimum) off the page's thread,
 * posting progress. Cancelling terminates the worker.
 */
import { analyzeBatchSweep } from "../../src/batch/analyzeBatchSweep.js";
import { estimateNoiseScale } from "../../src/batch/gradientNoiseScale.js";
import { onnxWorkload } from "../../src/graph/onnxWorkload.js";
import { readTable } from "../../src/ingest/readTable.js";
import { fitRuns } from "../../src/laws/fitRuns.js";
import {
  jobSystem,
  jobTuples,
  mergeChunks,
  type SearchChunkResult,
  type SearchJob,
  searchChunk,
} from "../../src/parallel/searchLayouts.js";
import type { ParallelSystem } from "../../src/parallel/system.js";
import { layoutEvaluator } from "../../src/parallel/evaluateLayout.js";
import { bindSystem } from "../../src/parallel/systemFor.js";
import { finetunePlan } from "../../src/plan/finetunePlan.js";
import { forecast } from "../../src/plan/forecast.js";
import { forecastCache } from "../../src/plan/forecastCache.js";
import { inferencePlan, type InferencePlanInput } from "../../src/plan/inferencePlan.js";
import { inferenceProfile, type ServingProfile } from "../../src/plan/inferenceProfile.js";
import { lifetimeForecast } from "../../src/plan/lifetimeForecast.js";
import type { Forecast, ForecastInput } from "../../src/plan/forecastTypes.js";
import { sensitivityTable } from "../../src/plan/sensitivity.js";
import { InputError } from "../../src/units/InputError.js";
import type { Tasks, TaskKind, WorkerMessage } from "./tasks.js";

type Progress = (done: number, total: number) => void;

/** The last forecast, kept for its sensitivity table (the page asks for it right after the forecast). */
let lastForecast: { key: string; result: Forecast } | null = null;

/**
 * Shaped models and layout searches kept across forecasts (src/plan/forecastCache.ts): a change of
 * region, PUE, price or target that keeps the model and device counts searches nothing again, and the
 * device-count series of one forecast shares its searches with the next.
 */
const cache = forecastCache();

function forecastOf(input: ForecastInput): Forecast {
  const key = JSON.stringify(input);
  if (lastForecast?.key !== key)
    lastForecast = { key, result: forecast({ ...input, sensitivity: false, cache }) };
  return lastForecast.result;
}

/**
 * The last system bound for a search, kept across searches: its memoised GEMM and collective times
 * (src/parallel/memo4.ts) serve the next search on the same system and precision (the Plan page's
 * device count, batch or layout changed), which asks for many of the same shapes (issue 17).
 */
let bound: { key: string; sys: ParallelSystem; uses: number } | null = null;

/** Searches one binding serves before it is bound afresh (its memo grows with the shapes asked for). */
const BOUND_USES = 32;

function boundFor(job: SearchJob): ParallelSystem {
  const system = jobSystem(job);
  const key = JSON.stringify([system, job.precision]);
  if (bound?.key !== key || bound.uses >= BOUND_USES)
    bound = { key, sys: bindSystem(system, job.precision), uses: 0 };
  bound.uses++;
  return bound.sys;
}

/** The last model's serving profile (the Serve page changes devices, targets and formats more than models). */
let serving: { key: string; profile: ServingProfile } | null = null;

function servingProfileOf(model: InferencePlanInput["model"]): ServingProfile {
  const key = JSON.stringify(model);
  if (serving?.key !== key) serving = { key, profile: inferenceProfile(model) };
  return serving.profile;
}

const handlers: { [K in TaskKind]: (args: Tasks[K]["args"], progress: Progress) => Tasks[K]["result"] } = {
  fit: (a, progress) =>
    fitRuns(readTable(a.text, { fileName: a.fileName }), a.columns, {
      law: a.law,
      name: a.fileName,
      bootstrap: a.bootstrap,
      seed: a.seed,
      ...(a.objective ? { objective: a.objective } : {}),
      ...(a.tokensFromCompute ? { tokensFromCompute: true } : {}),
      ...(a.dropHighest ? { dropHighest: a.dropHighest } : {}),
      onProgress: progress,
    }),
  search(job, progress) {
    const total = jobTuples(job).length;
    const sys = boundFor(job);
    const chunks: SearchChunkResult[] = [];
    // each chunk builds its own layout evaluator (and its segment-time cache): few chunks, for progress
    // only when the search is big enough to need it
    const step = total <= 64 ? total : Math.ceil(total / 8);
    for (let from = 0; from < total; from += step) {
      chunks.push(searchChunk(job, from, Math.min(total, from + step), sys));
      progress(Math.min(total, from + step), total);
    }
    return mergeChunks(job, chunks);
  },
  onnx(a) {
    const r = onnxWorkload(a.bytes, a.name, { dims: a.dims, execution: a.execution, byOp: true });
    const { layers: _layers, ...step } = r.step;
    return { step, json: r.json, text: r.text };
  },
  batch: (a) => analyzeBatchSweep(a.input, a.options),
  evaluate(a) {
    return layoutEvaluator(a.job.profile, boundFor(a.job), {
      ...a.job.evaluate,
      globalBatch: a.job.space.globalBatch,
    })(a.layout);
  },
  forecast: (input) => forecastOf(input),
  sensitivity: (input) => sensitivityTable({ ...input, cache }, forecastOf(input)),
  gns: (a) => estimateNoiseScale(a.samples, a.options),
  inference: (input) => inferencePlan(input, servingProfileOf(input.model)),
  finetune: (input) => finetunePlan(input),
  lifetime: (a) => lifetimeForecast({ ...a.input, cache }, a.demand).lifetime,
};

const post = (m: WorkerMessage) => (self as unknown as Worker).postMessage(m);

self.onmessage = (e: MessageEvent<{ id: number; kind: TaskKind; args: never }>) => {
  const { id, kind, args } = e.data;
  try {
    const started = performance.now();
    const result = handlers[kind](args, (done, total) => post({ id, type: "progress", done, total }));
    post({ id, type: "result", result, ms: performance.now() - started });
  } catch (err) {
    const field = err instanceof InputError ? err.field : undefined;
    post({
      id,
      type: "error",
      message: err instanceof Error ? err.message : String(err),
      ...(field ? { field } : {}),
    });
  }
};
