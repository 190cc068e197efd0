import type { GraphAnalysis } from "./analyzeGraph.js";
import type { Poly } from "./poly.js";
import { MinHeap } from "./scope.js";

/** Ops whose output is a view of their first input (no new buffer). */
const VIEWS = new Set(["Reshape", "Flatten", "Squeeze", "Unsqueeze", "Identity", "Dropout"]);
/** Above this many nodes the greedy order (quadratic in the ready set) is skipped. */
const GREEDY_MAX_NODES = 20_000;

/** Peak live bytes of the main graph's activations under a topological order. */
export interface Footprint {
  /** Peak bytes of live activation tensors (weights excluded), the smaller of the two orders. */
  peakActivationBytes: number;
  /** The order that achieved it. */
  order: "file" | "greedy";
  /** Peak in the file's order and in the greedy order (NaN when skipped). */
  fileOrderPeak: number;
  greedyOrderPeak: number;
}

/**
 * Minimal-footprint traversal (Catamount's `calcMinimalFootprint`, Hestness et al., PPoPP 2019, §3.3):
 * walk the main graph in a topological order; a node's outputs are allocated when it runs, while its
 * inputs are still live; a tensor is freed after its last consumer; graph inputs are live from the
 * start and outputs never freed; views share their input's buffer; constants are weights, not counted.
 * The peak is taken over two orders, the file's and a greedy one that runs next the ready node freeing
 * the most bytes net of what it allocates (ties: file position), and the smaller is reported. Finding
 * the optimal order is NP-hard in general; the greedy order is the usual heuristic.
 *
 * Tensors are numbered once and the walk runs on typed arrays, so the file order is O(E log N) in
 * time and O(N + E) in memory for N nodes and E edges.
 */
export function minimalFootprint(a: GraphAnalysis, ev: (p: Poly) => number): Footprint {
  const nodes = a.nodes.filter((n) => n.depth === 0);
  // views share their input's buffer: every name maps to its root buffer
  const base = new Map<string, string>();
  const root = (t: string) => base.get(t) ?? t;
  for (const n of nodes)
    if (VIEWS.has(n.opType) && n.inputs[0]) base.set(n.outputs[0] ?? "", root(n.inputs[0]));
  // number the activation buffers (sized, not constants, not views)
  const id = new Map<string, number>();
  const sizes: number[] = [];
  for (const [t, p] of a.tensorBytes)
    if (!a.constants.has(t) && !base.has(t)) {
      id.set(t, sizes.length);
      sizes.push(ev(p));
    }
  const size = Float64Array.from(sizes);
  const idOf = (t: string) => (t ? id.get(root(t)) : undefined);
  const reads: Int32Array[] = [];
  const allocs: Int32Array[] = [];
  const uses = new Int32Array(size.length);
  const producer = new Map<string, number>();
  nodes.forEach((n, i) => n.outputs.forEach((t) => t && producer.set(t, i)));
  const waiting = new Int32Array(nodes.length);
  const consumers: number[][] = nodes.map(() => []);
  nodes.forEach((n, i) => {
    const r: number[] = [];
    const deps: number[] = [];
    for (const t of n.inputs) {
      const k = idOf(t);
      if (k !== undefined && !r.includes(k)) r.push(k);
      const p = producer.get(t);
      if (p !== undefined && p !== i && !deps.includes(p)) deps.push(p);
    }
    for (const k of r) uses[k]!++;
    for (const p of deps) consumers[p]!.push(i);
    waiting[i] = deps.length;
    reads.push(Int32Array.from(r));
    allocs.push(Int32Array.from(n.outputs.flatMap((t) => (t && id.has(t) ? [id.get(t)!] : []))));
  });
  const pinned = new Uint8Array(size.length);
  for (const o of a.outputs) {
    const k = idOf(o.name);
    if (k !== undefined) pinned[k] = 1;
  }
  let startLive = 0;
  for (const i of a.inputs) {
    const k = id.get(i.name);
    if (k !== undefined) startLive += size[k]!;
  }

  /** Peak live bytes when `next` picks the node to run among the ready ones. */
  const run = (order: {
    push(i: number): void;
    pop(left: Int32Array): number;
    readonly size: number;
  }): number => {
    const left = Int32Array.from(uses);
    const wait = Int32Array.from(waiting);
    let live = startLive;
    let peak = live;
    for (let i = 0; i < nodes.length; i++) if (wait[i] === 0) order.push(i);
    while (order.size) {
      const i = order.pop(left);
      for (const t of allocs[i]!) live += size[t]!;
      peak = Math.max(peak, live);
      for (const t of reads[i]!) if (--left[t]! === 0 && !pinned[t]) live -= size[t]!;
      for (const t of allocs[i]!) if (left[t] === 0 && !pinned[t]) live -= size[t]!;
      for (const c of consumers[i]!) if (--wait[c]! === 0) order.push(c);
    }
    return peak;
  };
  const heap = new MinHeap();
  const fileOrderPeak = run({
    push: (i) => heap.push(i),
    pop: () => heap.pop(),
    get size() {
      return heap.size;
    },
  });
  let greedyOrderPeak = NaN;
  if (nodes.length <= GREEDY_MAX_NODES) {
    const ready: number[] = [];
    greedyOrderPeak = run({
      push: (i) => ready.push(i),
      get size() {
        return ready.length;
      },
      pop: (left) => {
        let at = 0;
        let bestGain = -Infinity;
        for (let j = 0; j < ready.length; j++) {
          const i = ready[j]!;
          let gain = 0;
          for (const t of reads[i]!) if (left[t] === 1 && !pinned[t]) gain += size[t]!;
          for (const t of allocs[i]!) gain -= size[t]!;
          if (gain > bestGain || (gain === bestGain && i < ready[at]!)) {
            at = j;
            bestGain = gain;
          }
        }
        const best = ready[at]!;
        ready[at] = ready[ready.length - 1]!;
        ready.pop();
        return best;
      },
    });
  }
  const greedy = greedyOrderPeak < fileOrderPeak;
  return {
    peakActivationBytes: greedy ? greedyOrderPeak : fileOrderPeak,
    order: greedy ? "greedy" : "file",
    fileOrderPeak,
    greedyOrderPeak,
  };
}
