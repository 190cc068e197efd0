import type { Accelerator } from "../accelerator.js";
import { EPOCH, NETWORK_LATENCY_SECONDS, PCIE_LATENCY_SECONDS, gbitPerSecond } from "./links.js";
import { BINARY_GB, NVIDIA_SMI_TOTALS, gib, mib } from "./memorySizes.js";

const T4_DATASHEET = "NVIDIA T4 Tensor Core GPU datasheet (2019)";
const L4_DATASHEET = "NVIDIA L4 Tensor Core GPU datasheet (2023); dense = half the sparse figures";
const ADA_WHITEPAPER = "NVIDIA Ada Lovelace GPU architecture whitepaper v2.1 (2023), Table: GeForce RTX 4090";

/** PCIe Gen3 x16: 15.75 GB/s per direction (8 GT/s × 16 lanes × 128/130). */
const PCIE3 = { name: "PCIe Gen3 x16", bytesPerSecond: 15.75e9, latencySeconds: PCIE_LATENCY_SECONDS };
/** PCIe Gen4 x16: 31.5 GB/s per direction. */
const PCIE4 = { name: "PCIe Gen4 x16", bytesPerSecond: 31.5e9, latencySeconds: PCIE_LATENCY_SECONDS };
/** Cloud inference VMs: assume a 100 Gb/s Ethernet NIC shared by 4 GPUs → 25 Gb/s per GPU. */
const ETH_SHARED = {
  name: "100 GbE per 4 GPUs (assumed)",
  bytesPerSecond: gbitPerSecond(25),
  latencySeconds: NETWORK_LATENCY_SECONDS,
};

const PCIE_SPEC = "PCI-SIG: 8 GT/s (Gen3) and 16 GT/s (Gen4) per lane, 128b/130b encoding, per direction";
const NET_ASSUMED = "assumption: 100 Gb/s Ethernet shared by 4 GPUs (typical g4dn/g6 12xlarge: 50-100 Gb/s)";

/** NVIDIA T4 16 GB (Turing, 2018), an inference card often used for small training jobs. */
export const T4: Accelerator = {
  name: "t4",
  released: 2018,
  vendor: "NVIDIA",
  kind: "gpu",
  peakFlopsPerSecond: { fp32: 8.1e12, fp16: 65e12 },
  memoryBytes: mib(15360),
  memoryBytesPerSecond: 320e9,
  intraNode: PCIE3,
  interNode: ETH_SHARED,
  devicesPerNode: 4,
  tdpWatts: 70,
  price: {
    dollarsPerHour: 0.526,
    date: "2024-01",
    source: "AWS EC2 on-demand g4dn.xlarge (1 × T4, 4 vCPU) $0.526/h, us-east-1",
  },
  sources: {
    peakFlopsPerSecond: `${T4_DATASHEET}: fp32 8.1, fp16 mixed-precision tensor 65 TFLOP/s; ${EPOCH}: fp32 8.141`,
    memoryBytes: `${T4_DATASHEET}: 16 GB GDDR6; ${NVIDIA_SMI_TOTALS}: 15360 MiB (ECC on)`,
    memoryBytesPerSecond: `${T4_DATASHEET}: 320+ GB/s; ${EPOCH} agrees`,
    intraNode: PCIE_SPEC,
    interNode: NET_ASSUMED,
    devicesPerNode: "AWS g4dn.12xlarge: 4 × T4",
    tdpWatts: `${T4_DATASHEET}: 70 W; ${EPOCH} agrees`,
  },
};

/** NVIDIA L4 24 GB (Ada Lovelace, 2023). */
export const L4: Accelerator = {
  name: "l4",
  released: 2023,
  vendor: "NVIDIA",
  kind: "gpu",
  peakFlopsPerSecond: { fp32: 30.3e12, tf32: 60e12, bf16: 121e12, fp16: 121e12, fp8: 242.5e12 },
  memoryBytes: mib(23034),
  memoryBytesPerSecond: 300e9,
  intraNode: PCIE4,
  interNode: ETH_SHARED,
  devicesPerNode: 8,
  tdpWatts: 72,
  price: {
    dollarsPerHour: 0.8048,
    date: "2024-01",
    source: "AWS EC2 on-demand g6.xlarge (1 × L4, 4 vCPU) $0.8048/h, us-east-1",
  },
  sources: {
    peakFlopsPerSecond: `${L4_DATASHEET}: fp32 30.3, tf32 120/2, bf16/fp16 242/2, fp8 485/2 TFLOP/s; ${EPOCH}: 30.29, 60, 121`,
    memoryBytes: `${L4_DATASHEET}: 24 GB GDDR6; ${NVIDIA_SMI_TOTALS}: 23034 MiB (ECC on)`,
    memoryBytesPerSecond: `${L4_DATASHEET}: 300 GB/s; ${EPOCH} agrees`,
    intraNode: PCIE_SPEC,
    interNode: NET_ASSUMED,
    devicesPerNode: "AWS g6.48xlarge: 8 × L4",
    tdpWatts: `${L4_DATASHEET}: 72 W; ${EPOCH} agrees`,
  },
};

/** NVIDIA GeForce RTX 4090 24 GB (Ada Lovelace, 2022), a consumer card; no NVLink. */
export const RTX_4090: Accelerator = {
  name: "rtx-4090",
  released: 2022,
  vendor: "NVIDIA",
  kind: "gpu",
  peakFlopsPerSecond: { fp32: 82.6e12, tf32: 82.6e12, bf16: 165.2e12, fp16: 165.2e12, fp8: 330.3e12 },
  memoryBytes: gib(24),
  memoryBytesPerSecond: 1008e9,
  intraNode: PCIE4,
  interNode: ETH_SHARED,
  devicesPerNode: 8,
  tdpWatts: 450,
  price: {
    dollarsPerHour: 0.55,
    date: "2026-05",
    source:
      "Spheron on-demand RTX 4090 'from $0.55/hr', pricing as of 25 May 2026 (spheron.network/blog/nvidia-h100-vs-rtx-4090-ai-training-inference-2026); a neocloud rate",
  },
  sources: {
    peakFlopsPerSecond: `${ADA_WHITEPAPER}: fp32 82.6; tf32 82.6; bf16/fp16 with fp32 accumulate 165.2; fp8 with fp32 accumulate 330.3 TFLOP/s dense. ${EPOCH} lists 330 for fp16 (the fp16-accumulate rate), which training does not use`,
    memoryBytes: `${ADA_WHITEPAPER}: 24 GB GDDR6X (${BINARY_GB})`,
    memoryBytesPerSecond: `${ADA_WHITEPAPER}: 1,008 GB/s; ${EPOCH} agrees`,
    intraNode: PCIE_SPEC,
    interNode: NET_ASSUMED,
    devicesPerNode: "assumption: 8 cards per server",
    tdpWatts: `${ADA_WHITEPAPER}: 450 W total graphics power; ${EPOCH} agrees`,
  },
  notes: "Consumer card: no NVLink, peer-to-peer over PCIe only.",
};
