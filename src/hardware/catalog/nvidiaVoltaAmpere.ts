import { A100_EFFICIENCY, A800_EFFICIENCY, V100_DGX2H_EFFICIENCY, V100_EFFICIENCY } from "./efficiencies.js";
import type { Accelerator } from "../accelerator.js";
import {
  EPOCH,
  NCCL_TUNING,
  NETWORK_LATENCY_SECONDS,
  NVLINK_LATENCY_SECONDS,
  gbitPerSecond,
} from "./links.js";
import { BINARY_GB, NVIDIA_SMI_TOTALS, gib, mib } from "./memorySizes.js";
import { nvlinkCutVariant } from "./nvlinkCutVariant.js";

const V100_DATASHEET = "NVIDIA Tesla V100 datasheet (SXM2, 2018)";
const A100_DATASHEET = "NVIDIA A100 Tensor Core GPU datasheet (2021), SXM, dense (no sparsity)";

/** NVLink 2 on V100: 6 links × 25 GB/s per direction = 150 GB/s per GPU per direction (300 GB/s bidirectional). */
const NVLINK2 = {
  name: "NVLink 2 (DGX-1 hybrid cube mesh)",
  bytesPerSecond: 150e9,
  latencySeconds: NVLINK_LATENCY_SECONDS,
};
/**
 * DGX-1 (V100): 4 × 100 Gb/s EDR InfiniBand per 8 GPUs = 50 Gb/s = 6.25 GB/s per GPU per direction (the
 * Microsoft/OpenAI GPT-3 cluster: 400 Gb/s per 8-GPU server, the same figure).
 */
const DGX1_IB = {
  name: "4× EDR InfiniBand 100 Gb/s per 8 GPUs",
  bytesPerSecond: gbitPerSecond(50),
  latencySeconds: NETWORK_LATENCY_SECONDS,
};
/** NVLink 3 on A100: 12 links × 25 GB/s = 300 GB/s per GPU per direction (600 GB/s bidirectional), via NVSwitch. */
const NVLINK3 = {
  name: "NVLink 3 + NVSwitch",
  bytesPerSecond: 300e9,
  latencySeconds: NVLINK_LATENCY_SECONDS,
};
/** DGX A100: 8 × 200 Gb/s HDR InfiniBand, one per GPU = 25 GB/s per GPU per direction. */
const DGX_A100_IB = {
  name: "HDR InfiniBand 200 Gb/s per GPU",
  bytesPerSecond: gbitPerSecond(200),
  latencySeconds: NETWORK_LATENCY_SECONDS,
};

const V100_COMMON = {
  vendor: "NVIDIA",
  kind: "gpu",
  peakFlopsPerSecond: { fp32: 15.7e12, fp16: 125e12 },
  memoryBytesPerSecond: 900e9,
  intraNode: NVLINK2,
  interNode: DGX1_IB,
  devicesPerNode: 8,
  tdpWatts: 300,
} as const;

const V100_SOURCES = {
  peakFlopsPerSecond: `${V100_DATASHEET}: 15.7 TFLOP/s fp32, 125 TFLOP/s fp16 tensor; ${EPOCH} agrees (15.67, 125)`,
  memoryBytesPerSecond: `${V100_DATASHEET}: 900 GB/s HBM2 (${EPOCH}: 897-898 GB/s)`,
  intraNode: `${V100_DATASHEET}: NVLink 300 GB/s bidirectional → 150 GB/s per direction; latency ${NCCL_TUNING}`,
  interNode: "DGX-1 system guide: 4 × EDR IB 100 Gb/s per 8 GPUs (assumed per-GPU share 50 Gb/s)",
  devicesPerNode: "DGX-1 / HGX-1: 8 GPUs per node",
  tdpWatts: `${V100_DATASHEET}: 300 W (SXM2)`,
};

/** NVIDIA V100 SXM2 16 GB (Volta, 2017). */
export const V100_16GB: Accelerator = {
  name: "v100-16gb",
  released: 2017,
  ...V100_COMMON,
  memoryBytes: gib(16),
  price: {
    dollarsPerHour: 2.005,
    date: "2020-09",
    source: "Hugging Face 'How big should my language model be?' calculator (2020), GCP V100 rate",
  },
  efficiency: V100_EFFICIENCY,
  sources: { ...V100_SOURCES, memoryBytes: `${V100_DATASHEET}: 16 GB HBM2 (${BINARY_GB})` },
};

/** NVIDIA V100 SXM2 32 GB (Volta, 2018). */
export const V100_32GB: Accelerator = {
  name: "v100-32gb",
  released: 2018,
  ...V100_COMMON,
  memoryBytes: gib(32),
  price: {
    dollarsPerHour: 31.212 / 8,
    date: "2024-01",
    source: "AWS EC2 on-demand p3dn.24xlarge (8 × V100 32 GB) $31.212/h, us-east-1, ÷ 8",
  },
  efficiency: V100_EFFICIENCY,
  sources: { ...V100_SOURCES, memoryBytes: `${V100_DATASHEET}: 32 GB HBM2 (${BINARY_GB})` },
};

const SHOEYBI_2019 =
  "Shoeybi et al. 2019, Megatron-LM (arXiv 1909.08053) §5: 'up to 32 DGX-2H servers (a total of 512 Tesla V100 SXM3 32GB GPUs) ... 300 GB/sec bandwidth between GPUs inside a server via NVSwitch and 100 GB/sec of interconnect bandwidth between servers using 8 InfiniBand adapters per server'";

/**
 * NVIDIA V100 SXM3 32 GB as in the DGX-2H (Volta, 2018): 16 GPUs per node on NVSwitch, higher clocks and
 * power than the SXM2 part. The system Megatron-LM 2019 ran on.
 */
export const V100_DGX2H: Accelerator = {
  name: "v100-dgx2h",
  released: 2018,
  vendor: "NVIDIA",
  kind: "gpu",
  peakFlopsPerSecond: { fp32: 16.3e12, fp16: 130e12 },
  memoryBytes: gib(32),
  memoryBytesPerSecond: 900e9,
  intraNode: { name: "NVSwitch (DGX-2H)", bytesPerSecond: 150e9, latencySeconds: NVLINK_LATENCY_SECONDS },
  interNode: {
    name: "8 × EDR InfiniBand 100 Gb/s per 16 GPUs",
    bytesPerSecond: gbitPerSecond(50),
    latencySeconds: NETWORK_LATENCY_SECONDS,
  },
  devicesPerNode: 16,
  tdpWatts: 450,
  price: {
    dollarsPerHour: 31.212 / 8,
    date: "2024-01",
    source:
      "estimate: not rented as such; priced as the V100 32 GB (AWS EC2 on-demand p3dn.24xlarge $31.212/h ÷ 8, us-east-1)",
  },
  efficiency: V100_DGX2H_EFFICIENCY,
  sources: {
    peakFlopsPerSecond: `${SHOEYBI_2019.split(" §5")[0]} §5.1: 39 TFLOP/s 'is 30% of the theoretical peak FLOPS for a single GPU in a DGX-2H server' → 130 TFLOP/s fp16 tensor; fp32 scaled from the SXM2 part's 15.7 by 130/125 (derived)`,
    memoryBytes: `${SHOEYBI_2019} (32 GB: ${BINARY_GB})`,
    memoryBytesPerSecond: `${V100_DATASHEET}: 900 GB/s HBM2 (the SXM3 part taken to have the same memory: assumption)`,
    intraNode: `${SHOEYBI_2019} → 150 GB/s per direction; latency ${NCCL_TUNING}`,
    interNode: `${SHOEYBI_2019} → 100 GB/s / 16 GPUs = 6.25 GB/s per GPU`,
    devicesPerNode: `${SHOEYBI_2019}: 512 GPUs in 32 servers → 16 per node`,
    tdpWatts: "NVIDIA DGX-2H datasheet (2018): V100 SXM3 at 450 W (not re-read here; affects energy only)",
  },
};

const A100_COMMON = {
  vendor: "NVIDIA",
  kind: "gpu",
  peakFlopsPerSecond: { fp32: 19.5e12, tf32: 156e12, bf16: 312e12, fp16: 312e12 },
  intraNode: NVLINK3,
  interNode: DGX_A100_IB,
  devicesPerNode: 8,
  tdpWatts: 400,
} as const;

const A100_SOURCES = {
  peakFlopsPerSecond: `${A100_DATASHEET}: fp32 19.5, tf32 156, bf16/fp16 312 TFLOP/s; ${EPOCH} agrees`,
  intraNode: `${A100_DATASHEET}: NVLink 600 GB/s bidirectional → 300 GB/s per direction; latency ${NCCL_TUNING}`,
  interNode: "DGX A100 user guide: 8 × ConnectX-6 HDR 200 Gb/s, one per GPU → 25 GB/s per GPU",
  devicesPerNode: "DGX A100 / HGX A100: 8 GPUs per node",
  tdpWatts: `${A100_DATASHEET}: 400 W (SXM)`,
};

/** NVIDIA A100 SXM4 40 GB (Ampere, 2020). */
export const A100_40GB: Accelerator = {
  name: "a100-40gb",
  released: 2020,
  ...A100_COMMON,
  memoryBytes: mib(40960),
  memoryBytesPerSecond: 1555e9,
  price: {
    dollarsPerHour: 32.7726 / 8,
    date: "2024-01",
    source: "AWS EC2 on-demand p4d.24xlarge (8 × A100 40 GB) $32.7726/h, us-east-1, ÷ 8",
  },
  efficiency: A100_EFFICIENCY,
  sources: {
    ...A100_SOURCES,
    memoryBytes: `${A100_DATASHEET}: 40 GB HBM2; ${NVIDIA_SMI_TOTALS}: 40960 MiB`,
    memoryBytesPerSecond: `${A100_DATASHEET}: 1,555 GB/s (${EPOCH}: 1,560 GB/s)`,
  },
};

/** NVIDIA A100 SXM4 80 GB (Ampere, 2020). */
export const A100_80GB: Accelerator = {
  name: "a100-80gb",
  released: 2020,
  ...A100_COMMON,
  memoryBytes: mib(81920),
  memoryBytesPerSecond: 2039e9,
  price: {
    dollarsPerHour: 40.9657 / 8,
    date: "2024-01",
    source: "AWS EC2 on-demand p4de.24xlarge (8 × A100 80 GB) $40.9657/h, us-east-1, ÷ 8",
  },
  efficiency: A100_EFFICIENCY,
  sources: {
    ...A100_SOURCES,
    memoryBytes: `${A100_DATASHEET}: 80 GB HBM2e; ${NVIDIA_SMI_TOTALS}: 81920 MiB`,
    memoryBytesPerSecond: `${A100_DATASHEET}: 2,039 GB/s; ${EPOCH} agrees`,
  },
};

/**
 * Reuters (2022-11-07), 'Nvidia offers new advanced chip for China that meets U.S. export controls', as
 * the trade press retold it (tweakers.net 203182, techzine.nl 508364; not re-read at Reuters): the A800's
 * chip-to-chip rate is 400 GB/s against the A100's 600, its compute, memory and TDP the A100's.
 */
const A800_REPORT =
  "Reuters 2022-11-07, 'Nvidia offers new advanced chip for China that meets U.S. export controls' (via tweakers.net/nieuws/203182 and techzine.nl 508364): NVLink 400 GB/s instead of the A100's 600, otherwise the A100 (up to 80 GB HBM2e, 400 W SXM)";

/** NVIDIA A800 SXM4 80 GB (Ampere, 2022): the A100 80 GB with NVLink cut to 400 GB/s bidirectional. */
export const A800_80GB: Accelerator = nvlinkCutVariant(A100_80GB, {
  name: "a800-80gb",
  // Ampere's year (the A100's), not the A800's 2022: the default stack follows the architecture
  released: 2020,
  nvlinkBidirectional: 400e9,
  efficiency: A800_EFFICIENCY,
  report: A800_REPORT,
  sources: {
    released: `${A800_REPORT}: in production from Q3 2022; its architecture (Ampere) is the A100's, 2020`,
  },
});
