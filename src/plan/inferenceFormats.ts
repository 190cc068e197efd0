import type { Accelerator } from "../hardware/accelerator.js";

/** Formats the weights of a served model can be stored in. */
export const WEIGHT_FORMATS = ["bf16", "fp8", "int8", "int4", "fp4"] as const;
/** A weight storage format for serving. */
export type WeightFormat = (typeof WEIGHT_FORMATS)[number];

/** Formats the KV cache can be stored in. */
export const KV_FORMATS = ["bf16", "fp8", "int8"] as const;
/** A KV-cache storage format. */
export type KvFormat = (typeof KV_FORMATS)[number];

/** The precision a serving GEMM runs at on the tensor cores. */
export type ServingCompute = "bf16" | "fp8" | "int8" | "fp4";

/** What a weight format costs in memory and how its GEMMs run. */
export interface WeightFormatSpec {
  /** Bytes per weight, quantisation scales included. */
  bytesPerParam: number;
  /**
   * Tensor-core precision when the device supports it natively (weights and activations both in this
   * format: W8A8). `bf16` formats need no conversion.
   */
  native: ServingCompute;
  /**
   * FLOP per weight element to dequantise it to bf16 when the GEMM cannot run natively (weight-only
   * kernels: W4A16, or fp8/int8 on a device without those units); spent once per weight per forward
   * pass on the vector units, whatever the batch.
   */
  dequantFlopsPerParam: number;
  source: string;
}

/**
 * Weight formats (the linear layers' weights; the embedding and output head stay in 16 bits, as in
 * GPTQ, AWQ and bitsandbytes checkpoints):
 * - bf16: 2 bytes.
 * - fp8 (E4M3) with one scale per tensor (TensorRT-LLM and vLLM FP8 checkpoints): 1 byte; W8A8 on fp8
 *   tensor cores (Hopper, Ada); elsewhere weight-only, converted to bf16 (convert and scale: 2 FLOP).
 * - int8 with one scale per output channel (SmoothQuant W8A8, Xiao et al. 2023 §4): 1 byte plus
 *   negligible scales; int8 tensor cores where the device has them, else weight-only (2 FLOP).
 * - int4 with one 16-bit scale and a 4-bit zero point per group of 128 weights (AWQ, Lin et al. 2024;
 *   GPTQ's group-128 format stores the same; from the papers as we recall them, check): (4 + 20/128)
 *   bits = 0.5195 bytes; always weight-only (W4A16): unpack, subtract the zero, scale = 3 FLOP (assumed).
 * - fp4 (NVFP4: E2M1 values with one FP8 E4M3 scale per 16, NVIDIA's Blackwell format, from its
 *   TensorRT Model Optimizer documentation as we recall it, check): (4 + 8/16) bits = 0.5625 bytes; W4A4
 *   on Blackwell's fp4 tensor cores, weight-only elsewhere (3 FLOP, as int4).
 */
export const WEIGHT_FORMAT_SPECS: Readonly<Record<WeightFormat, WeightFormatSpec>> = {
  bf16: { bytesPerParam: 2, native: "bf16", dequantFlopsPerParam: 0, source: "16-bit weights" },
  fp8: {
    bytesPerParam: 1,
    native: "fp8",
    dequantFlopsPerParam: 2,
    source: "FP8 E4M3, per-tensor scale (Micikevicius et al. 2022, FP8 formats for deep learning)",
  },
  int8: {
    bytesPerParam: 1,
    native: "int8",
    dequantFlopsPerParam: 2,
    source: "SmoothQuant W8A8, per-channel scales (Xiao et al. 2023)",
  },
  int4: {
    bytesPerParam: (4 + 20 / 128) / 8,
    native: "bf16",
    dequantFlopsPerParam: 3,
    source: "AWQ/GPTQ group 128: 16-bit scale + 4-bit zero per group (Lin et al. 2024; Frantar et al. 2023)",
  },
  fp4: {
    bytesPerParam: (4 + 8 / 16) / 8,
    native: "fp4",
    dequantFlopsPerParam: 3,
    source: "NVFP4: E2M1 with an E4M3 scale per 16 values (NVIDIA Blackwell)",
  },
};

/** Bytes per cached K or V element: bf16 2, fp8 1, int8 1 (per-head scales negligible). */
export const KV_BYTES: Readonly<Record<KvFormat, number>> = { bf16: 2, fp8: 1, int8: 1 };

/**
 * Dense int8 tensor-core peak (OP/s) of the accelerators that have one, from the vendor datasheets
 * (dense = half of the "with sparsity" figure). Not in the training catalog because no training run
 * uses it. A device absent here runs int8 weights as weight-only (dequantised to bf16).
 */
export const INT8_PEAK_OPS: Readonly<Record<string, { opsPerSecond: number; source: string }>> = {
  "a100-40gb": { opsPerSecond: 624e12, source: "NVIDIA A100 datasheet (2021): INT8 624 / 1,248 TOPS" },
  "a100-80gb": { opsPerSecond: 624e12, source: "NVIDIA A100 datasheet (2021): INT8 624 / 1,248 TOPS" },
  "h100-sxm": {
    opsPerSecond: 1979e12,
    source: "NVIDIA H100 datasheet (2023): SXM INT8 3,958 TOPS with sparsity; Epoch AI: 1,979 dense",
  },
  "h100-pcie": { opsPerSecond: 1513e12, source: "NVIDIA H100 datasheet (2023): PCIe INT8 3,026 TOPS sparse" },
  h200: { opsPerSecond: 1979e12, source: "NVIDIA H200 datasheet (2024): INT8 3,958 TOPS sparse" },
  l4: {
    opsPerSecond: 242.5e12,
    source: "NVIDIA L4 datasheet (2023): INT8 485 TOPS sparse (from memory, check)",
  },
  t4: { opsPerSecond: 130e12, source: "NVIDIA T4 datasheet (2019): INT8 130 TOPS (dense)" },
};

/**
 * Dense fp4 tensor-core peak (FLOP/s) of the Blackwell accelerators, from the datasheets (dense = half
 * the sparse figure; from memory, check).
 */
export const FP4_PEAK_FLOPS: Readonly<Record<string, { flopsPerSecond: number; source: string }>> = {
  b200: {
    flopsPerSecond: 9e15,
    source: "NVIDIA HGX B200 datasheet (2024): FP4 144 PFLOPS sparse per 8 GPUs",
  },
  gb200: {
    flopsPerSecond: 10e15,
    source: "NVIDIA GB200 NVL72 datasheet (2024): FP4 1,440 PFLOPS sparse per 72 GPUs",
  },
};

/**
 * Dense peak OP/s of `acc` for a serving GEMM precision, or undefined when the device has no units
 * for it: bf16 and fp8 from the catalog (no fallback: a missing fp8 means weight-only), int8 from
 * {@link INT8_PEAK_OPS}, fp4 from {@link FP4_PEAK_FLOPS}.
 */
export function servingPeak(acc: Accelerator, compute: ServingCompute): number | undefined {
  if (compute === "int8") return INT8_PEAK_OPS[acc.name]?.opsPerSecond;
  if (compute === "fp4") return FP4_PEAK_FLOPS[acc.name]?.flopsPerSecond;
  if (compute === "fp8") return acc.peakFlopsPerSecond.fp8;
  return acc.peakFlopsPerSecond.bf16 ?? acc.peakFlopsPerSecond.fp16 ?? acc.peakFlopsPerSecond.fp32;
}
