import type { CollectiveOp } from "../hardware/collectives.js";
import type { OverlapItem } from "./communication.js";
import type { FrameworkProfile } from "./framework.js";

/** A communication group: its ranks and how many of them share a node. */
interface Group {
  ranks: number;
  perNode: number;
}

/** The link tier a group's collectives cross. */
export const tierOf = (g: Group): "intraNode" | "interNode" =>
  g.ranks <= g.perNode ? "intraNode" : "interNode";

/** One step's data-parallel and ZeRO traffic on a rank, before and after overlap. */
export interface DataParallelTraffic {
  /** What may hide behind compute, each with its window (one budget per link: `exposedSeconds`). */
  items: OverlapItem[];
  /** Gradient reduction and ZeRO-1/2 parameter gathers, seconds. */
  dpTotal: number;
  /** ZeRO-3/FSDP gathers and per-micro-batch reduce-scatters, seconds. */
  zero3Total: number;
  /** What nothing hides: the first block's gradient reduction and each micro-batch's first gather. */
  firstBlockExposed: number;
  /** The same by link tier, for the link loads. */
  firstBlockOn: { intraNode: number; interNode: number };
}

/**
 * Data-parallel and ZeRO traffic of one pipeline stage's parameters on a rank (Rajbhandari et al. 2020
 * §5; Zhao et al. 2023 §3 for FSDP): ZeRO-0 all-reduces the gradients once per step and ZeRO-1
 * reduce-scatters them, behind the last micro-batch's backward where the stack overlaps gradients;
 * ZeRO-1/2 all-gather the updated parameters once per step behind the first micro-batch's forward;
 * ZeRO-2/3 reduce-scatter every micro-batch's gradients, and ZeRO-3/FSDP gather the parameters
 * `gathers` times per micro-batch (forward, backward, and again for a recompute where the stack does)
 * behind the whole step's compute. The first block's reduction in the last backward (nothing runs after
 * it) and each micro-batch's first gather (nothing runs before it) are exposed: `blockShare` is one
 * block's share of the stage. Groups are the dense parameters and the expert parameters with their own
 * ranks. With `held` (FSDP2 under a pipeline) the stage is gathered once and reduced once per step.
 */
export function dataParallelTraffic(o: {
  groups: readonly { g: Group; params: number }[];
  zero: 0 | 1 | 2 | 3;
  microbatches: number;
  /** Bytes per parameter of the gradients reduced and of the weights gathered. */
  gradientBytes: number;
  weightBytes: number;
  collectiveSeconds: (op: CollectiveOp, bytes: number, ranks: number, ranksPerNode: number) => number;
  overlap: FrameworkProfile["overlap"];
  /** Compute seconds the traffic may hide behind: the last micro-batch's backward, the first's forward, all. */
  windows: { backwardLast: number; forwardFirst: number; all: number };
  blockShare: number;
  gathers: number;
  /**
   * ZeRO-2/3 state held across the micro-batches (a pipeline stage under FSDP2): one gather before the
   * first forward and one reduce-scatter after the last backward per step, instead of per micro-batch.
   */
  held?: boolean;
}): DataParallelTraffic {
  const { zero, collectiveSeconds: coll, overlap, blockShare } = o;
  const held = o.held === true && zero >= 2;
  // held: the traffic of one micro-batch, its gathers behind the first forward, its reduction behind the last backward
  const m = held ? 1 : o.microbatches;
  const windows = held ? { ...o.windows, all: o.windows.forwardFirst } : o.windows;
  const gathers = held ? 1 : o.gathers;
  const items: OverlapItem[] = [];
  let dpTotal = 0;
  let zero3Total = 0;
  let firstBlockExposed = 0;
  const firstBlockOn = { intraNode: 0, interNode: 0 };
  for (const { g, params } of o.groups) {
    const tier = tierOf(g);
    if (zero === 0 || zero === 1) {
      const reduce =
        zero === 0
          ? coll("all-reduce", params * o.gradientBytes, g.ranks, g.perNode)
          : coll("reduce-scatter", params * o.gradientBytes, g.ranks, g.perNode);
      items.push({
        tier,
        seconds: reduce * (1 - blockShare),
        window: overlap.gradients ? windows.backwardLast : 0,
      });
      firstBlockExposed += reduce * blockShare;
      firstBlockOn[tier] += reduce * blockShare;
      dpTotal += reduce;
    } else {
      // ZeRO-2/3 and FSDP reduce-scatter the gradients of every micro-batch; only the last one's first
      // block has nothing left to run beside it (the others' hide behind the next micro-batch)
      const rs = coll("reduce-scatter", params * o.gradientBytes, g.ranks, g.perNode);
      items.push({
        tier,
        seconds: m * rs - rs * blockShare,
        window: overlap.gradients ? m * windows.backwardLast : 0,
      });
      firstBlockExposed += rs * blockShare;
      firstBlockOn[tier] += rs * blockShare;
      if (zero === 2) dpTotal += m * rs;
      else zero3Total += m * rs;
    }
    if (zero >= 1 && zero <= 2) {
      const ag = coll("all-gather", params * o.weightBytes, g.ranks, g.perNode);
      items.push({ tier, seconds: ag, window: overlap.parameters ? windows.forwardFirst : 0 });
      dpTotal += ag;
    }
    if (zero === 3) {
      const ag = coll("all-gather", params * o.weightBytes, g.ranks, g.perNode);
      const perMb = gathers * ag;
      items.push({
        tier,
        seconds: m * perMb * (1 - blockShare),
        window: overlap.parameters ? windows.all : 0,
      });
      firstBlockExposed += m * perMb * blockShare;
      firstBlockOn[tier] += m * perMb * blockShare;
      zero3Total += m * perMb;
    }
  }
  return { items, dpTotal, zero3Total, firstBlockExposed, firstBlockOn };
}
