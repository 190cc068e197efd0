/**
 * The serving model's two fitted constants and where they come from. Everything else in the serving
 * model is a physical fact (datasheet peaks and bandwidths, the catalog's GEMM ceiling, link latencies
 * and bandwidths, byte counts); these two absorb what the engines add:
 * - `bandwidthFraction`: achieved fraction of datasheet memory bandwidth while decode streams weights
 *   and KV cache;
 * - `stepOverheadSeconds`: fixed time per forward pass (kernel launches not hidden by CUDA graphs,
 *   scheduling, sampling).
 *
 * Fitted by `fitServingCalibration` (servingFit.ts) on the calibration subset named here (TensorRT-LLM's
 * Llama 3.1 8B FP8 rows on one H100 SXM: four prompt/output mixes from 128/128 to 20000/2000) and judged
 * on the rest of the serving corpus (H200, B200, 70B, 405B, MoE): test/validation/serving-corpus.test.ts
 * prints both; test/validation/serving-calibration.slow.test.ts re-fits and checks these values.
 */
export const SERVING_CALIBRATION = {
  bandwidthFraction: 0.9,
  stepOverheadSeconds: 0.001,
  /** Root-mean-square log error of the fit on its own cases (in sample). */
  rmsLogError: 0.0587,
  calibrationCases: [
    "trtllm2025-llama-3.1-8b-h100-sxm-tp1-fp8-128-128",
    "trtllm2025-llama-3.1-8b-h100-sxm-tp1-fp8-1000-1000",
    "trtllm2025-llama-3.1-8b-h100-sxm-tp1-fp8-2048-2048",
    "trtllm2025-llama-3.1-8b-h100-sxm-tp1-fp8-20000-2000",
  ],
  source:
    "fitServingCalibration on the four TensorRT-LLM Llama 3.1 8B FP8 H100 SXM rows (trtllm2025 in the serving corpus)",
} as const;
