import { InputError } from "../units/InputError.js";
import { printable } from "./constTensor.js";
import { dtypeBytes, isFloatType } from "./dtype.js";
import type { IrGraph, ValueDecl } from "./graphIr.js";
import type { NodeReport } from "./nodeReport.js";
import { Poly, polyProduct } from "./poly.js";
import type { TensorInfo } from "./tensorInfo.js";

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
  private freshCount = 0;
  constructor(readonly opsets: ReadonlyMap<string, number>) {}

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

/** Values visible in a (sub)graph: its own, then its enclosing graphs' (ONNX lexical scoping). */
export class Scope {
  private readonly own = new Map<string, TensorInfo>();
  readonly declared = new Map<string, ValueDecl>();
  constructor(
    readonly graph: IrGraph,
    readonly parent: Scope | undefined,
  ) {
    for (const v of graph.valueInfo.values()) this.declared.set(v.name, v);
    for (const v of graph.outputs) this.declared.set(v.name, v);
  }

  get(name: string): TensorInfo | undefined {
    return this.own.get(name) ?? this.parent?.get(name);
  }

  has(name: string): boolean {
    return this.own.has(name) || (this.parent?.has(name) ?? false);
  }

  set(name: string, t: TensorInfo): void {
    this.own.set(name, t);
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

/** Bytes of a tensor at its element type (undefined shape counts 0). */
export function tensorBytes(t: TensorInfo | undefined): Poly {
  return t?.shape ? polyProduct(t.shape).scale(dtypeBytes(t.dtype)) : Poly.of(0);
}

/** Nodes in an order where every input is available first: the file's order when it is already sorted. */
export function topoOrder(g: IrGraph, available: (name: string) => boolean, field: string): number[] {
  // static single assignment (onnx.proto, "Names Within a Graph"): each tensor has one producer
  const producer = new Map<string, number>();
  const declared = new Set(g.inputs.map((v) => v.name));
  g.nodes.forEach((n, i) => {
    for (const o of n.outputs) {
      if (!o) continue;
      if (producer.has(o) || g.initializers.has(o) || declared.has(o))
        throw new InputError(
          `${field}.node[${i}] ${printable(n.name)}`,
          printable(o),
          `an output name used once (already ${producer.has(o) ? `the output of node[${producer.get(o)}]` : "a graph input or initializer"})`,
        );
      producer.set(o, i);
    }
  });
  const waiting = new Map<number, number>();
  const consumers = new Map<number, number[]>();
  g.nodes.forEach((n, i) => {
    let missing = 0;
    for (const x of new Set(n.inputs)) {
      if (x === "") continue;
      const p = producer.get(x);
      if (p === i)
        throw new InputError(
          `${field}.node[${i}] ${printable(n.name)}`,
          printable(x),
          "an acyclic graph (this node reads its own output)",
        );
      if (p !== undefined) {
        missing++;
        const list = consumers.get(p);
        if (list) list.push(i);
        else consumers.set(p, [i]);
      } else if (p === undefined && !available(x))
        throw new InputError(
          `${field}.node[${i}] ${printable(n.name)}`,
          printable(x),
          "an input that is an initializer, a graph input or another node's output",
        );
    }
    waiting.set(i, missing);
  });
  // Kahn's algorithm with a min-heap on the file position, so a sorted file keeps its order
  const ready = new MinHeap();
  g.nodes.forEach((_, i) => waiting.get(i) === 0 && ready.push(i));
  const order: number[] = [];
  while (ready.size) {
    const i = ready.pop();
    order.push(i);
    for (const c of consumers.get(i) ?? []) {
      const left = waiting.get(c)! - 1;
      waiting.set(c, left);
      if (left === 0) ready.push(c);
    }
  }
  if (order.length !== g.nodes.length)
    throw new InputError(
      `${field}.node`,
      g.nodes.length - order.length,
      "an acyclic graph (these nodes wait on a cycle)",
    );
  return order;
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
