import type { Accelerator } from "../accelerator.js";
import {
  EPOCH,
  NCCL_TUNING,
  NETWORK_LATENCY_SECONDS,
  NVLINK_LATENCY_SECONDS,
  gbitPerSecond,
} from "./links.js";
import { BINARY_GB, gib } from "./memorySizes.js";

const MI250X_DATASHEET = "AMD Instinct MI250X datasheet (2021), OAM module (2 GCDs counted as one device)";
const MI300X_DATASHEET = "AMD Instinct MI300X datasheet (2023), dense (no sparsity)";
const GAUDI2_WHITEPAPER = "Intel Habana Gaudi 2 white paper (2022)";
const GAUDI3_WHITEPAPER = "Intel Gaudi 3 AI accelerator white paper (2024), HL-325L OAM";
/** Infinity Fabric / RoCE hop latency: not published; taken equal to NCCL's NVLink figure. */
const FABRIC_LATENCY = `${NCCL_TUNING} NVLink figure, assumed for the vendor's fabric`;

/** AMD Instinct MI250X (CDNA 2, 2021), as in Frontier: 4 per node. */
export const MI250X: Accelerator = {
  name: "mi250x",
  vendor: "AMD",
  kind: "gpu",
  peakFlopsPerSecond: { fp32: 47.9e12, bf16: 383e12, fp16: 383e12 },
  memoryBytes: gib(128),
  memoryBytesPerSecond: 3.2768e12,
  intraNode: {
    name: "Infinity Fabric (xGMI)",
    bytesPerSecond: 200e9,
    latencySeconds: NVLINK_LATENCY_SECONDS,
  },
  interNode: {
    name: "HPE Slingshot-11 200 Gb/s per GPU",
    bytesPerSecond: gbitPerSecond(200),
    latencySeconds: NETWORK_LATENCY_SECONDS,
  },
  devicesPerNode: 4,
  released: 2021,
  tdpWatts: 500,
  price: {
    dollarsPerHour: 40.9657 / 8,
    date: "2024-01",
    source:
      "estimate: not rented by the hour (built into HPE Cray EX systems: Frontier, LUMI); priced as its contemporary, the A100 80 GB: AWS EC2 on-demand p4de.24xlarge (8 × A100 80 GB) $40.9657/h ÷ 8, us-east-1 (the catalog's a100-80gb price)",
  },
  sources: {
    peakFlopsPerSecond: `${MI250X_DATASHEET}: fp32 vector 47.9 (matrix 95.7), bf16/fp16 383 TFLOP/s; ${EPOCH} agrees`,
    memoryBytes: `${MI250X_DATASHEET}: 128 GB HBM2e (${BINARY_GB})`,
    memoryBytesPerSecond: `${MI250X_DATASHEET}: 3.2768 TB/s; ${EPOCH}: 3.28 TB/s`,
    intraNode: `${MI250X_DATASHEET}: up to 800 GB/s aggregate Infinity Fabric (bidirectional, 8 links, some joining the two GCDs); assumed 200 GB/s per direction to other packages; latency ${FABRIC_LATENCY}`,
    interNode:
      "OLCF Frontier user guide: 4 × Slingshot-11 200 Gb/s NICs per node of 4 MI250X → 25 GB/s per GPU",
    devicesPerNode: "OLCF Frontier: 4 MI250X per node",
    tdpWatts: `${MI250X_DATASHEET}: 500 W (560 W peak); ${EPOCH}: 500 W`,
  },
  notes: "fp32 is the vector rate; fp32 matrix-core GEMMs peak at 95.7 TFLOP/s.",
};

/** AMD Instinct MI300X (CDNA 3, 2023): 8 per platform, fully connected by Infinity Fabric. */
export const MI300X: Accelerator = {
  name: "mi300x",
  vendor: "AMD",
  kind: "gpu",
  peakFlopsPerSecond: { fp32: 163.4e12, tf32: 653.7e12, bf16: 1307.4e12, fp16: 1307.4e12, fp8: 2614.9e12 },
  memoryBytes: gib(192),
  memoryBytesPerSecond: 5.3e12,
  intraNode: {
    name: "Infinity Fabric (xGMI), 7 links",
    bytesPerSecond: 448e9,
    latencySeconds: NVLINK_LATENCY_SECONDS,
  },
  interNode: {
    name: "400 Gb/s per GPU",
    bytesPerSecond: gbitPerSecond(400),
    latencySeconds: NETWORK_LATENCY_SECONDS,
  },
  devicesPerNode: 8,
  released: 2023,
  tdpWatts: 750,
  price: {
    dollarsPerHour: 1.99,
    date: "2026-05",
    source:
      "Cliff Center research note 'AMD inference economics' (2026-05-18, cliffcenter.com/research/amd-inference-economics): median MI300X on-demand $1.99/GPU-hour across providers (TensorWave $1.50 … Azure and Oracle $6)",
  },
  sources: {
    peakFlopsPerSecond: `${MI300X_DATASHEET}: fp32 163.4, tf32 653.7, bf16/fp16 1,307.4, fp8 2,614.9 TFLOP/s; ${EPOCH} agrees`,
    memoryBytes: `${MI300X_DATASHEET}: 192 GB HBM3 (${BINARY_GB})`,
    memoryBytesPerSecond: `${MI300X_DATASHEET}: 5.3 TB/s; ${EPOCH} agrees`,
    intraNode: `${MI300X_DATASHEET}: 7 Infinity Fabric links × 64 GB/s per direction = 448 GB/s (896 GB/s bidirectional aggregate; one peer gets 64 GB/s); latency ${FABRIC_LATENCY}`,
    interNode: "AMD Instinct MI300X platform / Azure ND MI300X v5: 8 × 400 Gb/s, one per GPU → 50 GB/s",
    devicesPerNode: "AMD Instinct MI300X platform: 8 GPUs",
    tdpWatts: `${MI300X_DATASHEET}: 750 W; ${EPOCH} agrees`,
  },
};

/** Intel Habana Gaudi 2 (2022): 24 × 100 GbE RoCE on chip, 21 inside the node, 3 out. */
export const GAUDI2: Accelerator = {
  name: "gaudi2",
  vendor: "Intel",
  kind: "npu",
  peakFlopsPerSecond: { fp32: 11e12, bf16: 432e12, fp16: 432e12, fp8: 865e12 },
  memoryBytes: gib(96),
  memoryBytesPerSecond: 2.45e12,
  intraNode: {
    name: "21 × 100 GbE RoCE (all-to-all)",
    bytesPerSecond: gbitPerSecond(2100),
    latencySeconds: NETWORK_LATENCY_SECONDS,
  },
  interNode: {
    name: "3 × 100 GbE RoCE per device",
    bytesPerSecond: gbitPerSecond(300),
    latencySeconds: NETWORK_LATENCY_SECONDS,
  },
  devicesPerNode: 8,
  released: 2022,
  tdpWatts: 600,
  price: {
    dollarsPerHour: 40.9657 / 8,
    date: "2024-01",
    source:
      "estimate: no public per-hour price found (Intel Developer Cloud rented it in 2023-24; Databricks, 'LLM Training and Inference with Intel Gaudi 2 AI Accelerators', 2024-01, found its price per performance below the A100's); priced as the A100 80 GB, an upper bound: AWS EC2 on-demand p4de.24xlarge (8 × A100 80 GB) $40.9657/h ÷ 8, us-east-1 (the catalog's a100-80gb price)",
  },
  sources: {
    peakFlopsPerSecond: `${GAUDI2_WHITEPAPER} and ${GAUDI3_WHITEPAPER} comparison table: MME bf16 432, fp8 865 TFLOP/s (${EPOCH}: bf16 450, fp8 865); fp32 11 TFLOP/s is the TPC vector rate [unverified estimate]`,
    memoryBytes: `${GAUDI2_WHITEPAPER}: 96 GB HBM2e (${BINARY_GB})`,
    memoryBytesPerSecond: `${GAUDI2_WHITEPAPER}: 2.45 TB/s; ${EPOCH} agrees`,
    intraNode: `${GAUDI2_WHITEPAPER}: 24 × 100 GbE, 21 to the 7 peers in the HLS-Gaudi2 server → 262.5 GB/s per direction; latency: NCCL NET figure, assumed`,
    interNode: `${GAUDI2_WHITEPAPER}: 3 × 100 GbE scale-out ports per device → 37.5 GB/s`,
    devicesPerNode: "Intel HLS-Gaudi2 server: 8 devices",
    tdpWatts: `${GAUDI2_WHITEPAPER}: 600 W; ${EPOCH} agrees`,
  },
};

/** Intel Gaudi 3 (2024): 24 × 200 GbE RoCE on chip, 21 inside the node, 3 out. */
export const GAUDI3: Accelerator = {
  name: "gaudi3",
  vendor: "Intel",
  kind: "npu",
  peakFlopsPerSecond: { fp32: 14.3e12, tf32: 459e12, bf16: 1835e12, fp16: 1835e12, fp8: 1835e12 },
  memoryBytes: gib(128),
  memoryBytesPerSecond: 3.7e12,
  intraNode: {
    name: "21 × 200 GbE RoCE (all-to-all)",
    bytesPerSecond: gbitPerSecond(4200),
    latencySeconds: NETWORK_LATENCY_SECONDS,
  },
  interNode: {
    name: "3 × 200 GbE RoCE per device",
    bytesPerSecond: gbitPerSecond(600),
    latencySeconds: NETWORK_LATENCY_SECONDS,
  },
  devicesPerNode: 8,
  released: 2024,
  tdpWatts: 900,
  price: {
    dollarsPerHour: 98.32 / 16,
    date: "2024-01",
    source:
      "estimate: no public per-hour price found (IBM Cloud offers it from 2025); half the H100 SXM's catalog price (AWS EC2 on-demand p5.48xlarge $98.32/h ÷ 8), as Intel positions it at about half an H100's cost per accelerator (aiproplaybook.com/tools/intel-gaudi-3)",
  },
  sources: {
    peakFlopsPerSecond: `${GAUDI3_WHITEPAPER}: MME bf16 and fp8 1,835, tf32 459 TFLOP/s; fp32 14.3 from ${EPOCH} (${EPOCH} lists bf16 1,678, a lower-clocked part)`,
    memoryBytes: `${GAUDI3_WHITEPAPER}: 128 GB HBM2e (${BINARY_GB})`,
    memoryBytesPerSecond: `${GAUDI3_WHITEPAPER}: 3.7 TB/s; ${EPOCH} agrees`,
    intraNode: `${GAUDI3_WHITEPAPER}: 24 × 200 GbE, 21 to the 7 peers → 525 GB/s per direction; latency: NCCL NET figure, assumed`,
    interNode: `${GAUDI3_WHITEPAPER}: 3 × 200 GbE scale-out ports per device → 75 GB/s`,
    devicesPerNode: "Intel Gaudi 3 HLS-2 server: 8 devices",
    tdpWatts: `${GAUDI3_WHITEPAPER}: 900 W (air-cooled OAM); ${EPOCH} agrees`,
  },
};
