import { type BlockCommunication, blockCommunication } from "./communication.js";
import type { Layout } from "./layout.js";
import { type Placement, placement } from "./placement.js";
import { attentionShapeOf, overKernelEfficiency, type SegmentTime, segmentTime } from "./segmentTime.js";
import type { StepProfile } from "./stepProfile.js";
import type { ParallelSystem } from "./system.js";

/** What depends on (mb, tp, sp, cp, ep) only: the segments' kernel times. */
export interface SegmentTimes {
  pre: SegmentTime;
  blk: SegmentTime;
  post: SegmentTime;
  /** The segment times over the framework's own kernel efficiency (what a search asks for). */
  own: { pre: SegmentTime; blk: SegmentTime; post: SegmentTime };
  /** The block communication, which depends on the placement too: per (pp, dp). */
  comm: Map<number | string, BlockCommunication>;
}

/** The memoised parts of a layout's timing (see {@link evaluatorCache}). */
export interface EvaluatorCache {
  /** The segments' kernel times of a layout, over raw and the framework's kernel efficiency. */
  times(l: Layout): SegmentTimes;
  /** Where the layout's groups fall on nodes. */
  placed(l: Layout): Placement;
  /** The block communication of a layout at its placement. */
  communication(c: SegmentTimes, l: Layout, where: Placement): BlockCommunication;
}

/**
 * A mixed-radix number of (mb, tp, cp, ep, sp) while tp and cp stay below 129 and ep below 4097 (every
 * layout a search proposes on nodes of up to 128 devices), so that no two such layouts share one; past
 * that, a string, which no number equals.
 */
function segmentKey(l: Layout): number | string {
  if (l.tp >= 129 || l.cp >= 129 || l.ep >= 4097) return `${l.mb},${l.tp},${l.cp},${l.ep},${l.sp}`;
  return (((l.mb * 129 + l.tp) * 129 + l.cp) * 4097 + l.ep) * 2 + (l.sp ? 1 : 0);
}

/** (tp, cp, ep) as one number while each stays below 4097, else a string (see {@link segmentKey}). */
function placementKey(l: Layout): number | string {
  if (l.tp >= 4097 || l.cp >= 4097 || l.ep >= 4097) return `${l.tp},${l.cp},${l.ep}`;
  return (l.tp * 4097 + l.cp) * 4097 + l.ep;
}

/** (pp, dp) as one number while dp stays below 1e8, else a string. */
const stageKey = (l: Layout): number | string => (l.dp < 1e8 ? l.pp * 1e8 + l.dp : `${l.pp},${l.dp}`);

/**
 * The caches of one step-time model (issue 17: a layout should cost arithmetic only): segment times per
 * (mb, tp, sp, cp, ep), placements per (tp, cp, ep) then (pp, dp), and the block communication per
 * (pp, dp) below the segment times. Numeric keys in two levels for the layouts a search proposes (a
 * string only past their radices); what they hold is read-only and shared by the layouts that differ
 * only in the other fields.
 */
export function evaluatorCache(p: StepProfile, sys: ParallelSystem, flash: boolean): EvaluatorCache {
  const segments = new Map<number | string, SegmentTimes>();
  const places = new Map<number | string, Map<number | string, Placement>>();
  const k = sys.framework.kernelEfficiency;
  return {
    times(l) {
      const outer = segmentKey(l);
      let c = segments.get(outer);
      if (!c) {
        const s = {
          mb: l.mb,
          tp: l.tp,
          sp: l.sp,
          cp: l.cp,
          ep: l.ep,
          experts: p.experts,
          flash,
          ...attentionShapeOf(p),
        };
        const pre = segmentTime(p.pre, sys, s);
        const blk = segmentTime(p.block, sys, s);
        const post = segmentTime(p.post, sys, s);
        const own = {
          pre: overKernelEfficiency(pre, k),
          blk: overKernelEfficiency(blk, k),
          post: overKernelEfficiency(post, k),
        };
        c = { pre, blk, post, own, comm: new Map() };
        segments.set(outer, c);
      }
      return c;
    },
    placed(l) {
      const outer = placementKey(l);
      let inner = places.get(outer);
      if (!inner) {
        inner = new Map();
        places.set(outer, inner);
      }
      const key = stageKey(l);
      let where = inner.get(key);
      if (!where) {
        where = placement(l, sys.devicesPerNode);
        inner.set(key, where);
      }
      return where;
    },
    communication(c, l, where) {
      const key = stageKey(l);
      let comm = c.comm.get(key);
      if (!comm) {
        comm = blockCommunication(p, l, sys, where);
        c.comm.set(key, comm);
      }
      return comm;
    },
  };
}
