import { TPU_V4_EFFICIENCY } from "./efficiencies.js";
import type { Accelerator } from "../accelerator.js";
import { DCN_LATENCY_SECONDS, EPOCH, ICI_LATENCY_SECONDS, gbitPerSecond } from "./links.js";
import { gib } from "./memorySizes.js";

const JOUPPI_2020 =
  "Jouppi et al., 'A domain-specific supercomputer for training deep neural networks', CACM 2020, Table 3";
const JOUPPI_2023 = "Jouppi et al., 'TPU v4: an optically reconfigurable supercomputer', ISCA 2023";
const CLOUD_TPU_DOCS = "Google Cloud TPU system architecture docs (cloud.google.com/tpu/docs, 2024)";
const GCP_PRICING =
  "GCP Cloud TPU pricing page, on-demand per chip-hour, us-central regions (2024, quoted from memory: check)";
/** TPU fp32: a full-precision fp32 matmul runs as 6 bf16 MXU passes (XLA precision HIGHEST) → bf16/6. */
const FP32_RULE =
  "derived: fp32 = bf16/6, as XLA runs a full-precision fp32 matmul as 6 bf16 MXU passes (precision=HIGHEST); XLA's default precision runs it as one bf16 pass";
/** ICI: the per-chip aggregate (both directions) halved for a per-direction figure. */
const ICI_RULE =
  "per-direction bandwidth = per-chip aggregate ICI bandwidth / 2; latency assumed 5 µs (not published)";
/**
 * DCN: PaLM §4 reports 81 Tb/s bursty cross-pod traffic for 768 hosts of 4 chips per pod, ≈ 105 Gb/s per
 * host → ~25 Gb/s per chip. Used for every TPU generation (assumption).
 */
const DCN = {
  name: "data-centre network (DCN)",
  bytesPerSecond: gbitPerSecond(25),
  latencySeconds: DCN_LATENCY_SECONDS,
};
const DCN_SOURCE =
  "Chowdhery et al., PaLM (2022) §4: 81 Tb/s across 768 hosts of 4 chips ≈ 25 Gb/s per chip (assumed for all TPU generations); latency assumed 10 µs";

function ici(aggregateBytesPerSecond: number) {
  return { name: "ICI", bytesPerSecond: aggregateBytesPerSecond / 2, latencySeconds: ICI_LATENCY_SECONDS };
}

function tpuFlops(bf16: number) {
  return { fp32: bf16 / 6, bf16 };
}

/** Google TPU v2 (2017), one chip (2 TensorCores); 256 chips per pod. */
export const TPU_V2: Accelerator = {
  name: "tpu-v2",
  released: 2017,
  vendor: "Google",
  kind: "tpu",
  peakFlopsPerSecond: tpuFlops(46e12),
  memoryBytes: gib(16),
  memoryBytesPerSecond: 700e9,
  intraNode: ici(gbitPerSecond(4 * 496)),
  interNode: DCN,
  devicesPerNode: 256,
  tdpWatts: 280,
  price: { dollarsPerHour: 4.5 / 4, date: "2024-06", source: `${GCP_PRICING}: v2-8 (4 chips) $4.50/h ÷ 4` },
  sources: {
    peakFlopsPerSecond: `${JOUPPI_2020}: 46 TFLOP/s bf16 per chip (${EPOCH}: 45); ${FP32_RULE}`,
    memoryBytes: `${JOUPPI_2020}: 16 GiB HBM per chip (${EPOCH}: 16 GB)`,
    memoryBytesPerSecond: `${JOUPPI_2020}: 700 GB/s (${EPOCH}: 600 GB/s)`,
    intraNode: `${JOUPPI_2020}: 4 ICI links × 496 Gb/s; ${ICI_RULE}`,
    interNode: DCN_SOURCE,
    devicesPerNode: `${JOUPPI_2020}: 256 chips per TPU v2 pod (2D torus)`,
    tdpWatts: `${JOUPPI_2020}: 280 W; ${EPOCH} agrees`,
  },
};

/** Google TPU v3 (2018), one chip (2 TensorCores); 1024 chips per pod. */
export const TPU_V3: Accelerator = {
  name: "tpu-v3",
  released: 2018,
  vendor: "Google",
  kind: "tpu",
  peakFlopsPerSecond: tpuFlops(123e12),
  memoryBytes: gib(32),
  memoryBytesPerSecond: 900e9,
  intraNode: ici(gbitPerSecond(4 * 656)),
  interNode: DCN,
  devicesPerNode: 1024,
  tdpWatts: 450,
  price: { dollarsPerHour: 8 / 4, date: "2024-06", source: `${GCP_PRICING}: v3-8 (4 chips) $8.00/h ÷ 4` },
  sources: {
    peakFlopsPerSecond: `${JOUPPI_2020}: 123 TFLOP/s bf16 per chip; ${EPOCH} agrees; ${FP32_RULE}`,
    memoryBytes: `${JOUPPI_2020}: 32 GiB HBM per chip (${EPOCH}: 32 GB)`,
    memoryBytesPerSecond: `${JOUPPI_2020}: 900 GB/s; ${EPOCH} agrees`,
    intraNode: `${JOUPPI_2020}: 4 ICI links × 656 Gb/s; ${ICI_RULE}`,
    interNode: DCN_SOURCE,
    devicesPerNode: `${JOUPPI_2020}: 1024 chips per TPU v3 pod (2D torus)`,
    tdpWatts: `${JOUPPI_2020}: 450 W (${EPOCH}: 220 W)`,
  },
};

/** Google TPU v4 (2021), one chip; 4096 chips per pod (3D torus, optical switches). */
export const TPU_V4: Accelerator = {
  name: "tpu-v4",
  released: 2021,
  vendor: "Google",
  kind: "tpu",
  peakFlopsPerSecond: tpuFlops(275e12),
  memoryBytes: gib(32),
  memoryBytesPerSecond: 1200e9,
  intraNode: ici(300e9),
  interNode: DCN,
  devicesPerNode: 4096,
  tdpWatts: 192,
  price: { dollarsPerHour: 3.22, date: "2024-06", source: `${GCP_PRICING}: v4 $3.22 per chip-hour` },
  efficiency: TPU_V4_EFFICIENCY,
  sources: {
    peakFlopsPerSecond: `${JOUPPI_2023}, Table 2: 275 TFLOP/s bf16; ${EPOCH} agrees; ${FP32_RULE}`,
    memoryBytes: `${CLOUD_TPU_DOCS}: 32 GiB HBM2 (${EPOCH}: 32 GB)`,
    memoryBytesPerSecond: `${JOUPPI_2023}: 1,200 GB/s; ${EPOCH} agrees`,
    intraNode: `${JOUPPI_2023}: 6 ICI links × 50 GB/s = 300 GB/s per chip; ${ICI_RULE}`,
    interNode: DCN_SOURCE,
    devicesPerNode: `${JOUPPI_2023}: 4096 chips per pod (PaLM used 2 pods of 3072)`,
    tdpWatts: `${JOUPPI_2023}: 192 W max, 170 W mean (${EPOCH}: 170 W)`,
  },
};

/** Google TPU v5e (2023), one chip; 256 chips per pod (2D torus). */
export const TPU_V5E: Accelerator = {
  name: "tpu-v5e",
  released: 2023,
  vendor: "Google",
  kind: "tpu",
  peakFlopsPerSecond: tpuFlops(197e12),
  memoryBytes: gib(16),
  memoryBytesPerSecond: 819e9,
  intraNode: ici(gbitPerSecond(1600)),
  interNode: DCN,
  devicesPerNode: 256,
  tdpWatts: 140,
  price: { dollarsPerHour: 1.2, date: "2024-06", source: `${GCP_PRICING}: v5e $1.20 per chip-hour` },
  sources: {
    peakFlopsPerSecond: `${CLOUD_TPU_DOCS} (v5e): 197 TFLOP/s bf16; ${EPOCH} agrees; ${FP32_RULE}`,
    memoryBytes: `${CLOUD_TPU_DOCS} (v5e): 16 GiB HBM2 (${EPOCH}: 16 GB)`,
    memoryBytesPerSecond: `${CLOUD_TPU_DOCS} (v5e): 819 GB/s; ${EPOCH} agrees`,
    intraNode: `${CLOUD_TPU_DOCS} (v5e): ICI 1,600 Gb/s per chip; ${ICI_RULE}`,
    interNode: DCN_SOURCE,
    devicesPerNode: `${CLOUD_TPU_DOCS} (v5e): 256 chips per pod`,
    tdpWatts: `${EPOCH}: 140 W (Google publishes none)`,
  },
};

/** Google TPU v5p (2023), one chip; 8960 chips per pod (3D torus). */
export const TPU_V5P: Accelerator = {
  name: "tpu-v5p",
  released: 2023,
  vendor: "Google",
  kind: "tpu",
  peakFlopsPerSecond: tpuFlops(459e12),
  memoryBytes: gib(95),
  memoryBytesPerSecond: 2765e9,
  intraNode: ici(gbitPerSecond(4800)),
  interNode: DCN,
  devicesPerNode: 8960,
  tdpWatts: 450,
  price: { dollarsPerHour: 4.2, date: "2024-06", source: `${GCP_PRICING}: v5p $4.20 per chip-hour` },
  sources: {
    peakFlopsPerSecond: `${CLOUD_TPU_DOCS} (v5p): 459 TFLOP/s bf16; ${EPOCH} agrees; ${FP32_RULE}`,
    memoryBytes: `${CLOUD_TPU_DOCS} (v5p): 95 GiB HBM2e (${EPOCH}: 95 GB)`,
    memoryBytesPerSecond: `${CLOUD_TPU_DOCS} (v5p): 2,765 GB/s; ${EPOCH} agrees`,
    intraNode: `${CLOUD_TPU_DOCS} (v5p): ICI 4,800 Gb/s per chip; ${ICI_RULE}`,
    interNode: DCN_SOURCE,
    devicesPerNode: `${CLOUD_TPU_DOCS} (v5p): 8960 chips per pod`,
    tdpWatts: "assumption: 450 W (Google publishes no v5p power; v3's 450 W as a placeholder) [unverified]",
  },
};
