import { decodeGraph, decodeModel } from "./decodeModel.js";
import { inlineFunctions } from "./inlineFunctions.js";
import type { IrGraph, IrModel } from "./graphIr.js";
import { walkGraph } from "./inferGraph.js";
import type { NodeReport } from "./nodeReport.js";
import { Poly, polySum } from "./poly.js";
import { Analysis, fromDecl, Scope, tensorBytes } from "./scope.js";
import type { TensorInfo } from "./tensorInfo.js";

/**
 * Symbolic analysis of an ONNX graph, Catamount's graph-level quantities (Hestness et al., PPoPP 2019,
 * §3; github.com/baidu-research/catamount, `Graph.calcAlgFlops`, `calcAlgBytes`, `calcAlgFootprint`,
 * `calcAlgIO`): every count a polynomial in the graph's free dimensions.
 */
export interface GraphAnalysis {
  graphName: string;
  /** Opset version per domain ("" is ai.onnx). */
  opsets: Record<string, number>;
  /** One report per node, main graph and bodies, in the order analysed. */
  nodes: NodeReport[];
  /** Graph inputs that are not initializers, and outputs, with their tensors. */
  inputs: { name: string; tensor: TensorInfo }[];
  outputs: { name: string; tensor: TensorInfo }[];
  /** Named free dimensions (dim_param) of the graph's declarations. */
  symbols: string[];
  /** Symbols made for dimensions that could not be inferred (data-dependent sizes). */
  unknownDims: string[];
  /** Trained parameters: floating-point constants (initializers, Constant, ConstantOfShape) of > 1 element. */
  params: Poly;
  embeddingParams: Poly;
  /** Parameters used by no costed node (counted in `params`, reported under a "constants" layer). */
  unattributedParams: Poly;
  /** Bytes of every constant (weights and buffers) at its element type. */
  weightBytes: Poly;
  forwardFlops: Poly;
  macs: Poly;
  /** Bytes read and written by all nodes (Catamount's algorithmic bytes). */
  bytesAccessed: Poly;
  /** Bytes of every tensor computed by a non-view node (Catamount's algorithmic footprint less weights). */
  activationBytes: Poly;
  /** Bytes of the graph inputs and outputs (Catamount's IO footprint). */
  ioBytes: Poly;
  /** Operators with no cost rule and how many nodes use each. */
  unknownOps: Record<string, number>;
  /** Nodes with a rule whose shapes could not be inferred. */
  uncosted: { name: string; opType: string; reason: string }[];
  /**
   * The main graph's tensors by number: graph inputs, initializers and node outputs (each tensor's
   * bytes and elements are `tensorBytes` and `numel` of its info, a constant has a `constSource`).
   */
  tensors: readonly TensorInfo[];
  /** Their names, by number. */
  tensorNames: readonly string[];
  /** Number of a main-graph tensor by name, or −1. */
  tensorId(name: string): number;
  /**
   * The main graph's nodes (the depth-0 entries of `nodes`, in order) as tensor numbers: node k's inputs
   * then its outputs (−1 for an omitted one) start at `start[k]` in `ids`.
   */
  mainGraph: { start: Int32Array; ids: Int32Array };
}

/** Options of {@link analyzeModel}. */
export interface AnalyzeOptions {
  /** Field named in errors (e.g. the file name). */
  field?: string;
}

/** Analyse a decoded model (see {@link decodeModel}). */
export function analyzeModel(model: IrModel, { field = "model" }: AnalyzeOptions = {}): GraphAnalysis {
  const opsets = new Map(model.opsets);
  if (!opsets.has("")) opsets.set("", 1);
  const toIr = (g: Uint8Array, f: string): IrGraph => {
    const ir = decodeGraph(g, f);
    ir.nodes = inlineFunctions(ir.nodes, model.functions);
    return ir;
  };
  const root = { ...model.graph, nodes: inlineFunctions(model.graph.nodes, model.functions) };
  const a = new Analysis(opsets);
  const scope = new Scope(root, undefined);
  const inputs = root.inputs.filter((v) => !root.initializers.has(v.name));
  for (const v of inputs) scope.set(v.name, fromDecl(v, a));
  walkGraph(a, scope, { depth: 0, repeats: Poly.of(1), prefix: "", field: `${field}.graph`, toIr });
  const used = [...a.sources.values()].filter((s) => s.claimed || (s.used && a.isParam(s)));
  const live = a.reports.filter((n) => n.status !== "free");
  const io = [...inputs.map((v) => v.name), ...root.outputs.map((v) => v.name)];
  // a symbol of an unknown dimension starts with "?": only fresh symbols do, unless a file names one so
  const unknownDims = new Set<string>();
  if (a.freshSymbols > 0 || [...a.symbols].some((s) => s.startsWith("?")))
    for (const n of a.reports)
      for (const s of [...n.flops.symbols(), ...n.bytesWritten.symbols()])
        if (s.startsWith("?")) unknownDims.add(s);
  return {
    graphName: root.name,
    opsets: Object.fromEntries(opsets),
    nodes: a.reports,
    inputs: inputs.map((v) => ({ name: v.name, tensor: scope.get(v.name)! })),
    outputs: root.outputs.map((v) => ({ name: v.name, tensor: scope.get(v.name) ?? fromDecl(v, a) })),
    symbols: [...a.symbols].sort(),
    unknownDims: [...unknownDims].sort(),
    params: polySum(used.map((s) => s.elements)),
    embeddingParams: polySum(a.reports.map((n) => n.embeddingParams)),
    unattributedParams: polySum(used.filter((s) => !s.claimed).map((s) => s.elements)),
    weightBytes: polySum(
      [...a.sources.values()].map((s) => tensorBytes({ shape: [s.elements], dtype: s.dtype })),
    ),
    forwardFlops: polySum(a.reports.map((n) => n.flops)),
    macs: polySum(a.reports.map((n) => n.macs)),
    bytesAccessed: bytesAccessed(live),
    activationBytes: polySum(live.map((n) => n.bytesWritten)),
    ioBytes: polySum(io.map((n) => tensorBytes(scope.get(n)))),
    unknownOps: Object.fromEntries([...a.unknownOps].sort()),
    uncosted: a.reports
      .filter((n) => n.status === "unknown-shape")
      .map((n) => ({ name: n.name, opType: n.opType, reason: n.reason ?? "" })),
    // every value is bound once the walk is done (reserved outputs included)
    tensors: scope.infos as TensorInfo[],
    tensorNames: scope.names,
    tensorId: scope.idLookup(),
    mainGraph: a.mainGraph,
  };
}

/** Σ bytes read and written by the nodes: one sum over both lists (no per-node partial sums). */
function bytesAccessed(nodes: readonly NodeReport[]): Poly {
  const parts: Poly[] = [];
  for (let i = 0; i < nodes.length; i++) parts.push(nodes[i]!.bytesRead, nodes[i]!.bytesWritten);
  return polySum(parts);
}

/** Decode and analyse ONNX bytes (the .onnx file only; external weights are never read). */
export function analyzeOnnx(bytes: Uint8Array, options: AnalyzeOptions = {}): GraphAnalysis {
  return analyzeModel(decodeModel(bytes, options.field), options);
}
