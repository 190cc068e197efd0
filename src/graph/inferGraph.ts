import { InputError } from "../units/InputError.js";
import type { LayerKind } from "../workload/layerCost.js";
import { controlFlow } from "./controlFlow.js";
import { termForwardFlops, termKind, termMacs } from "./costTerm.js";
import type { IrGraph, IrNode } from "./graphIr.js";
import type { NodeReport } from "./nodeReport.js";
import { type OpContext, type OpResult, ShapeUnknown } from "./opContext.js";
import { FREE_OPS, opRule } from "./opRules.js";
import { Poly, polySum } from "./poly.js";
import { planWalk, type WalkPlan } from "./planWalk.js";
import { type Analysis, fromDecl, Scope, tensorBytes } from "./scope.js";
import type { TensorInfo } from "./tensorInfo.js";

/** Deepest nesting of If/Loop/Scan bodies analysed. */
const MAX_DEPTH = 16;
const CONTROL_FLOW = new Set(["If", "Loop", "Scan"]);
const LAYER_KIND: Record<string, LayerKind> = {
  matmul: "linear",
  "batched-matmul": "attention",
  conv: "conv",
  embedding: "embedding",
  norm: "norm",
  softmax: "attention",
  elementwise: "other",
  pool: "pool",
  router: "other",
};

/** Options of one (sub)graph walk. */
export interface WalkOptions {
  depth: number;
  repeats: Poly;
  prefix: string;
  field: string;
  /** Decodes a subgraph (a GraphProto's bytes) to IR, functions inlined. */
  toIr(g: Uint8Array, field: string): IrGraph;
}

const isConst = (t: TensorInfo | undefined) =>
  t !== undefined && (t.constSource !== undefined || t.value !== undefined);

/**
 * Infer shapes and costs of `graph` in `scope` (whose graph inputs are already bound), appending one
 * NodeReport per node to `a.reports` in a topological order. Returns the infos of the graph's outputs.
 */
export function walkGraph(a: Analysis, scope: Scope, o: WalkOptions): (TensorInfo | undefined)[] {
  if (o.depth > MAX_DEPTH)
    throw new InputError(o.field, o.depth, `subgraphs nested at most ${MAX_DEPTH} deep`);
  const g = scope.graph;
  for (const [name, c] of g.initializers) {
    const t: TensorInfo = { shape: c.dims.map(Poly.of), dtype: c.dtype, constSource: name };
    if (c.values && c.values.length <= 64) t.value = c.values.map(Poly.of);
    scope.set(name, t);
    a.addSource(name, t);
  }
  const plan = planWalk(g, scope, o.field);
  for (let k = 0; k < plan.order.length; k++) {
    const i = plan.order[k]!;
    walkNode(a, scope, g.nodes[i]!, plan.inStart[i]!, plan.outStart[i]!, plan, o);
  }
  if (o.depth === 0) a.mainGraph = mainSlots(plan);
  return g.outputs.map((v) => scope.get(v.name) ?? fromDecl(v, a));
}

/** Walk one node, whose inputs' and outputs' scope numbers are in `plan` from `inAt` and `outAt`. */
function walkNode(
  a: Analysis,
  scope: Scope,
  node: IrNode,
  inAt: number,
  outAt: number,
  plan: WalkPlan,
  o: WalkOptions,
): void {
  const main = o.depth === 0;
  // lists of known length are allocated at it (push would reserve 17 slots for a node's one or two)
  const inputs = new Array<TensorInfo | undefined>(node.inputs.length);
  for (let i = 0; i < inputs.length; i++) {
    const n = node.inputs[i]!;
    if (!main) inputs[i] = n === "" ? undefined : scope.get(n);
    else {
      // an own value (the main graph has no enclosing one), bound: its producer was walked first
      const id = plan.inIds[inAt + i]!;
      inputs[i] = id < 0 ? undefined : scope.infos[id];
    }
  }
  const ctx: OpContext = {
    node,
    inputs,
    opset: a.opsets.get(node.domain) ?? (node.domain === "" ? 21 : 1),
    fresh: a.freshOf,
  };
  const report: NodeReport = {
    name: o.prefix + node.name,
    opType: node.opType,
    domain: node.domain,
    status: "costed",
    depth: o.depth,
    inputs: node.inputs,
    outputs: node.outputs,
    params: Poly.of(0),
    embeddingParams: Poly.of(0),
    costs: [],
    repeats: o.repeats,
    flops: Poly.of(0),
    macs: Poly.of(0),
    bytesRead: Poly.of(0),
    bytesWritten: Poly.of(0),
    kind: "other",
  };
  a.reports.push(report);
  let result: OpResult | undefined;
  const rule = opRule(node.domain, node.opType);
  try {
    if (CONTROL_FLOW.has(node.opType) && node.domain === "")
      result = controlFlow(a, scope, node, ctx, o, walkGraph);
    else if (rule) result = rule(ctx);
    else {
      report.status = "unknown-op";
      a.unknownOps.set(key(node), (a.unknownOps.get(key(node)) ?? 0) + 1);
    }
  } catch (e) {
    if (!(e instanceof ShapeUnknown)) throw e;
    report.status = "unknown-shape";
    report.reason = e.message;
  }
  // every (non-omitted) input a constant: the node was folded at export time and costs nothing
  let folded = result !== undefined;
  let anyInput = false;
  for (let i = 0; folded && i < inputs.length; i++) {
    if (node.inputs[i] === "") continue;
    anyInput = true;
    if (!isConst(inputs[i])) folded = false;
  }
  folded &&= anyInput;
  const source = node.opType === "Constant" || node.opType === "ConstantOfShape";
  const outs = new Array<TensorInfo | undefined>(node.outputs.length);
  for (let j = 0; j < node.outputs.length; j++) {
    const name = node.outputs[j]!;
    if (!name) {
      outs[j] = undefined;
      continue;
    }
    const r = result?.outputs[j];
    // the rule's shape, else the file's declaration (value_info or a graph output)
    const d = r?.shape ? undefined : scope.declared.get(name);
    const decl = d ? fromDecl(d, a) : undefined;
    const constSource = source
      ? name
      : folded
        ? inputs.find((x) => x?.constSource !== undefined)?.constSource
        : undefined;
    // one object shape for every tensor (shape, dtype, value, constSource), some undefined; a rule
    // that knows its output's element count (pointwise) passes it on
    const t: TensorInfo = {
      shape: decl ? decl.shape : r?.shape,
      dtype: decl ? decl.dtype : (r?.dtype ?? 0),
      value: r?.value,
      constSource,
      elements: decl ? undefined : r?.elements,
      bytes: undefined,
    };
    if (source || (folded && constSource === undefined && t.value === undefined)) a.addSource(name, t);
    scope.bind(plan.outIds[outAt + j]!, t);
    outs[j] = t;
  }
  report.bytesRead = bytesOf(inputs).mul(o.repeats);
  report.bytesWritten = bytesOf(outs).mul(o.repeats);
  if (!result) return;
  const buffers = result.buffers;
  for (let i = 0; i < inputs.length; i++) {
    const t = inputs[i];
    if (t?.constSource === undefined || buffers?.includes(i)) continue;
    const s = a.sources.get(t.constSource);
    if (s) s.used = true;
  }
  if (folded || source || FREE_OPS.has(node.opType) || CONTROL_FLOW.has(node.opType)) {
    report.status = "free";
    return;
  }
  for (let i = 0; i < inputs.length; i++) {
    const t = inputs[i];
    const s = t?.constSource === undefined || buffers?.includes(i) ? undefined : a.sources.get(t.constSource);
    if (!s || s.claimed || !(a.isParam(s) || (result.weights?.includes(i) && s.elements.value === 1)))
      continue;
    s.claimed = true;
    report.params = report.params.add(s.elements);
    if (result.embedding) report.embeddingParams = report.embeddingParams.add(s.elements);
  }
  report.costs = result.costs;
  report.kind = result.kind ?? (result.costs[0] ? LAYER_KIND[termKind(result.costs[0])]! : "other");
  // one cost term (the common case) needs no list and no sum
  const costs = result.costs;
  const one = costs.length === 1 ? costs[0]! : undefined;
  report.flops = (one ? termForwardFlops(one) : polySum(costs.map(termForwardFlops))).mul(o.repeats);
  report.macs = (one ? termMacs(one) : polySum(costs.map(termMacs))).mul(o.repeats);
}

/**
 * The main graph's nodes in walk order as tensor numbers (GraphAnalysis `mainGraph`): each node's
 * inputs, then its outputs, copied from the plan's lookups into arrays of their final size.
 */
function mainSlots(plan: WalkPlan): { start: Int32Array; ids: Int32Array } {
  const n = plan.order.length;
  const start = new Int32Array(n + 1);
  const ids = new Int32Array(plan.inIds.length + plan.outIds.length);
  let at = 0;
  for (let k = 0; k < n; k++) {
    const i = plan.order[k]!;
    for (let j = plan.inStart[i]!; j < plan.inStart[i + 1]!; j++) ids[at++] = plan.inIds[j]!;
    for (let j = plan.outStart[i]!; j < plan.outStart[i + 1]!; j++) ids[at++] = plan.outIds[j]!;
    start[k + 1] = at;
  }
  return { start, ids };
}

/** Σ bytes of tensors (one or two tensors need no list). */
function bytesOf(ts: (TensorInfo | undefined)[]): Poly {
  if (ts.length === 1) return tensorBytes(ts[0]);
  if (ts.length === 2) return tensorBytes(ts[0]).add(tensorBytes(ts[1]));
  const parts: Poly[] = [];
  for (const t of ts) parts.push(tensorBytes(t));
  return polySum(parts);
}

const key = (n: IrNode) => (n.domain ? `${n.domain}::${n.opType}` : n.opType);
