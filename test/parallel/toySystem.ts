import { fastestCollectiveSeconds, groupTier } from "../../src/hardware/collectives.js";
import { type FrameworkProfile } from "../../src/parallel/framework.js";
import { FRAMEWORK_PROFILES } from "../../src/parallel/frameworkProfiles.js";
import type { ParallelSystem } from "../../src/parallel/system.js";

/**
 * A hand-made system with round numbers, so tests can derive times by hand: 100 TFLOP/s peak, every
 * GEMM at 50% of it with no shape effects, fused attention at 50%, 1 TB/s streaming, NVLink 100 GB/s
 * busbw with α 0, network 10 GB/s per rank with α 0, 8 devices per node, 80 GB, no memory reserve, and
 * hidden collectives that do not slow compute (overlapSlowdown 0).
 */
export function toySystem(framework: Partial<FrameworkProfile> = {}): ParallelSystem {
  const tiers = {
    intraNode: { busBytesPerSecond: 100e9, latencySeconds: 0 },
    interNode: { busBytesPerSecond: 10e9, latencySeconds: 0 },
  };
  return {
    name: "toy",
    precision: "bf16",
    peakFlopsPerSecond: 100e12,
    memoryBytes: 80e9,
    memoryBytesPerSecond: 1e12,
    launchSeconds: 0,
    gemmSeconds: (m, n, k, batch) => (2 * m * n * k * batch) / 50e12,
    flashForward: 0.5,
    flashBackward: 0.5,
    attentionPeakFlopsPerSecond: 100e12,
    devicesPerNode: 8,
    tiers,
    overlapSlowdown: 0,
    fp8SplitAccumulation: 1,
    collectiveSeconds: (op, bytes, ranks, perNode) =>
      ranks <= 1 && op !== "p2p"
        ? 0
        : fastestCollectiveSeconds({
            op,
            bytes,
            ranks: Math.max(1, ranks),
            tier: groupTier(tiers, ranks, perNode),
          }),
    // fused attention, as the toy describes (Megatron-LM 2021 itself ran standard attention)
    framework: { ...FRAMEWORK_PROFILES["megatron"], kernelEfficiency: 1, attention: "flash", ...framework },
    memoryReserve: { fixedBytes: 0, perCommunicatorBytes: 0, fraction: 0 },
    watts: 400,
    dollarsPerHour: 2,
  };
}
