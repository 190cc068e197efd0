import { H100_EFFICIENCY, H100_HBM2E_EFFICIENCY, H200_EFFICIENCY, H800_EFFICIENCY } from "./efficiencies.js";
import type { Accelerator } from "../accelerator.js";
import {
  EPOCH,
  NCCL_TUNING,
  NETWORK_LATENCY_SECONDS,
  NVLINK_LATENCY_SECONDS,
  PCIE_LATENCY_SECONDS,
  gbitPerSecond,
} from "./links.js";
import { BINARY_GB, NVIDIA_SMI_TOTALS, gib, mib } from "./memorySizes.js";
import { nvlinkCutVariant } from "./nvlinkCutVariant.js";

const H100_DATASHEET =
  "NVIDIA H100 Tensor Core GPU datasheet (2023); dense = half the 'with sparsity' figures";
const H200_DATASHEET = "NVIDIA H200 Tensor Core GPU datasheet (2024), SXM";
const B200_DATASHEET =
  "NVIDIA HGX B200 / DGX B200 datasheet (2024), per GPU, dense = half the sparse figures";
const GB200_DATASHEET =
  "NVIDIA GB200 NVL72 datasheet (2024), per Blackwell GPU, dense = half the sparse figures";

/** NVLink 4 on H100/H200: 18 links, 900 GB/s bidirectional → 450 GB/s per GPU per direction, via NVSwitch. */
const NVLINK4 = {
  name: "NVLink 4 + NVSwitch",
  bytesPerSecond: 450e9,
  latencySeconds: NVLINK_LATENCY_SECONDS,
};
/** NVLink 5 on Blackwell: 1.8 TB/s bidirectional → 900 GB/s per GPU per direction. */
const NVLINK5 = {
  name: "NVLink 5 + NVSwitch",
  bytesPerSecond: 900e9,
  latencySeconds: NVLINK_LATENCY_SECONDS,
};
/** DGX H100 / B200 and GB200 NVL72: one 400 Gb/s NDR InfiniBand (ConnectX-7) port per GPU = 50 GB/s. */
const NDR_IB = {
  name: "NDR InfiniBand 400 Gb/s per GPU",
  bytesPerSecond: gbitPerSecond(400),
  latencySeconds: NETWORK_LATENCY_SECONDS,
};

const HOPPER_FLOPS = { fp32: 66.9e12, tf32: 494.5e12, bf16: 989e12, fp16: 989e12, fp8: 1979e12 };
const HOPPER_FLOPS_SOURCE = `${H100_DATASHEET}: SXM fp32 67, tf32 989/2, bf16/fp16 1,979/2, fp8 3,958/2 TFLOP/s; ${EPOCH}: 66.91, 494.7, 989.4, int8 1,979`;

/** NVIDIA H100 SXM5 80 GB (Hopper, 2022). */
export const H100_SXM: Accelerator = {
  name: "h100-sxm",
  released: 2022,
  vendor: "NVIDIA",
  kind: "gpu",
  peakFlopsPerSecond: HOPPER_FLOPS,
  memoryBytes: mib(81559),
  memoryBytesPerSecond: 3.35e12,
  intraNode: NVLINK4,
  interNode: NDR_IB,
  devicesPerNode: 8,
  tdpWatts: 700,
  price: {
    dollarsPerHour: 98.32 / 8,
    date: "2024-01",
    source:
      "AWS EC2 on-demand p5.48xlarge (8 × H100 SXM) $98.32/h, us-east-1, ÷ 8 (AWS cut P5 prices in June 2025)",
  },
  efficiency: H100_EFFICIENCY,
  sources: {
    peakFlopsPerSecond: HOPPER_FLOPS_SOURCE,
    memoryBytes: `${H100_DATASHEET}: 80 GB HBM3; ${NVIDIA_SMI_TOTALS}: 81559 MiB`,
    memoryBytesPerSecond: `${H100_DATASHEET}: 3.35 TB/s; ${EPOCH} agrees`,
    intraNode: `${H100_DATASHEET}: NVLink 900 GB/s bidirectional → 450 GB/s per direction; latency ${NCCL_TUNING}`,
    interNode: "DGX H100 user guide: 8 × ConnectX-7 400 Gb/s NDR, one per GPU → 50 GB/s per GPU",
    devicesPerNode: "DGX H100 / HGX H100: 8 GPUs per node",
    tdpWatts: `${H100_DATASHEET}: up to 700 W (SXM); ${EPOCH} agrees`,
  },
};

const H800_REPORT =
  "NVIDIA publishes no H800 datasheet page; the trade press (getdeploying.com/gpus/nvidia-h800; philisun.com 'NVIDIA H800 vs H100') gives the H100 SXM's die, memory and low-precision compute with NVLink cut to 400 GB/s bidirectional (and FP64 to ~1 TFLOP/s)";

/**
 * NVIDIA H800 SXM5 80 GB (Hopper, sold from 2023): the H100 SXM with NVLink cut to 400 GB/s bidirectional for
 * export to China; the GPU of DeepSeek-V3's 2,048-GPU cluster (8 per node, one 400 Gb/s IB NIC each).
 */
export const H800: Accelerator = nvlinkCutVariant(H100_SXM, {
  name: "h800",
  // Hopper's year (the H100's), as the A800 takes Ampere's: the default stack follows the architecture
  released: 2022,
  nvlinkBidirectional: 400e9,
  efficiency: H800_EFFICIENCY,
  report: H800_REPORT,
  sources: {
    interNode:
      "DeepSeek-V3 Technical Report (arXiv 2412.19437) §3.2.2: IB 50 GB/s per GPU (one 400 Gb/s port each, as DGX H100)",
  },
});

const GRAND_TETON =
  "pytorch/torchtitan benchmarks/llama3_h100_202412_torchtitan.md, 'Hardware': 'Each H100 GPU is equipped with 96GB HBM2e with 2.4 TB/sec peak memory bandwidth ... backend RDMA network with 400 Gb/s per GPU ... We used the default 500W power limit'";

/**
 * The H100 SXM variant of Meta's Grand Teton platform (96 GB HBM2e, 2.4 TB/s, 500 W default power
 * limit), on which TorchTitan's H100 benchmarks ran. Its dense peak is not published: torchtitan says it
 * lies "between SXM and NVL" (989 and 835 TFLOP/s bf16); the midpoint, 912 TFLOP/s, is taken as an
 * estimate, with the other precisions scaled by the same 912/989.
 */
export const H100_SXM_96GB: Accelerator = {
  name: "h100-sxm-96gb",
  released: 2022,
  vendor: "NVIDIA",
  kind: "gpu",
  peakFlopsPerSecond: {
    fp32: (66.9e12 * 912) / 989,
    tf32: 456e12,
    bf16: 912e12,
    fp16: 912e12,
    fp8: 1824e12,
  },
  memoryBytes: gib(96),
  memoryBytesPerSecond: 2.4e12,
  intraNode: NVLINK4,
  interNode: NDR_IB,
  devicesPerNode: 8,
  tdpWatts: 500,
  price: {
    dollarsPerHour: 98.32 / 8,
    date: "2024-01",
    source:
      "estimate: not rented as such; priced as the H100 SXM (AWS EC2 on-demand p5.48xlarge $98.32/h ÷ 8, us-east-1)",
  },
  efficiency: H100_HBM2E_EFFICIENCY,
  sources: {
    peakFlopsPerSecond: `estimate: ${GRAND_TETON}; footnote 2: 'HBM2e-based SXM H100 with lower TDP, the actual peak TFLOPs number is between SXM and NVL, and we don't know its exact value' → midpoint of 989 (SXM) and 835 (NVL, ${H100_DATASHEET}) = 912 TFLOP/s bf16; other precisions × 912/989`,
    memoryBytes: GRAND_TETON,
    memoryBytesPerSecond: GRAND_TETON,
    intraNode: `${GRAND_TETON}: '8 NVIDIA H100 GPUs fully connected with NVLink' (NVLink 4, as H100 SXM)`,
    interNode: `${GRAND_TETON} → 50 GB/s per GPU`,
    devicesPerNode: GRAND_TETON,
    tdpWatts: `${GRAND_TETON}: the default power limit, 500 W`,
  },
};

/** NVIDIA H100 PCIe 80 GB (Hopper, 2022). */
export const H100_PCIE: Accelerator = {
  name: "h100-pcie",
  released: 2022,
  vendor: "NVIDIA",
  kind: "gpu",
  peakFlopsPerSecond: { fp32: 51.2e12, tf32: 378e12, bf16: 756e12, fp16: 756e12, fp8: 1513e12 },
  memoryBytes: gib(80),
  memoryBytesPerSecond: 2.0e12,
  intraNode: { name: "PCIe Gen5 x16", bytesPerSecond: 64e9, latencySeconds: PCIE_LATENCY_SECONDS },
  interNode: {
    name: "200 Gb/s InfiniBand/Ethernet per GPU (assumed)",
    bytesPerSecond: gbitPerSecond(200),
    latencySeconds: NETWORK_LATENCY_SECONDS,
  },
  devicesPerNode: 8,
  tdpWatts: 350,
  price: {
    dollarsPerHour: 2.79,
    date: "2026",
    source:
      "RunPod Secure Cloud H100 80GB PCIe ~$2.79/h on-demand (Spheron, 'RunPod H100 pricing 2026', spheron.network/blog/runpod-h100-pricing-2026); a neocloud rate, below hyperscaler list prices",
  },
  sources: {
    peakFlopsPerSecond: `${H100_DATASHEET}: PCIe fp32 51, tf32 756/2, bf16/fp16 1,513/2, fp8 3,026/2 TFLOP/s; ${EPOCH}: 51.22, 378, 756`,
    memoryBytes: `${H100_DATASHEET}: 80 GB HBM2e (${BINARY_GB})`,
    memoryBytesPerSecond: `${H100_DATASHEET}: 2 TB/s (${EPOCH}: 2.04 TB/s)`,
    intraNode: `${H100_DATASHEET}: PCIe Gen5 128 GB/s bidirectional → 64 GB/s per direction (NVLink bridges join pairs only; ignored)`,
    interNode: "assumption: one 200 Gb/s NIC per GPU in a PCIe server (no vendor reference design)",
    devicesPerNode: "assumption: 8 PCIe cards per server",
    tdpWatts: `${H100_DATASHEET}: 300-350 W (PCIe); ${EPOCH}: 350 W`,
  },
};

/** NVIDIA H200 SXM 141 GB (Hopper with HBM3e, 2024): H100 compute, more and faster memory. */
export const H200: Accelerator = {
  name: "h200",
  released: 2024,
  vendor: "NVIDIA",
  kind: "gpu",
  peakFlopsPerSecond: HOPPER_FLOPS,
  memoryBytes: mib(143771),
  memoryBytesPerSecond: 4.8e12,
  intraNode: NVLINK4,
  interNode: NDR_IB,
  devicesPerNode: 8,
  tdpWatts: 700,
  price: {
    dollarsPerHour: 4.54,
    date: "2026-03",
    source:
      "Spheron, 'NVIDIA H200 vs B200 vs GB200: Which GPU to Rent for AI in 2026?' (spheron.network/blog/nvidia-h200-vs-b200-vs-gb200), on-demand prices as of 17 March 2026: H200 SXM $4.54/h; a neocloud rate, below hyperscaler list prices",
  },
  efficiency: H200_EFFICIENCY,
  sources: {
    peakFlopsPerSecond: `${H200_DATASHEET}: same Tensor Core figures as H100 SXM; ${EPOCH}: 66.91, 494.5, 989.5 TFLOP/s`,
    memoryBytes: `${H200_DATASHEET}: 141 GB HBM3e; nvidia-smi memory.total 143771 MiB (as printed in public nvidia-smi logs of H200 nodes)`,
    memoryBytesPerSecond: `${H200_DATASHEET}: 4.8 TB/s; ${EPOCH} agrees`,
    intraNode: `${H200_DATASHEET}: NVLink 900 GB/s bidirectional → 450 GB/s per direction; latency ${NCCL_TUNING}`,
    interNode: "HGX H200 reference: one 400 Gb/s NDR port per GPU → 50 GB/s",
    devicesPerNode: "HGX H200: 8 GPUs per node",
    tdpWatts: `${H200_DATASHEET}: up to 700 W; ${EPOCH} agrees`,
  },
};

/** NVIDIA B200 in an HGX/DGX B200 8-GPU node (Blackwell, 2024). */
export const B200: Accelerator = {
  name: "b200",
  released: 2024,
  vendor: "NVIDIA",
  kind: "gpu",
  peakFlopsPerSecond: { fp32: 62.08e12, tf32: 1.125e15, bf16: 2.25e15, fp16: 2.25e15, fp8: 4.5e15 },
  memoryBytes: mib(183359),
  memoryBytesPerSecond: 8e12,
  intraNode: NVLINK5,
  interNode: NDR_IB,
  devicesPerNode: 8,
  tdpWatts: 1000,
  price: {
    dollarsPerHour: 6.03,
    date: "2026-03",
    source:
      "Spheron, 'NVIDIA H200 vs B200 vs GB200: Which GPU to Rent for AI in 2026?' (spheron.network/blog/nvidia-h200-vs-b200-vs-gb200), on-demand prices as of 17 March 2026: B200 SXM $6.03/h; a neocloud rate, below hyperscaler list prices",
  },
  sources: {
    peakFlopsPerSecond: `${B200_DATASHEET}: per GPU tf32 2.25/2, bf16/fp16 4.5/2, fp8 9/2 PFLOP/s; fp32 62.08 TFLOP/s from ${EPOCH}`,
    memoryBytes: `${B200_DATASHEET}: 1,440 GB per 8 GPUs = 180 GB usable (192 GB HBM3e nominal; ${EPOCH}: 192 GB); nvidia-smi memory.total 183359 MiB (as printed in public nvidia-smi logs of DGX B200 nodes)`,
    memoryBytesPerSecond: `${B200_DATASHEET}: 64 TB/s per 8 GPUs = 8 TB/s; ${EPOCH} agrees`,
    intraNode: `${B200_DATASHEET}: NVLink 5 1.8 TB/s bidirectional → 900 GB/s per direction; latency ${NCCL_TUNING}`,
    interNode: "DGX B200 user guide: 8 × ConnectX-7 400 Gb/s, one per GPU → 50 GB/s",
    devicesPerNode: "HGX B200: 8 GPUs per node",
    tdpWatts: `${B200_DATASHEET}: 1,000 W per GPU; ${EPOCH} agrees`,
  },
};

/** One Blackwell GPU of a GB200 NVL72 rack (72 GPUs in one NVLink domain, 2024). */
export const GB200: Accelerator = {
  name: "gb200",
  released: 2024,
  vendor: "NVIDIA",
  kind: "gpu",
  peakFlopsPerSecond: { fp32: 90e12, tf32: 1.25e15, bf16: 2.5e15, fp16: 2.5e15, fp8: 5e15 },
  memoryBytes: gib(186),
  memoryBytesPerSecond: 8e12,
  intraNode: NVLINK5,
  interNode: NDR_IB,
  devicesPerNode: 72,
  tdpWatts: 1200,
  price: {
    dollarsPerHour: 9.08 / 2,
    date: "2026-03",
    source:
      "Spheron, 'NVIDIA H200 vs B200 vs GB200: Which GPU to Rent for AI in 2026?' (spheron.network/blog/nvidia-h200-vs-b200-vs-gb200), on-demand prices as of 17 March 2026: $9.08/h per GB200 superchip (one Grace CPU + two B200 GPUs) ÷ 2 GPUs; a neocloud rate",
  },
  sources: {
    peakFlopsPerSecond: `${GB200_DATASHEET}: per GB200 superchip (2 GPUs) fp32 180 TFLOP/s, tf32 5, bf16 10, fp8 20 PFLOP/s sparse → per GPU dense 90 T, 1.25, 2.5, 5 P; ${EPOCH} (GB200 NVL2 row) agrees`,
    memoryBytes: `${GB200_DATASHEET}: 13.4 TB HBM3e per 72 GPUs = 186 GB (192 GB nominal; ${BINARY_GB})`,
    memoryBytesPerSecond: `${GB200_DATASHEET}: 576 TB/s per 72 GPUs = 8 TB/s; ${EPOCH}: 16 TB/s per 2 GPUs`,
    intraNode: `${GB200_DATASHEET}: NVLink 5 1.8 TB/s bidirectional → 900 GB/s per direction; latency ${NCCL_TUNING}`,
    interNode: "assumption: one 400 Gb/s ConnectX-7 port per GPU between NVL72 racks → 50 GB/s",
    devicesPerNode: `${GB200_DATASHEET}: 72 GPUs share one NVLink domain`,
    tdpWatts: `${EPOCH}: 1,200 W per GPU (the superchip, with Grace, is up to 2.7 kW)`,
  },
};
