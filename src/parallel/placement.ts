import type { Layout } from "./layout.js";

/** Ranks of each communication group of a layout, and how many of them share a node. */
export interface Placement {
  tp: { ranks: number; perNode: number };
  cp: { ranks: number; perNode: number };
  /** The group that reduces dense gradients and shards ZeRO state: dp·cp ranks. */
  dense: { ranks: number; perNode: number };
  /** The expert-parallel all-to-all group (inside dp). */
  ep: { ranks: number; perNode: number };
  /** The group that reduces expert gradients: the ranks holding the same expert shard. */
  expertData: { ranks: number; perNode: number };
  /**
   * Ranks one MoE layer's experts are sharded over: ep·tp (expert-parallel groups inside dp·cp, each
   * expert split over tp as in Megatron-Core), or all tp·dp·cp ranks when ep reaches into the tp ranks
   * (ep > dp·cp: Megatron-Core's expert tensor parallelism below tp).
   */
  expertShards: number;
  /** Adjacent pipeline stages share a node. */
  ppSameNode: boolean;
  /** NCCL communicators a rank belongs to (groups of more than one rank), for the memory reserve. */
  communicators: number;
}

const fit = (ranks: number, stride: number, node: number) =>
  Math.max(1, Math.min(ranks, Math.floor(node / stride)));

/**
 * Where a layout's groups fall on nodes of `devicesPerNode` devices, with ranks placed tp innermost,
 * then cp, then dp (ep inside it), then pp (Megatron-Core's default order "tp-cp-ep-dp-pp"): a group
 * of stride s and size g has min(g, ⌊node/s⌋) ranks per node (at least 1).
 */
export function placement(l: Layout, devicesPerNode: number): Placement {
  const node = devicesPerNode;
  const dense = l.dp * l.cp;
  const expertShards = Math.min(l.ep * l.tp, l.tp * dense);
  const expertData = (l.tp * dense) / expertShards;
  // ep inside dp·cp has the stride tp·cp (tp-cp-ep-dp-pp); an ep reaching into tp is contiguous
  const epStride = l.ep <= dense ? l.tp * l.cp : 1;
  const groups = [l.tp, l.cp, dense, l.ep, expertData === dense ? 1 : expertData, l.pp > 1 ? 2 : 1];
  return {
    tp: { ranks: l.tp, perNode: Math.min(l.tp, node) },
    cp: { ranks: l.cp, perNode: fit(l.cp, l.tp, node) },
    dense: { ranks: dense, perNode: fit(dense, l.tp, node) },
    ep: { ranks: l.ep, perNode: fit(l.ep, epStride, node) },
    expertData: { ranks: expertData, perNode: fit(expertData, Math.max(l.tp * l.cp * l.ep, l.tp), node) },
    expertShards,
    ppSameNode: l.tp * l.cp * l.dp < node,
    communicators: groups.filter((g) => g > 1).length,
  };
}
