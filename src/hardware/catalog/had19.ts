import { HAD19_EFFICIENCY } from "./efficiencies.js";
import type { Accelerator } from "../accelerator.js";
import { NETWORK_LATENCY_SECONDS } from "./links.js";

const HAD19 = "Hestness, Ardalani & Diamos, PPoPP 2019, Table 4 (REFERENCE.md (a))";

/**
 * HAD19's target accelerator (Table 4, V100-like): 15.67 TFLOP/s fp32, 898 GB/s, 32 GB, 56 GB/s between
 * devices. The paper times steps with its own roofline (`had19Roofline`: 80% of compute, 70% of bandwidth).
 * One device per "node": every device-to-device transfer uses the 56 GB/s link.
 */
export const HAD19_TARGET: Accelerator = {
  name: "had19-target",
  vendor: "HAD19 (hypothetical)",
  kind: "gpu",
  peakFlopsPerSecond: { fp32: 15.67e12 },
  memoryBytes: 32e9,
  memoryBytesPerSecond: 898e9,
  intraNode: { name: "inter-device link", bytesPerSecond: 56e9, latencySeconds: NETWORK_LATENCY_SECONDS },
  interNode: { name: "inter-device link", bytesPerSecond: 56e9, latencySeconds: NETWORK_LATENCY_SECONDS },
  devicesPerNode: 1,
  tdpWatts: 300,
  price: {
    dollarsPerHour: 2.005,
    date: "2020-09",
    source:
      "estimate: a hypothetical device (HAD19's target); priced as the V100 16 GB it resembles (the catalog's v100-16gb price: GCP V100 rate in the Hugging Face calculator, 2020)",
  },
  efficiency: HAD19_EFFICIENCY,
  sources: {
    peakFlopsPerSecond: `${HAD19}: 15.67 TFLOP/s fp32`,
    memoryBytes: `${HAD19}: 32 GB`,
    memoryBytesPerSecond: `${HAD19}: 898 GB/s`,
    intraNode: `${HAD19}: 56 GB/s inter-device; latency assumed (NCCL NET figure, 6.6 µs)`,
    interNode: `${HAD19}: 56 GB/s inter-device; latency assumed (NCCL NET figure, 6.6 µs)`,
    devicesPerNode: "assumption: one device per node, all links 56 GB/s",
    tdpWatts: "assumption: 300 W, the V100 SXM2 the target resembles (HAD19 gives no power)",
  },
  notes: "6 MB on-chip cache (Table 4). Step times use 80% of peak compute and 70% of bandwidth (§5.2).",
};
