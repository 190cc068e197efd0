import type { GraphAnalysis } from "./analyzeGraph.js";
import type { Poly } from "./poly.js";
import { MinHeap } from "./minHeap.js";
import { tensorBytes } from "./scope.js";

/** Ops whose output is a view of their first input (no new buffer). */
const VIEWS = new Set(["Reshape", "Flatten", "Squeeze", "Unsqueeze", "Identity", "Dropout"]);

/** Peak live bytes of the main graph's activations under a topological order. */
export interface Footprint {
  /** Peak bytes of live activation tensors (weights excluded), the smaller of the two orders. */
  peakActivationBytes: number;
  /** The order that achieved it. */
  order: "file" | "greedy";
  /** Peak in the file's order and in the greedy order. */
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
 * Tensors are numbered once and both walks run on typed arrays with heaps: O(E log N) time and
 * O(N + E) memory for N nodes and E edges.
 */
export function minimalFootprint(a: GraphAnalysis, ev: (p: Poly) => number): Footprint {
  const nodes = a.nodes.filter((n) => n.depth === 0);
  const { start, ids } = a.mainGraph;
  const nt = a.tensors.length;
  // views share their input's buffer: every tensor maps to its root buffer (−1: its own)
  const base = new Int32Array(nt).fill(-1);
  const root = (t: number) => (base[t]! >= 0 ? base[t]! : t);
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    const input = n.inputs.length ? ids[start[i]!]! : -1;
    const output = n.outputs.length ? ids[start[i]! + n.inputs.length]! : -1;
    if (VIEWS.has(n.opType) && input >= 0 && output >= 0) base[output] = root(input);
  }
  // number the activation buffers (not constants, not views)
  const id = new Int32Array(nt).fill(-1);
  const allSizes = new Float64Array(nt);
  let buffers = 0;
  for (let t = 0; t < nt; t++)
    if (a.tensors[t]!.constSource === undefined && base[t]! < 0) {
      id[t] = buffers;
      allSizes[buffers++] = ev(tensorBytes(a.tensors[t]));
    }
  const size = allSizes.subarray(0, buffers);
  const idOf = (t: number) => (t < 0 ? -1 : id[root(t)]!);
  // per node, as flat lists (compressed rows: node i's entries are [start[i], start[i + 1])): the
  // buffers it reads (each once), the buffers it allocates, and the nodes waiting on it. Each list has
  // at most one entry per input or output slot, so it is allocated once at that size (typed arrays,
  // not arrays grown element by element)
  const producer = new Int32Array(nt).fill(-1);
  for (let i = 0; i < nodes.length; i++)
    for (let j = start[i]! + nodes[i]!.inputs.length; j < start[i + 1]!; j++)
      if (ids[j]! >= 0) producer[ids[j]!] = i;
  const reads = new Int32Array(ids.length);
  let nReads = 0;
  const readStart = new Int32Array(nodes.length + 1);
  const allocs = new Int32Array(ids.length);
  let nAllocs = 0;
  const allocStart = new Int32Array(nodes.length + 1);
  const allocBytes = new Float64Array(nodes.length);
  const waiting = new Int32Array(nodes.length);
  const uses = new Int32Array(size.length);
  const edges = new Int32Array(2 * ids.length); // pairs (producer, consumer)
  let nEdges = 0;
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    const first = nReads;
    const firstEdge = nEdges;
    const outAt = start[i]! + n.inputs.length;
    for (let j = start[i]!; j < outAt; j++) {
      const t = ids[j]!;
      const k = idOf(t);
      if (k >= 0 && !includes(reads, first, nReads, k)) {
        reads[nReads++] = k;
        uses[k]!++;
      }
      const p = t < 0 ? -1 : producer[t]!;
      if (p < 0 || p === i) continue;
      let seen = false;
      for (let e = firstEdge; e < nEdges; e += 2) if (edges[e] === p) seen = true;
      if (!seen) {
        edges[nEdges++] = p;
        edges[nEdges++] = i;
        waiting[i]!++;
      }
    }
    readStart[i + 1] = nReads;
    for (let j = outAt; j < start[i + 1]!; j++) {
      const k = ids[j]! < 0 ? -1 : id[ids[j]!]!;
      if (k < 0) continue;
      allocs[nAllocs++] = k;
      allocBytes[i]! += size[k]!;
    }
    allocStart[i + 1] = nAllocs;
  }
  const consumerStart = new Int32Array(nodes.length + 1);
  for (let e = 0; e < nEdges; e += 2) consumerStart[edges[e]! + 1]!++;
  for (let i = 0; i < nodes.length; i++) consumerStart[i + 1]! += consumerStart[i]!;
  const consumers = new Int32Array(nEdges / 2);
  const at = consumerStart.slice(0, nodes.length);
  for (let e = 0; e < nEdges; e += 2) consumers[at[edges[e]!]!++] = edges[e + 1]!;
  // the nodes reading each buffer, likewise
  const readerStart = new Int32Array(size.length + 1);
  for (let j = 0; j < nReads; j++) readerStart[reads[j]! + 1]!++;
  for (let t = 0; t < size.length; t++) readerStart[t + 1]! += readerStart[t]!;
  const readers = new Int32Array(nReads);
  const fill = readerStart.slice(0, size.length);
  for (let i = 0; i < nodes.length; i++)
    for (let j = readStart[i]!; j < readStart[i + 1]!; j++) readers[fill[reads[j]!]!++] = i;
  const pinned = new Uint8Array(size.length);
  for (const o of a.outputs) {
    const k = idOf(a.tensorId(o.name));
    if (k >= 0) pinned[k] = 1;
  }
  let startLive = 0;
  for (const i of a.inputs) {
    const t = a.tensorId(i.name);
    const k = t < 0 ? -1 : id[t]!;
    if (k >= 0) startLive += size[k]!;
  }

  /**
   * Peak live bytes of one topological order. `order` holds the ready nodes and picks the next;
   * `lastUse(t)` is told when buffer t has one reader left (the greedy order's gains change then).
   */
  const run = (order: {
    push(i: number, left: Int32Array): void;
    pop(): number;
    readonly size: number;
    lastUse?(t: number, done: Uint8Array): void;
  }): number => {
    const left = Int32Array.from(uses);
    const wait = Int32Array.from(waiting);
    const done = new Uint8Array(nodes.length);
    let live = startLive;
    let peak = live;
    for (let i = 0; i < nodes.length; i++) if (wait[i] === 0) order.push(i, left);
    while (order.size) {
      const i = order.pop();
      done[i] = 1;
      live += allocBytes[i]!;
      peak = Math.max(peak, live);
      for (let j = readStart[i]!; j < readStart[i + 1]!; j++) {
        const t = reads[j]!;
        const l = --left[t]!;
        if (pinned[t]) continue;
        if (l === 0) live -= size[t]!;
        else if (l === 1) order.lastUse?.(t, done);
      }
      for (let j = allocStart[i]!; j < allocStart[i + 1]!; j++) {
        const t = allocs[j]!;
        if (left[t] === 0 && !pinned[t]) live -= size[t]!;
      }
      for (let j = consumerStart[i]!; j < consumerStart[i + 1]!; j++)
        if (--wait[consumers[j]!]! === 0) order.push(consumers[j]!, left);
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
  // greedy: the ready node with the largest gain (bytes it frees − bytes it allocates), ties by file
  // position. A gain only grows, when one of the node's inputs gets down to its last reader: kept in a
  // max-heap with stale entries skipped, so the greedy order costs O(E log N) like the file order.
  const gain = new Float64Array(nodes.length);
  const ready = new Uint8Array(nodes.length);
  const best = new GainHeap();
  const greedyOrderPeak = run({
    push(i, left) {
      let g = -allocBytes[i]!;
      for (let j = readStart[i]!; j < readStart[i + 1]!; j++) {
        const t = reads[j]!;
        if (left[t] === 1 && !pinned[t]) g += size[t]!;
      }
      gain[i] = g;
      ready[i] = 1;
      best.push(g, i);
    },
    pop() {
      for (;;) {
        const i = best.pop();
        if (best.lastGain === gain[i] && ready[i] === 1) {
          ready[i] = 2;
          return i;
        }
      }
    },
    get size() {
      return best.live(gain, ready);
    },
    lastUse(t, done) {
      for (let j = readerStart[t]!; j < readerStart[t + 1]!; j++) {
        const r = readers[j]!;
        if (done[r] || ready[r] !== 1) continue;
        gain[r]! += size[t]!;
        best.push(gain[r]!, r);
      }
    },
  });
  const greedy = greedyOrderPeak < fileOrderPeak;
  return {
    peakActivationBytes: greedy ? greedyOrderPeak : fileOrderPeak,
    order: greedy ? "greedy" : "file",
    fileOrderPeak,
    greedyOrderPeak,
  };
}

/** True when xs[from, to) holds x. */
function includes(xs: Int32Array, from: number, to: number, x: number): boolean {
  for (let i = from; i < to; i++) if (xs[i] === x) return true;
  return false;
}

/** A max-heap of (gain, node) pairs, ties to the smaller node index; stale pairs are left in place. */
class GainHeap {
  private readonly g: number[] = [];
  private readonly n: number[] = [];
  /** Gain of the pair last popped. */
  lastGain = 0;

  private above(a: number, b: number): boolean {
    return this.g[a]! > this.g[b]! || (this.g[a] === this.g[b] && this.n[a]! < this.n[b]!);
  }

  private swap(a: number, b: number): void {
    const g = this.g[a]!;
    this.g[a] = this.g[b]!;
    this.g[b] = g;
    const n = this.n[a]!;
    this.n[a] = this.n[b]!;
    this.n[b] = n;
  }

  push(gain: number, node: number): void {
    this.g.push(gain);
    this.n.push(node);
    for (let i = this.g.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (!this.above(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  pop(): number {
    const top = this.n[0]!;
    this.lastGain = this.g[0]!;
    const lastG = this.g.pop()!;
    const lastN = this.n.pop()!;
    if (this.g.length) {
      this.g[0] = lastG;
      this.n[0] = lastN;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        if (l >= this.g.length) break;
        const c = l + 1 < this.g.length && this.above(l + 1, l) ? l + 1 : l;
        if (!this.above(c, i)) break;
        this.swap(c, i);
        i = c;
      }
    }
    return top;
  }

  /** Pairs left whose node is still waiting with that gain (drops stale pairs from the top). */
  live(gain: Float64Array, ready: Uint8Array): number {
    while (this.g.length && (ready[this.n[0]!] !== 1 || this.g[0] !== gain[this.n[0]!])) this.pop();
    return this.g.length;
  }
}
