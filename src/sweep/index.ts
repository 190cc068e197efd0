/** Sweeps: designs, the point list, the sweep file, run tables from results, and their fits. Pure. */

export * from "./bestPerSize.js";
export * from "./collectRuns.js";
export * from "./commandTemplate.js";
export * from "./designBatch.js";
export * from "./designLearningCurve.js";
export * from "./designWarnings.js";
export * from "./fitBatchSweepRuns.js";
export * from "./fitLearningCurveSweep.js";
export * from "./logGrid.js";
export * from "./metricLog.js";
export * from "./pooledNoiseScale.js";
export * from "./sweepCost.js";
export * from "./sweepFile.js";
