import type { Precision } from "../workload/precision.js";
import type { Accelerator } from "./accelerator.js";
import type { Efficiency } from "./efficiencySchema.js";
import { PRECISION_FALLBACK } from "./peakFlops.js";

export type { Efficiency, GemmEfficiency, LinkTier } from "./efficiencySchema.js";

/**
 * Fraction of line rate that NCCL bus bandwidth reaches, used only where an accelerator has no measured
 * figure: 0.77 on the intra-node link (A100 NVLink 3: 231.6 of 300 GB/s, Azure AI-benchmarking-guide
 * ND A100 v4, all-reduce at 8 GB) and 0.96 on the network (4 × HDR: ~96 of 100 GB/s,
 * NVIDIA/nccl-tests#119; ConnectX-7 NDR 48–49 of 50 GB/s, NVIDIA/nccl-tests#267).
 */
export const DEFAULT_LINK_FRACTION = { intraNode: 0.77, interNode: 0.96 } as const;

/**
 * What {@link defaultEfficiency} assumes for a device without measurements: a GEMM ceiling of 0.7 of
 * dense peak (between MI300X's 0.51–0.60 and A100's 0.87 in the "Maximum Achievable Matmul FLOPS"
 * table of stas00/ml-engineering), 100 compute units, cuBLAS-like tiles, kHalf 256, 2 µs per launch,
 * fused attention at 0.5/0.4 of peak, 85% of datasheet bandwidth (A100 83%, H100 89% STREAM triad,
 * Azure AI-benchmarking-guide). An assumption, labelled as such in `sources`.
 */
export const DEFAULT_GEMM = {
  ceiling: 0.7,
  computeUnits: 100,
  tiles: [
    [256, 128],
    [128, 256],
    [128, 128],
    [128, 64],
  ] as [number, number][],
  kHalf: 256,
  launchSeconds: 2e-6,
};

/**
 * The efficiency of a device without measured figures, derived from its datasheet by the assumptions of
 * {@link DEFAULT_GEMM} and {@link DEFAULT_LINK_FRACTION}; `overrides` replace whole fields (e.g. a
 * measured GEMM ceiling).
 */
export function defaultEfficiency(
  acc: Pick<Accelerator, "peakFlopsPerSecond" | "intraNode" | "interNode">,
  overrides: Partial<Efficiency> = {},
): Efficiency {
  const ceiling: Efficiency["gemm"]["ceiling"] = {};
  for (const p of Object.keys(acc.peakFlopsPerSecond) as Precision[]) ceiling[p] = DEFAULT_GEMM.ceiling;
  const assumption = "assumption (no measurement recorded): src/hardware/efficiency.ts defaultEfficiency";
  return {
    gemm: {
      ceiling,
      computeUnits: DEFAULT_GEMM.computeUnits,
      tiles: DEFAULT_GEMM.tiles,
      kHalf: DEFAULT_GEMM.kHalf,
      launchSeconds: DEFAULT_GEMM.launchSeconds,
    },
    attention: { flashForward: 0.5, flashBackward: 0.4 },
    memoryBandwidth: 0.85,
    network: {
      intraNode: {
        busBytesPerSecond: DEFAULT_LINK_FRACTION.intraNode * acc.intraNode.bytesPerSecond,
        latencySeconds: acc.intraNode.latencySeconds,
      },
      interNode: {
        busBytesPerSecond: DEFAULT_LINK_FRACTION.interNode * acc.interNode.bytesPerSecond,
        latencySeconds: acc.interNode.latencySeconds,
      },
    },
    ...overrides,
    sources: {
      gemm: assumption,
      attention: assumption,
      memoryBandwidth: assumption,
      network: `line rate × ${DEFAULT_LINK_FRACTION.intraNode} (intra) and × ${DEFAULT_LINK_FRACTION.interNode} (inter), the measured A100/NDR fractions`,
      ...overrides.sources,
    },
  };
}

/** The accelerator's recorded efficiency, or {@link defaultEfficiency} when it has none. */
export function efficiencyOf(acc: Accelerator): Efficiency {
  return acc.efficiency ?? defaultEfficiency(acc);
}

/**
 * The GEMM ceiling at `precision`, following the precision fallback of `peakFlopsFor` (a device without
 * bf16 units runs bf16 as fp32, so takes fp32's ceiling).
 */
export function gemmCeiling(eff: Efficiency, precision: Precision): number {
  for (const p of PRECISION_FALLBACK[precision]) {
    const c = eff.gemm.ceiling[p];
    if (c !== undefined) return c;
  }
  return Math.min(...Object.values(eff.gemm.ceiling).filter((v): v is number => v !== undefined));
}
