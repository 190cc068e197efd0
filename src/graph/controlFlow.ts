import { INT64 } from "./dtype.js";
import { attr, type IrNode } from "./graphIr.js";
import type { WalkOptions } from "./inferGraph.js";
import { attrInt, attrInts, type OpContext, type OpResult, ShapeUnknown } from "./opContext.js";
import { Poly, polySum } from "./poly.js";
import { type Analysis, fromDecl, Scope } from "./scope.js";
import type { TensorInfo } from "./tensorInfo.js";

type Walk = (a: Analysis, scope: Scope, o: WalkOptions) => (TensorInfo | undefined)[];

/**
 * If, Loop and Scan (ONNX operator spec, "control flow"): their bodies are analysed as subgraphs that see
 * the enclosing values, and their nodes reported with the body's nesting depth and repeat count:
 * - If: both branches are analysed; the one with more forward FLOP (all symbols at 1) is counted, the
 *   other's nodes are dropped (a forward pass runs one branch);
 * - Loop: the body repeats M times (input 0 when constant, else a symbol `<node>_trips`);
 * - Scan: the body repeats once per slice of the scanned axis of the first scan input.
 * The control-flow node itself costs nothing; its outputs are the body's (Loop/Scan scan outputs stacked
 * on a new leading axis of the repeat count).
 */
export function controlFlow(
  a: Analysis,
  scope: Scope,
  node: IrNode,
  ctx: OpContext,
  o: WalkOptions,
  walk: Walk,
): OpResult {
  const body = (name: string) => {
    const g = attr(node, name)?.g;
    if (!g) throw new ShapeUnknown(`${node.opType} without ${name}`);
    return o.toIr(g, `${o.field}.${node.name}.${name}`);
  };
  const sub = (name: string, bind: (TensorInfo | undefined)[], repeats: Poly) => {
    const ir = body(name);
    const s = new Scope(ir, scope);
    ir.inputs.forEach((v, i) => s.set(v.name, bind[i]?.shape ? bind[i]! : fromDecl(v, a)));
    const start = a.reports.length;
    const outs = walk(a, s, {
      ...o,
      depth: o.depth + 1,
      repeats: o.repeats.mul(repeats),
      prefix: `${o.prefix}${node.name}/${name}/`,
    });
    return { outs, start, end: a.reports.length };
  };
  if (node.opType === "If") {
    const t = sub("then_branch", [], Poly.of(1));
    const e = sub("else_branch", [], Poly.of(1));
    const flops = (r: { start: number; end: number }) =>
      polySum(a.reports.slice(r.start, r.end).map((n) => n.flops)).evaluate({}, 1);
    const keep = flops(e) > flops(t) ? e : t;
    const drop = keep === t ? e : t;
    a.reports.splice(drop.start, drop.end - drop.start);
    return { outputs: keep.outs, costs: [] };
  }
  if (node.opType === "Loop") {
    const m = ctx.inputs[0]?.value?.[0];
    const trips = m && m.value !== undefined && m.value < 2 ** 53 ? m : a.fresh(`${node.name}_trips`);
    const carried = ctx.inputs.slice(2);
    const r = sub("body", [{ shape: [], dtype: INT64 }, { shape: [], dtype: 9 }, ...carried], trips);
    const finals = r.outs.slice(1, 1 + carried.length).map((t, i) => carried[i] ?? t);
    const scans = r.outs
      .slice(1 + carried.length)
      .map((t) => (t?.shape ? { dtype: t.dtype, shape: [trips, ...t.shape] } : t));
    return { outputs: [...finals, ...scans].map(strip), costs: [] };
  }
  const nScan = attrInt(node, "num_scan_inputs", 0);
  const states = ctx.inputs.slice(0, ctx.inputs.length - nScan);
  const scanned = ctx.inputs.slice(ctx.inputs.length - nScan);
  const axes = attrInts(node, "scan_input_axes") ?? scanned.map(() => 0);
  const first = scanned[0]?.shape;
  const ax0 = axes[0] ?? 0;
  const len = first?.[ax0 < 0 ? ax0 + first.length : ax0] ?? a.fresh(`${node.name}_len`);
  const slices = scanned.map((t, i) => {
    if (!t?.shape) return t;
    const ax = (axes[i] ?? 0) < 0 ? (axes[i] ?? 0) + t.shape.length : (axes[i] ?? 0);
    return { dtype: t.dtype, shape: t.shape.filter((_, j) => j !== ax) };
  });
  const r = sub("body", [...states, ...slices], len);
  const finals = r.outs.slice(0, states.length);
  const scans = r.outs
    .slice(states.length)
    .map((t) => (t?.shape ? { dtype: t.dtype, shape: [len, ...t.shape] } : t));
  return { outputs: [...finals, ...scans].map(strip), costs: [] };
}

const strip = (t: TensorInfo | undefined): TensorInfo | undefined =>
  t ? { dtype: t.dtype, ...(t.shape ? { shape: t.shape } : {}) } : t;
