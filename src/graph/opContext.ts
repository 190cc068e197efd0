import type { LayerKind } from "../workload/layerCost.js";
import { attr, type ConstTensor, type IrNode } from "./graphIr.js";
import type { CostTerm } from "./costTerm.js";
import { Poly } from "./poly.js";
import type { TensorInfo } from "./tensorInfo.js";

/** Thrown by an op rule when its inputs lack the shapes it needs; the node is then reported uncosted. */
export class ShapeUnknown extends Error {
  constructor(what: string) {
    super(what);
    this.name = "ShapeUnknown";
  }
}

/** What an op rule sees: the node, its input tensors (undefined for an omitted optional input). */
export interface OpContext {
  node: IrNode;
  inputs: (TensorInfo | undefined)[];
  /** Opset version of the node's domain. */
  opset: number;
  /** A fresh symbol for a dimension that cannot be inferred (data-dependent sizes). */
  fresh(hint: string): Poly;
}

/** What an op rule returns: output tensors, cost terms and how to treat constant inputs. */
export interface OpResult {
  outputs: (TensorInfo | undefined)[];
  costs: CostTerm[];
  /** Input positions that are buffers, not trained parameters (BatchNorm running mean and variance). */
  buffers?: number[];
  /** Input positions that are weights even when scalar (PRelu's slope); others need > 1 element. */
  weights?: number[];
  /** The parameters it claims are embedding tables (Gather from a weight). */
  embedding?: boolean;
  /** Layer kind for the training-step breakdown (default from the first cost term). */
  kind?: LayerKind;
}

/** An op rule: shape inference plus cost. */
export type OpRule = (ctx: OpContext) => OpResult;

/** Input `i`, which must have a known shape. */
export function shaped(ctx: OpContext, i: number): { shape: Poly[]; info: TensorInfo } {
  const t = ctx.inputs[i];
  if (!t?.shape) throw new ShapeUnknown(`${ctx.node.opType} input ${i} has no known shape`);
  return { shape: t.shape, info: t };
}

/** Integer attribute (default `def`). */
export function attrInt(node: IrNode, name: string, def: number): number {
  const a = attr(node, name);
  return a ? (a.i ?? 0) : def;
}

/** Integer-list attribute, or undefined. */
export function attrInts(node: IrNode, name: string): number[] | undefined {
  const a = attr(node, name);
  return a?.ints?.length ? a.ints : undefined;
}

/** Float attribute (default `def`). */
export function attrFloat(node: IrNode, name: string, def: number): number {
  const a = attr(node, name);
  return a ? (a.f ?? 0) : def;
}

/** String attribute (default `def`). */
export function attrString(node: IrNode, name: string, def: string): string {
  const a = attr(node, name);
  return a ? (a.s ?? "") : def;
}

/** Tensor attribute, decoded without weight bytes beyond small values. */
export function attrTensor(node: IrNode, name: string): ConstTensor | undefined {
  return attr(node, name)?.t;
}

/** Constant integer values of input `i` (folded), or undefined. */
export function inputInts(ctx: OpContext, i: number): number[] | undefined {
  const v = ctx.inputs[i]?.value;
  if (!v) return undefined;
  const out = v.map((p) => p.value);
  return out.every((x): x is number => x !== undefined) ? out : undefined;
}

/** Normalise a possibly negative axis for rank `rank`. */
export function axis(a: number, rank: number, ctx: OpContext): number {
  const x = a < 0 ? a + rank : a;
  if (!(x >= 0 && x < Math.max(rank, 1)))
    throw new ShapeUnknown(`${ctx.node.opType} axis ${a} out of rank ${rank}`);
  return x;
}

/**
 * Numpy broadcasting of shapes (ONNX "Broadcasting in ONNX"); a symbolic clash keeps the first. When the
 * result is the widest input's shape (a residual add, a bias add) that array itself is returned, not a
 * copy: shapes are never changed in place (rules that edit a shape copy it first).
 */
export function broadcast(shapes: readonly Poly[][]): Poly[] {
  let widest: Poly[] | undefined;
  for (const s of shapes) if (s.length > (widest?.length ?? 0)) widest = s;
  if (widest === undefined) return [];
  const rank = widest.length;
  let out: Poly[] | undefined;
  for (let i = 0; i < rank; i++) {
    const d = broadcastDim(shapes, rank, i);
    if (out === undefined && d !== widest[i]) out = widest.slice(0, i);
    out?.push(d);
  }
  return out ?? widest;
}

/** Dimension `i` of the broadcast of `shapes` to `rank`: a 1 gives way; of two numbers, the larger. */
function broadcastDim(shapes: readonly Poly[][], rank: number, i: number): Poly {
  let d: Poly | undefined;
  for (const s of shapes) {
    const x = s[s.length - rank + i];
    if (!x) continue;
    if (d === undefined || d.value === 1) d = x;
    else if (x.value !== undefined && d.value !== undefined && x.value !== 1) {
      // an input's own dimension when it is the larger (no new constant)
      const m = Math.max(d.value, x.value);
      d = m === d.value ? d : m === x.value ? x : Poly.of(m);
    }
  }
  return d ?? Poly.of(1);
}

/** A tensor of known shape and type, no values. */
export function tensor(shape: Poly[], dtype: number): TensorInfo {
  return { shape, dtype };
}
