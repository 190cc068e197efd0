import type { OverlapItem } from "./communication.js";
import { tierOf } from "./dataParallelTraffic.js";
import type { Placement } from "./placement.js";

/**
 * Seconds of traffic each link tier carries in one step, hidden or not (issue 12: "one shared link
 * budget"): the tensor-parallel collectives inside the node, context- and expert-parallel traffic on the
 * tier their groups cross, the data-parallel and ZeRO items and the first block's reduction on theirs,
 * and the pipeline sends (when the stack does not already list them among the overlapped items) on the
 * tier between stages. The busiest tier bounds the step from below.
 */
export function linkLoads(o: {
  where: Pick<Placement, "cp" | "ep" | "ppSameNode">;
  /** Per-step seconds of each block traffic kind, all of it. */
  tensor: number;
  context: number;
  expert: number;
  items: readonly OverlapItem[];
  firstBlockOn: { intraNode: number; interNode: number };
  /** Pipeline sends of the step not among `items` (0 when none). */
  pipelineSends: number;
}): { intraNode: number; interNode: number } {
  const load = { intraNode: o.tensor, interNode: 0 };
  load[tierOf(o.where.cp)] += o.context;
  load[tierOf(o.where.ep)] += o.expert;
  for (const it of o.items) load[it.tier] += it.seconds;
  load.intraNode += o.firstBlockOn.intraNode;
  load.interNode += o.firstBlockOn.interNode;
  load[o.where.ppSameNode ? "intraNode" : "interNode"] += o.pipelineSends;
  return load;
}
