import { InputError } from "../units/InputError.js";
import type { LinkTier } from "./efficiencySchema.js";

/** The collectives the step-time model prices. */
export type CollectiveOp = "all-reduce" | "reduce-scatter" | "all-gather" | "all-to-all" | "p2p";

/** Collective algorithm: ring (bandwidth-optimal) or double binary tree (latency-friendly). */
export type CollectiveAlgorithm = "ring" | "tree";

/**
 * The nccl-tests bus-bandwidth factor (NVIDIA/nccl-tests PERFORMANCE.md; REFERENCE (j)): the bytes a
 * rank must move per byte of buffer, so that time = bytes · factor / busbw. All-reduce 2(n−1)/n;
 * all-gather, reduce-scatter and all-to-all (n−1)/n; p2p 1.
 */
export function busFactor(op: CollectiveOp, ranks: number): number {
  if (op === "p2p") return 1;
  const share = (ranks - 1) / ranks;
  return op === "all-reduce" ? 2 * share : share;
}

/** Options of {@link collectiveSeconds}. */
export interface CollectiveOptions {
  op: CollectiveOp;
  /**
   * Buffer size M, bytes, as nccl-tests counts it: the full (unsharded) buffer for all-reduce,
   * all-gather (output) and reduce-scatter (input); each rank's whole send buffer for all-to-all; the
   * bytes sent for p2p.
   */
  bytes: number;
  /** Ranks n in the group (p2p ignores it). */
  ranks: number;
  /** The tier at achieved bus bandwidth (src/hardware/efficiencySchema.ts). */
  tier: LinkTier;
  /** Default `"ring"`; `"tree"` changes all-reduce only (NCCL picks the faster, see {@link fastestCollectiveSeconds}). */
  algorithm?: CollectiveAlgorithm;
}

/**
 * Time of one collective, seconds (0 for a group of one rank): α·steps + M·busFactor/busbw, the α–β
 * model (Hockney) with β taken from the achieved bus bandwidth of the tier rather than line rate.
 * Steps: ring all-reduce 2(n−1), ring all-gather / reduce-scatter / all-to-all n−1, p2p 1 (Patarasuk &
 * Yuan, JPDC 2009); tree all-reduce 2⌈log2 n⌉ at the same bus bandwidth (NCCL's double binary tree,
 * Sanders et al. 2009). All-reduce uses the tier's `allReduceBusBytesPerSecond` when given (NVLink
 * SHARP reduces in the switch).
 */
export function collectiveSeconds(options: CollectiveOptions): number {
  const { op, bytes, ranks, tier, algorithm = "ring" } = options;
  if (!(bytes >= 0) || !Number.isFinite(bytes))
    throw new InputError("bytes", bytes, "a non-negative byte count");
  if (!Number.isInteger(ranks) || ranks < 1) throw new InputError("ranks", ranks, "a positive integer");
  if (!(tier.busBytesPerSecond > 0))
    throw new InputError("tier.busBytesPerSecond", tier.busBytesPerSecond, "a positive bandwidth");
  const alpha = tier.latencySeconds;
  if (op === "p2p") return alpha + bytes / tier.busBytesPerSecond;
  if (ranks === 1) return 0;
  const bw =
    op === "all-reduce"
      ? (tier.allReduceBusBytesPerSecond ?? tier.busBytesPerSecond)
      : tier.busBytesPerSecond;
  const transfer = (bytes * busFactor(op, ranks)) / bw;
  if (op === "all-reduce")
    return (algorithm === "tree" ? 2 * Math.ceil(Math.log2(ranks)) : 2 * (ranks - 1)) * alpha + transfer;
  return (ranks - 1) * alpha + transfer;
}

/** The faster of ring and tree for all-reduce, as NCCL's tuner picks; other ops have one algorithm. */
export function fastestCollectiveSeconds(options: Omit<CollectiveOptions, "algorithm">): number {
  const ring = collectiveSeconds(options);
  if (options.op !== "all-reduce") return ring;
  return Math.min(ring, collectiveSeconds({ ...options, algorithm: "tree" }));
}

/**
 * The tier a group of `ranks` ranks crosses when `ranksPerNode` of them share a node: inside one node,
 * the intra-node tier; across nodes, a ring whose inter-node hops are spread over the node's rails, so
 * its bus bandwidth is min(intra, ranksPerNode × inter) (nccl-tests on 8-GPU nodes report busbw ≈ the
 * sum of the NICs a ring uses, e.g. NVIDIA/nccl-tests#119: 4 × HDR ≈ 96 GB/s) with the inter-node α.
 */
export function groupTier(
  tiers: { intraNode: LinkTier; interNode: LinkTier },
  ranks: number,
  ranksPerNode: number,
): LinkTier {
  if (ranks <= ranksPerNode) return tiers.intraNode;
  const r = Math.max(1, ranksPerNode);
  const { intraNode: a, interNode: b } = tiers;
  return {
    busBytesPerSecond: Math.min(a.busBytesPerSecond, r * b.busBytesPerSecond),
    allReduceBusBytesPerSecond: Math.min(
      a.allReduceBusBytesPerSecond ?? a.busBytesPerSecond,
      r * (b.allReduceBusBytesPerSecond ?? b.busBytesPerSecond),
    ),
    latencySeconds: Math.max(a.latencySeconds, b.latencySeconds),
  };
}
