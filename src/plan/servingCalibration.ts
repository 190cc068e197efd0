/**
 * The serving model's two fitted constants and where they come from. Everything else in the serving
 * model is a physical fact (datasheet peaks and bandwidths, the catalog's GEMM ceiling, link latencies
 * and bandwidths, byte counts); these two absorb what the engines add:
 * - `bandwidthFraction`: achieved fraction of datasheet memory bandwidth while decode streams weights
 *   and KV cache;
 * - `stepOverheadSeconds`: fixed time per forward pass (kernel launches not hidden by CUDA graphs,
 *   scheduling, sampling, detokenisation).
 *
 * Fitted by `fitServingCalibration` (servingFit.ts) on the calibration subset named here, and judged on
 * the rest of the serving corpus (test/validation/serving-corpus.test.ts re-fits them and checks these
 * values). Before a fit, the training model's streaming efficiency (0.85) and no overhead.
 */
export const SERVING_CALIBRATION = {
  bandwidthFraction: 0.85,
  stepOverheadSeconds: 0,
  calibrationCases: [] as readonly string[],
  source: "provisional: the training model's streaming efficiency (src/hardware/efficiency.ts), no overhead",
} as const;
