/**
 * scalecast public API: re-exports only, named one by one, in the order of the chain (DESIGN.md). Each
 * export has one line in docs/API.md; a test keeps the two equal. Internals (chunk helpers, optimiser
 * pieces, per-layer builders) stay importable from their modules but are not part of the package's
 * contract.
 */

// units: parse and format quantities; the input error every layer throws
export { InputError } from "./units/InputError.js";
export { parseCount } from "./units/parseCount.js";
export { parseBytes } from "./units/parseBytes.js";
export { parseFlop } from "./units/parseFlop.js";
export { parseDuration } from "./units/parseDuration.js";
export { parseDollars } from "./units/parseDollars.js";
export { parseBytesPerSecond, parseFlopsPerSecond } from "./units/parseRate.js";
export { formatNumber, formatCell, type NumberStyle } from "./units/formatNumber.js";
export { formatCount } from "./units/formatCount.js";
export { formatBytes } from "./units/formatBytes.js";
export { formatFlop } from "./units/formatFlop.js";
export { formatDuration } from "./units/formatDuration.js";
export { formatDollars } from "./units/formatDollars.js";
export { formatBytesPerSecond, formatFlopsPerSecond } from "./units/formatRate.js";

// ingest: runs files as tables, every row accounted for
export { readTable } from "./ingest/readTable.js";
export { selectColumns } from "./ingest/selectColumns.js";
export { selectRuns } from "./ingest/selectRuns.js";
export type { Table } from "./ingest/Table.js";
export type { RunTable, RowReport, RejectedRow } from "./ingest/RunTable.js";

// fit: the robust fitting machinery (knows nothing about deep learning)
export { minimizeLbfgs } from "./fit/lbfgs.js";
export { fitMultiStart } from "./fit/multiStart.js";
export { bootstrap } from "./fit/bootstrap.js";
export { quantile, summarizeDraws } from "./fit/summary.js";
export type { FitProblem, LogModel, ObjectiveOptions } from "./fit/types.js";

// laws: families, fitting runs, published laws
export { FAMILIES, FAMILY_NAMES, type FamilyName } from "./laws/families.js";
export type { LawFamily, LawKind, LawParams, InputRole, Allocation } from "./laws/types.js";
export { evaluateLaw } from "./laws/evaluateLaw.js";
export {
  fitLaw,
  fitLawPlan,
  type LawFit,
  type FailedFit,
  type Estimate,
  type FitLawOptions,
} from "./laws/fitLaw.js";
export type { LawData } from "./laws/lawData.js";
export {
  fitRuns,
  fitRunsPlan,
  type RunColumns,
  type FitRunsOptions,
  type RunsFit,
  type RunsFitFailure,
} from "./laws/fitRuns.js";
export { runFitPlan, runFitTask, type FitPlan, type FitTask, type FitTaskResult } from "./laws/fitTasks.js";
export { selectLaw, type LawSelection } from "./laws/selectLaw.js";
export { type Law, lawFromFit, lawFromPreset } from "./laws/law.js";
export { fitToJson, lawFromJson, type FitJson } from "./laws/lawJson.js";
export { LAW_PRESETS, lawPreset } from "./laws/presets/index.js";
export type { LawPreset } from "./laws/preset.js";
export { chinchillaOptimal } from "./laws/chinchilla.js";

// project: invert a law, with intervals
export { projectTarget, lossAt, stepsForTarget, type Projection } from "./project/projectTarget.js";
export { optimalForCompute, optimalForTarget } from "./project/computeOptimal.js";
export { intervalOf, type Interval } from "./project/interval.js";

// workload: model specs → the costs of one training step
export {
  WORKLOAD_FAMILIES,
  parseModelSpec,
  familyOf,
  type ModelSpec,
  type ModelFamilyName,
} from "./workload/modelSpec.js";
export type { WorkloadFamily, ModelShape, BlockBoundaries } from "./workload/family.js";
export { trainingStep, inferenceStep } from "./workload/trainingStep.js";
export { scaleModel } from "./workload/scaleModel.js";
export { MODEL_PRESETS, modelPreset, type ModelPreset } from "./workload/presets/index.js";
export { fromHuggingFaceConfig } from "./workload/hf/fromHuggingFaceConfig.js";
export { firstOrderSweep } from "./workload/had19/firstOrderSweep.js";
export type { StepCost } from "./workload/stepCost.js";
export type { LayerCost } from "./workload/layerCost.js";
export type { InferenceCost } from "./workload/inferenceCost.js";
export type { ExecutionInput } from "./workload/execution.js";
export { PRECISIONS, type Precision } from "./workload/precision.js";

// graph: ONNX models → the same step costs
export { analyzeOnnx } from "./graph/analyzeGraph.js";
export { onnxWorkload } from "./graph/onnxWorkload.js";

// hardware: the accelerator catalog, each device's measured efficiency, grid intensity
export { ACCELERATORS, accelerator } from "./hardware/catalog.js";
export type { Accelerator } from "./hardware/accelerator.js";
export { EfficiencySchema, type Efficiency } from "./hardware/efficiencySchema.js";
export { efficiencyOf } from "./hardware/efficiency.js";
export { gridIntensity, GRID_REGIONS } from "./hardware/grid.js";

// parallel: layouts, their time and memory, the search
export { stepProfile, type StepProfile } from "./parallel/stepProfile.js";
export { parseLayout, formatLayout, LAYOUT_DIMS, type Layout } from "./parallel/layout.js";
export { SystemSchema, parseSystem, type System } from "./parallel/systemSchema.js";
export { systemFor, bindSystem } from "./parallel/systemFor.js";
export type { ParallelSystem } from "./parallel/system.js";
export { type FrameworkProfile } from "./parallel/framework.js";
export { FRAMEWORK_PROFILES, frameworkProfile } from "./parallel/frameworkProfiles.js";
export { layoutEvaluator, type TimedLayout } from "./parallel/evaluateLayout.js";
export {
  searchLayouts,
  searchChunk,
  mergeChunks,
  jobTuples,
  type SearchJob,
  type SearchChunkResult,
} from "./parallel/searchLayouts.js";
export { calibrateSystem } from "./parallel/calibrateSystem.js";
export {
  modelErrorDistribution,
  errorSampleFor,
  sampleStepTimeFactor,
  type ModelErrorDistribution,
} from "./validation/modelError.js";

// batch: steps to result against batch size, critical batch, learning rate, LARS and LAMB
export { analyzeBatchSweep, type BatchInput, type BatchAnalysis } from "./batch/analyzeBatchSweep.js";
export { estimateNoiseScale } from "./batch/gradientNoiseScale.js";
export { kaplanCriticalBatch } from "./batch/kaplanCriticalBatch.js";
export { planDataParallel } from "./batch/dataParallelPlan.js";
export { recommendOptimizer } from "./batch/recommendOptimizer.js";
export { scaleLearningRate } from "./batch/learningRate.js";
export { larsStep } from "./batch/lars.js";
export { lambStep } from "./batch/lamb.js";

// plan: the whole chain
export { forecast } from "./plan/forecast.js";
export type { Forecast, ForecastInput, Budget } from "./plan/forecastTypes.js";
export { bestLayout } from "./plan/bestLayout.js";
export { runCost } from "./plan/runCost.js";
export { layoutRunCost, checkpointBytesOf } from "./plan/layoutRunCost.js";
export { goodput, GOODPUT_DEFAULTS, type Goodput, type GoodputOptions } from "./plan/goodput.js";
export { shapeDecoder } from "./plan/shapeDecoder.js";
export { shapeToParams } from "./plan/shapeToParams.js";
export { hfFrontierScale } from "./plan/hfFrontier.js";

// report: the forecast's tables and self-contained reports
export { forecastTables, type TextTable } from "./report/forecastTables.js";
export { renderReportHtml } from "./report/html.js";
export { renderReportMarkdown } from "./report/markdown.js";

// sweep: experiment designs, the sweep file, run tables from results and their fits
export { SweepFileSchema, parseSweepFile, type SweepFile, type SweepPoint } from "./sweep/sweepFile.js";
export { designLearningCurve, type LearningCurveDesignOptions } from "./sweep/designLearningCurve.js";
export { designBatch, type BatchDesignOptions } from "./sweep/designBatch.js";
export { sweepCost } from "./sweep/sweepCost.js";
export { collectRuns, type CollectedRuns } from "./sweep/collectRuns.js";
export { fitLearningCurveSweep } from "./sweep/fitLearningCurveSweep.js";
export { fitBatchSweepRuns } from "./sweep/fitBatchSweepRuns.js";

// TensorBoard event files
export { readEventFile, type EventFileScalars } from "./ingest/tensorboard/readEventFile.js";
export { readTfRecords, encodeTfRecord } from "./ingest/tensorboard/tfRecord.js";
