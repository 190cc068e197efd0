import type { LayerCost, OpCost } from "../workload/layerCost.js";
import { type CostTerm, termOpCost } from "./costTerm.js";
import type { Poly } from "./poly.js";

/**
 * An op run `r` times in sequence (a Loop or Scan body): every FLOP and byte count times r, its kernels
 * counted once as for every op (segment.ts counts launches per op).
 */
export function scaled(op: OpCost, r: number): OpCost {
  if (r === 1) return op;
  return {
    ...op,
    forwardFlops: op.forwardFlops * r,
    backwardInputFlops: op.backwardInputFlops * r,
    backwardWeightFlops: op.backwardWeightFlops * r,
    forwardBytes: { read: op.forwardBytes.read * r, written: op.forwardBytes.written * r },
    backwardBytes: { read: op.backwardBytes.read * r, written: op.backwardBytes.written * r },
    ...(op.eager
      ? {
          eager: {
            forwardBytes: op.eager.forwardBytes * r,
            backwardBytes: op.eager.backwardBytes * r,
            kernels: op.eager.kernels,
          },
        }
      : {}),
    repeats: r,
  };
}

/**
 * Equal op costs and kept-activation records made one object each, shared by the layers that have them:
 * a large graph repeats a few ops (a chain's every MatMul of one width, every residual Add), and keeping
 * an object per node for each made the step's layers most of the analysis's memory and collector time
 * (issue 17). Shared objects are never changed after they are made (assembleStep and the planners only
 * read layers), so sharing is invisible to every reader; an op is matched on every OpCost field.
 */
export class SharedCosts {
  /** Ops by a number mixing their counts (no key string per op); equal counts are checked field by field. */
  private readonly opsByHash = new Map<number, OpCost[]>();
  /** Elementwise and linear ops by a number mixing their terms' evaluated arguments (the rule, 4 numbers, repeats). */
  private readonly opsByArgs = new Map<
    number,
    { rule: string; a: number; b: number; c: number; d: number; r: number; op: OpCost }[]
  >();
  private readonly listByOp = new Map<OpCost, OpCost[]>();
  private readonly keptByBytes = new Map<number, LayerCost["activationBytes"]>();

  /** The first op made with these counts. */
  op(o: OpCost): OpCost {
    const f = o.forwardBytes;
    const b = o.backwardBytes;
    const h =
      o.forwardFlops +
      3 * o.backwardInputFlops +
      5 * o.backwardWeightFlops +
      7 * f.read +
      11 * f.written +
      13 * b.read +
      17 * b.written;
    const bucket = this.opsByHash.get(h);
    if (bucket === undefined) {
      this.opsByHash.set(h, [o]);
      return o;
    }
    for (const x of bucket) if (sameOp(x, o)) return x;
    bucket.push(o);
    return o;
  }

  /**
   * The op of a term, shared. An elementwise or linear term (most nodes) is first looked up by its
   * evaluated arguments, so an op seen before is not made again only to be dropped for the shared one.
   */
  opOf(t: CostTerm, ev: (p: Poly) => number, bytes: number, r: number): OpCost {
    let a: number;
    let b: number;
    let c: number;
    let d: number;
    if (t.rule === "elementwise") {
      a = ev(t.elements);
      b = t.flopsPerElement;
      c = t.inputs;
      d = 0;
    } else if (t.rule === "linear") {
      a = ev(t.rows);
      b = ev(t.inFeatures);
      c = ev(t.outFeatures);
      d = t.bias ? 1 : 0;
    } else return this.op(scaled(termOpCost(t, ev, bytes), r));
    const h = a + 3 * b + 5 * c + 7 * d + 11 * r;
    const bucket = this.opsByArgs.get(h);
    if (bucket)
      for (const m of bucket)
        if (m.rule === t.rule && m.a === a && m.b === b && m.c === c && m.d === d && m.r === r) return m.op;
    const op = this.op(scaled(termOpCost(t, ev, bytes), r));
    const m = { rule: t.rule, a, b, c, d, r, op };
    if (bucket) bucket.push(m);
    else this.opsByArgs.set(h, [m]);
    return op;
  }

  /** A node's ops, each shared; a one-op list is shared too, by the layers with that op. */
  ops(costs: readonly CostTerm[], ev: (p: Poly) => number, bytes: number, r: number): OpCost[] {
    if (costs.length !== 1) return costs.map((t) => this.opOf(t, ev, bytes, r));
    const op = this.opOf(costs[0]!, ev, bytes, r);
    const hit = this.listByOp.get(op);
    if (hit) return hit;
    const list = [op];
    this.listByOp.set(op, list);
    return list;
  }

  /** Activation bytes kept for backward, the same under every recompute policy (each node is a unit). */
  kept(bytes: number): LayerCost["activationBytes"] {
    const hit = this.keptByBytes.get(bytes);
    if (hit) return hit;
    const k = { none: bytes, selective: bytes, full: bytes };
    this.keptByBytes.set(bytes, k);
    return k;
  }
}

/** Every OpCost field equal (a field added to OpCost must be compared here). */
function sameOp(x: OpCost, o: OpCost): boolean {
  return (
    x.kind === o.kind &&
    x.forwardFlops === o.forwardFlops &&
    x.backwardInputFlops === o.backwardInputFlops &&
    x.backwardWeightFlops === o.backwardWeightFlops &&
    x.forwardBytes.read === o.forwardBytes.read &&
    x.forwardBytes.written === o.forwardBytes.written &&
    x.backwardBytes.read === o.backwardBytes.read &&
    x.backwardBytes.written === o.backwardBytes.written &&
    x.repeats === o.repeats &&
    sameEager(x.eager, o.eager)
  );
}

/** Both absent, or equal eager-kernel counts. */
function sameEager(x: OpCost["eager"], o: OpCost["eager"]): boolean {
  if (x === undefined || o === undefined) return x === o;
  return x.forwardBytes === o.forwardBytes && x.backwardBytes === o.backwardBytes && x.kernels === o.kernels;
}
