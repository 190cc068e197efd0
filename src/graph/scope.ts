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
