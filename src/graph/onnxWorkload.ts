import { InputError } from "../units/InputError.js";
import { formatBytes } from "../units/formatBytes.js";
import { formatNumber } from "../units/formatNumber.js";
import type { ExecutionInput } from "../workload/execution.js";
import type { StepCost } from "../workload/stepCost.js";
import { analyzeOnnx, type GraphAnalysis } from "./analyzeGraph.js";
import { printable } from "./constTensor.js";
import { type GraphStep, type GraphStepOptions, graphStep } from "./graphStep.js";

/** Options of {@link onnxWorkload}. */
export interface OnnxWorkloadOptions {
  dims?: Record<string, number>;
  execution?: Omit<ExecutionInput, "batch" | "seq">;
  /** Fail (InputError) when an operator has no cost rule or a node could not be shaped. */
  strict?: boolean;
  /** Include every node in `byNode` (the CLI's --by-op). */
  byOp?: boolean;
  /** Suggests the intended name for a misspelt `--dim` (see {@link GraphStepOptions}). */
  closestName?: GraphStepOptions["closestName"];
}

/** The `scalecast workload model.onnx` result: the analytic step JSON plus `unknownOps` and `symbolic`. */
export interface OnnxWorkload {
  analysis: GraphAnalysis;
  result: GraphStep;
  step: StepCost;
  /** The JSON document the CLI prints. */
  json: Record<string, unknown>;
  /** Text lines after the step summary (graph numbers, unknown ops, optional per-node table). */
  text: string;
  /**
   * What makes the totals incomplete, one line each (also in `json.warnings`): nodes whose shapes could
   * not be inferred and operators without a cost rule. The CLI prints them on stderr; --strict fails.
   */
  warnings: string[];
}

/** Parse `--dim name=value` options (one string or several; each may hold a comma-separated list). */
export function parseDims(raw: string | string[] | undefined): Record<string, number> {
  const list = (raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]).flatMap((d) =>
    d.split(/,(?=[^,=]+=)/),
  );
  const out: Record<string, number> = {};
  for (const d of list) {
    const m = /^\s*([^=\s]+)\s*=\s*([0-9][0-9_,.eE+]*)\s*$/.exec(d);
    const v = m ? Number(m[2]!.replace(/[_,]/g, "")) : NaN;
    // a dimension is a size: a whole number (batch=0.5 was accepted, issue 16)
    if (!m || !(Number.isInteger(v) && v > 0))
      throw new InputError("--dim", d, "name=value with a positive whole number, e.g. batch=32");
    out[m[1]!] = v;
  }
  return out;
}

/** Graph totals: 4 significant figures, exponent form from 1e6 (src/units formatNumber). */
const g4 = (x: number) => formatNumber(x, 4);

/** Analyse ONNX bytes and assemble the workload report (pure: the caller reads the file). */
export function onnxWorkload(bytes: Uint8Array, name: string, o: OnnxWorkloadOptions = {}): OnnxWorkload {
  const analysis = analyzeOnnx(bytes, { field: name });
  const unknown = Object.entries(analysis.unknownOps);
  const warnings = graphWarnings(analysis);
  if (o.strict && warnings.length)
    throw new InputError(
      "--strict",
      warnings[0],
      "a graph whose every operator has a cost rule and an inferred shape",
    );
  const result = graphStep(analysis, {
    ...(o.dims ? { dims: o.dims } : {}),
    ...(o.execution ? { execution: o.execution } : {}),
    ...(o.closestName ? { closestName: o.closestName } : {}),
  });
  const { layers: _layers, ...step } = result.step;
  const s = (p: { toString(): string }) => p.toString();
  const symbolic = {
    symbols: analysis.symbols,
    unknownDims: analysis.unknownDims,
    dims: result.dims,
    unbound: result.unbound,
    params: s(analysis.params),
    forwardFlops: s(analysis.forwardFlops),
    macs: s(analysis.macs),
    bytesAccessed: s(analysis.bytesAccessed),
    activationBytes: s(analysis.activationBytes),
    weightBytes: s(analysis.weightBytes),
    ioBytes: s(analysis.ioBytes),
  };
  const counts = { nodes: analysis.nodes.length, costed: 0, free: 0, "unknown-op": 0, "unknown-shape": 0 };
  for (let i = 0; i < analysis.nodes.length; i++) counts[analysis.nodes[i]!.status]++;
  // every node's polynomials as text: built only when asked for (--by-op), 5 strings per node
  const byNode = (o.byOp ? analysis.nodes : []).map((n) => ({
    name: n.name,
    opType: n.opType,
    status: n.status,
    params: s(n.params),
    flops: s(n.flops),
    macs: s(n.macs),
    bytesRead: s(n.bytesRead),
    bytesWritten: s(n.bytesWritten),
    ...(n.reason ? { reason: n.reason } : {}),
  }));
  const json: Record<string, unknown> = {
    model: name,
    format: "onnx",
    ...step,
    graph: { name: analysis.graphName, opsets: analysis.opsets, ...counts, ...result.graph },
    warnings,
    unknownOps: analysis.unknownOps,
    uncosted: analysis.uncosted,
    symbolic,
    ...(o.byOp ? { byNode } : {}),
  };
  const gr = result.graph;
  const lines = [
    "",
    `graph      ${counts.nodes} nodes: ${counts.costed} costed, ${counts.free} free (views, constants), ${counts["unknown-op"]} unknown op, ${counts["unknown-shape"]} unshaped`,
    `           ${g4(gr.params)} params, ${g4(gr.macs)} MACs, ${g4(gr.forwardFlops)} forward FLOP, ${g4(gr.bytesAccessed)} bytes (graph dtypes)`,
    `           weights ${formatBytes(gr.weightBytes)}, activations ${formatBytes(gr.activationBytes)}, IO ${formatBytes(gr.ioBytes)}, peak ${formatBytes(gr.footprint.peakBytes)} (${gr.footprint.order} order)`,
    `symbolic   forward FLOP = ${symbolic.forwardFlops}`,
    `           params = ${symbolic.params}`,
  ];
  if (result.unbound.length)
    lines.push(
      `           unbound symbols taken as 1: ${result.unbound.join(", ")} (set with --dim name=value)`,
    );
  if (unknown.length)
    lines.push(
      `unknownOps ${unknown.map(([k, v]) => `${printable(k)} x${v}`).join(", ")} (not costed; --strict fails)`,
    );
  if (o.byOp) {
    lines.push("", ["node", "op", "status", "params", "forward FLOP", "bytes"].join("\t"));
    for (const n of byNode)
      lines.push(
        [n.name, n.opType, n.status, n.params, n.flops, `${n.bytesRead} + ${n.bytesWritten}`].join("\t"),
      );
  }
  return { analysis, result, step: result.step, json, text: lines.join("\n"), warnings };
}

/** One line per reason the graph's totals are incomplete (issue 16: never a silent partial count). */
function graphWarnings(a: GraphAnalysis): string[] {
  const out: string[] = [];
  const total = a.nodes.length;
  if (a.uncosted.length) {
    const first = a.uncosted[0]!;
    out.push(
      `${a.uncosted.length} of ${total} nodes could not be shaped, so their FLOP, bytes and memory are missing from every total (first: ${printable(first.name)} ${printable(first.opType)}: ${printable(first.reason)}); --strict fails`,
    );
  }
  const unknown = Object.entries(a.unknownOps);
  if (unknown.length) {
    const count = unknown.reduce((s, [, v]) => s + v, 0);
    const ops = unknown.slice(0, 5).map(([k, v]) => `${printable(k)} x${v}`);
    if (unknown.length > 5) ops.push("...");
    out.push(
      `${count} of ${total} nodes have operators without a cost rule (${ops.join(", ")}), not counted in any total; --strict fails`,
    );
  }
  return out;
}
