import { InputError } from "../units/InputError.js";
import { printable } from "./constTensor.js";
import { dtypeBytes, isFloatType } from "./dtype.js";
import type { IrGraph, ValueDecl } from "./graphIr.js";
import type { NodeReport } from "./nodeReport.js";
import { Poly, polyProduct } from "./poly.js";
import { numel, type TensorInfo } from "./tensorInfo.js";

/** A constant the graph holds: an initializer, or the output of a Constant/ConstantOfShape node. */
export interface ConstSource {
  name: string;
  elements: Poly;
  dtype: number;
  /** A trained parameter: floating point, more than one element, used other than as a buffer. */
  used: boolean;
  /** Counted by a node already. */
  claimed: boolean;
}

/** State shared by a graph and its subgraphs during inference. */
export class Analysis {
  readonly reports: NodeReport[] = [];
  readonly sources = new Map<string, ConstSource>();
  readonly unknownOps = new Map<string, number>();
  readonly symbols = new Set<string>();
  /**
   * The main graph's nodes (depth 0, in the order analysed) as tensor numbers of the main scope, flat:
   * each node's inputs then its outputs (−1 for an omitted one), node k's from `start[k]` in `ids`.
   * Set when the main graph's walk is done (from its plan).
   */
  mainGraph: { start: Int32Array; ids: Int32Array } = { start: new Int32Array(1), ids: new Int32Array(0) };
  private freshCount = 0;
  constructor(readonly opsets: ReadonlyMap<string, number>) {}

  /** Symbols made by {@link fresh} so far. */
  get freshSymbols(): number {
    return this.freshCount;
  }

  /** {@link fresh} as a function (one for the whole analysis, shared by every node's context). */
  readonly freshOf = (hint: string): Poly => this.fresh(hint);

  /** A fresh symbol for a dimension that cannot be inferred. */
  fresh(hint: string): Poly {
    const name = `?${hint.replace(/[^\w./-]/g, "_").slice(0, 40)}#${++this.freshCount}`;
    return Poly.sym(name);
  }

  /** Register a constant source tensor. */
  addSource(name: string, t: TensorInfo): void {
    if (!t.shape) return;
    this.sources.set(name, {
      name,
      elements: polyProduct(t.shape),
      dtype: t.dtype,
      used: false,
      claimed: false,
    });
  }

  /** True when a source is a trained parameter (float, more than one element). */
  isParam(s: ConstSource): boolean {
    return isFloatType(s.dtype) && s.elements.value !== 1 && s.elements.value !== 0;
  }
}

/**
 * Values visible in a (sub)graph: its own, then its enclosing graphs' (ONNX lexical scoping). Each own
 * value has a number (0, 1, … in the order first set): the main graph's numbers index its tensors in
 * GraphAnalysis (`tensors`, `mainGraph`), so the passes after inference (the step's saved
 * activations, the footprint walk) work on integer ids in typed arrays, with no map keyed by name.
 */
export class Scope {
  private readonly ids = new Map<string, number>();
  /**
   * Own values by number. A node's output is numbered before the walk ({@link reserve}) and is
   * undefined here until its node is walked ({@link bind}); every entry is set once the walk is done.
   */
  readonly infos: (TensorInfo | undefined)[] = [];
  /** Own value names by number. */
  readonly names: string[] = [];
  readonly declared = new Map<string, ValueDecl>();
  constructor(
    readonly graph: IrGraph,
    readonly parent: Scope | undefined,
  ) {
    for (const v of graph.valueInfo.values()) this.declared.set(v.name, v);
    for (const v of graph.outputs) this.declared.set(v.name, v);
  }

  /** The value `name` has here: an own one once bound, else the enclosing graph's. */
  get(name: string): TensorInfo | undefined {
    const id = this.ids.get(name);
    const t = id !== undefined ? this.infos[id] : undefined;
    return t !== undefined ? t : this.parent?.get(name);
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** Number of an own value (bound or reserved), or undefined. */
  ownId(name: string): number | undefined {
    return this.ids.get(name);
  }

  /**
   * Number of an own value by name as a function holding only the name table, not the scope (whose
   * graph, the decoded IR, can then be freed once the analysis is done); −1 for none.
   */
  idLookup(): (name: string) => number {
    const ids = this.ids;
    return (name) => ids.get(name) ?? -1;
  }

  /** Number a node's output before the walk (planWalk has checked that it is new); bound by {@link bind}. */
  reserve(name: string): number {
    const id = this.infos.length;
    this.ids.set(name, id);
    this.infos.push(undefined);
    this.names.push(name);
    return id;
  }

  /** Bind the reserved value `id`. */
  bind(id: number, t: TensorInfo): void {
    this.infos[id] = t;
  }

  /** Bind `name` (a new own value gets the next number); returns its number. */
  set(name: string, t: TensorInfo): number {
    const id = this.ids.get(name);
    if (id !== undefined) {
      this.infos[id] = t;
      return id;
    }
    this.ids.set(name, this.infos.length);
    this.infos.push(t);
    this.names.push(name);
    return this.infos.length - 1;
  }
}

/** TensorInfo of a declared value: numbers stay numbers, dim_params become symbols, the rest fresh. */
export function fromDecl(v: ValueDecl, a: Analysis): TensorInfo {
  if (!v.shape) return { dtype: v.dtype };
  const shape = v.shape.map((d, i) => {
    if (typeof d === "number") return Poly.of(d);
    if (typeof d === "string") {
      a.symbols.add(d);
      return Poly.sym(d);
    }
    return a.fresh(`${v.name}[${i}]`);
  });
  return { shape, dtype: v.dtype };
}

/** Bytes of a tensor at its element type (undefined shape counts 0), remembered on the tensor. */
export function tensorBytes(t: TensorInfo | undefined): Poly {
  if (t?.bytes !== undefined) return t.bytes;
  const n = numel(t);
  if (!n) return Poly.of(0);
  return (t!.bytes = n.scale(dtypeBytes(t!.dtype)));
}

/**
 * A graph's walk: its nodes in an order where every input is available first, and the scope numbers of
 * their inputs and outputs, looked up once here (node i's inputs are `inIds[inStart[i] + j]`, its
 * outputs `outIds[outStart[i] + j]`; −1 for an omitted one, and for an input that is no own value).
 */
export interface WalkPlan {
  order: readonly number[];
  inStart: Int32Array;
  inIds: Int32Array;
  outStart: Int32Array;
  outIds: Int32Array;
}

/**
 * Plan the walk of `g` in `scope`, whose graph inputs and initializers are bound: every node output is
 * numbered (reserved) in file order, one name-table update each, and that table is the producer
 * lookup, so no second table of 100k names is built (issue 17). The order is the file's when it is
 * already sorted (checked in one pass, the common case), else Kahn's algorithm with a min-heap on the
 * file position. Refuses a node reading its own output or a tensor nobody produces, an output name used
 * twice, and cycles, naming the node.
 */
export function planWalk(g: IrGraph, scope: Scope, field: string): WalkPlan {
  const n = g.nodes.length;
  const where = (i: number) => `${field}.node[${i}] ${printable(g.nodes[i]!.name)}`;
  const outStart = new Int32Array(n + 1);
  const inStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    outStart[i + 1] = outStart[i]! + g.nodes[i]!.outputs.length;
    inStart[i + 1] = inStart[i]! + g.nodes[i]!.inputs.length;
  }
  // static single assignment (onnx.proto, "Names Within a Graph"): each tensor has one producer
  const firstOut = scope.infos.length;
  const producerOf: number[] = []; // by own number − firstOut
  const outIds = new Int32Array(outStart[n]!).fill(-1);
  const declared = new Set(g.inputs.map((v) => v.name));
  for (let i = 0; i < n; i++) {
    const outs = g.nodes[i]!.outputs;
    for (let j = 0; j < outs.length; j++) {
      const o = outs[j]!;
      if (!o) continue;
      const id = scope.ownId(o);
      const earlier = id !== undefined && id >= firstOut ? producerOf[id - firstOut] : undefined;
      // an own value numbered before the outputs is a graph input or an initializer
      if (id !== undefined || g.initializers.has(o) || declared.has(o))
        throw new InputError(
          where(i),
          printable(o),
          `an output name used once (already ${earlier !== undefined ? `the output of node[${earlier}]` : "a graph input or initializer"})`,
        );
      outIds[outStart[i]! + j] = scope.reserve(o);
      producerOf.push(i);
    }
  }
  const producer = (id: number | undefined) =>
    id !== undefined && id >= firstOut ? producerOf[id - firstOut] : undefined;
  // check every input (errors in file order), and whether the file's order is already topological
  const inIds = new Int32Array(inStart[n]!).fill(-1);
  let sorted = true;
  for (let i = 0; i < n; i++) {
    const ins = g.nodes[i]!.inputs;
    for (let j = 0; j < ins.length; j++) {
      const x = ins[j]!;
      if (x === "") continue;
      const id = scope.ownId(x);
      const p = producer(id);
      if (p === i)
        throw new InputError(where(i), printable(x), "an acyclic graph (this node reads its own output)");
      if (id !== undefined) inIds[inStart[i]! + j] = id;
      if (p !== undefined) {
        if (p > i) sorted = false;
      } else if (id === undefined && !(scope.parent?.has(x) ?? false))
        throw new InputError(
          where(i),
          printable(x),
          "an input that is an initializer, a graph input or another node's output",
        );
    }
  }
  const plan = { order: [] as number[], inStart, inIds, outStart, outIds };
  if (sorted) {
    for (let i = 0; i < n; i++) plan.order.push(i);
    return plan;
  }
  const waiting = new Int32Array(n);
  const edges: number[] = []; // (producer, consumer) pairs, each distinct input once
  for (let i = 0; i < n; i++) {
    const ins = g.nodes[i]!.inputs;
    for (let j = 0; j < ins.length; j++) {
      const x = ins[j]!;
      if (x === "" || ins.indexOf(x) < j) continue;
      const p = producer(inIds[inStart[i]! + j]! < 0 ? undefined : inIds[inStart[i]! + j]);
      if (p === undefined) continue;
      waiting[i]!++;
      edges.push(p, i);
    }
  }
  const order = plan.order;
  const start = new Int32Array(n + 1);
  for (let e = 0; e < edges.length; e += 2) start[edges[e]! + 1]!++;
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const consumers = new Int32Array(edges.length / 2);
  const fill = start.slice(0, n);
  for (let e = 0; e < edges.length; e += 2) consumers[fill[edges[e]!]!++] = edges[e + 1]!;
  const ready = new MinHeap();
  for (let i = 0; i < n; i++) if (waiting[i] === 0) ready.push(i);
  while (ready.size) {
    const i = ready.pop();
    order.push(i);
    for (let j = start[i]!; j < start[i + 1]!; j++)
      if (--waiting[consumers[j]!]! === 0) ready.push(consumers[j]!);
  }
  if (order.length !== n)
    throw new InputError(`${field}.node`, n - order.length, "an acyclic graph (these nodes wait on a cycle)");
  return plan;
}

/** A binary min-heap of integers. */
export class MinHeap {
  private readonly a: number[] = [];
  get size(): number {
    return this.a.length;
  }
  push(x: number): void {
    const a = this.a;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p]! <= x) break;
      a[i] = a[p]!;
      i = p;
    }
    a[i] = x;
  }
  pop(): number {
    const a = this.a;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= a.length) break;
        const c = l + 1 < a.length && a[l + 1]! < a[l]! ? l + 1 : l;
        if (a[c]! >= last) break;
        a[i] = a[c]!;
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
}
