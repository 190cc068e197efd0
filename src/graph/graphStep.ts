import { InputError } from "../units/InputError.js";
import { assembleStep } from "../workload/assembleStep.js";
import type { ExecutionInput } from "../workload/execution.js";
import type { LayerCost } from "../workload/layerCost.js";
import { ACTIVATION_BYTES, type Precision } from "../workload/precision.js";
import type { StepCost } from "../workload/stepCost.js";
import type { GraphAnalysis } from "./analyzeGraph.js";
import { type Footprint, minimalFootprint } from "./footprint.js";
import { printable } from "./constTensor.js";
import { resolveExecution } from "./graphExecution.js";
import type { NodeReport } from "./nodeReport.js";
import type { Poly } from "./poly.js";
import { SharedCosts } from "./sharedCosts.js";
import { numel } from "./tensorInfo.js";

/** Options of {@link graphStep}. */
export interface GraphStepOptions {
  /** Values of the free dimensions, e.g. { batch: 32, sequence: 2048 }; unbound symbols take 1. */
  dims?: Readonly<Record<string, number>>;
  /** Precision, optimizer, recompute, gradients (batch and seq come from the dims). */
  execution?: Omit<ExecutionInput, "batch" | "seq">;
  /**
   * The likely intended name for a `--dim` name the graph lacks (the CLI passes its edit-distance
   * `closest`, src/cli/closest.ts); default none.
   */
  closestName?: (name: string, names: readonly string[]) => string | undefined;
}

/** A graph's training step with its dimensions bound, plus the graph-level numbers. */
export interface GraphStep {
  step: StepCost;
  /** The dimension values used, and the symbols that were not given (taken as 1). */
  dims: Record<string, number>;
  unbound: string[];
  /** Graph-level quantities at the graph's own element types. */
  graph: {
    params: number;
    forwardFlops: number;
    macs: number;
    bytesAccessed: number;
    activationBytes: number;
    weightBytes: number;
    ioBytes: number;
    footprint: Footprint & { peakBytes: number };
  };
}

const BATCH = /^(batch|batch_size|batchsize|n|b|bs)$/i;
const SEQ = /^(seq|sequence|seq_len|sequence_length|seqlen|tokens?|s|t)$/i;

/**
 * A count that evaluates below zero comes from a symbolic size (a convolution's `d − 2`) at a value too
 * small for the graph, usually an unbound symbol taken as 1: an InputError naming the node and the
 * symbols, never a negative FLOP count printed as a result.
 */
function checkNonNegative(n: NodeReport, ev: (p: Poly) => number, unbound: string[]): void {
  // a polynomial with no negative coefficient is ≥ 0 at positive dimensions: no evaluation needed
  const ok = (p: Poly) => p.hasNoNegativeCoefficient() || ev(p) >= 0;
  if (ok(n.flops) && ok(n.bytesRead) && ok(n.bytesWritten) && ok(n.params)) return;
  const counts: [string, Poly][] = [
    ["forward FLOP", n.flops],
    ["bytes read", n.bytesRead],
    ["bytes written", n.bytesWritten],
    ["parameters", n.params],
  ];
  for (const [what, p] of counts) {
    const v = ev(p);
    if (!(v < 0)) continue;
    const taken = unbound.filter((s) => p.symbols().includes(s));
    throw new InputError(
      `node ${printable(n.name)}`,
      `${what} ${p.toString()} = ${v}${taken.length ? ` with ${taken.join(", ")} taken as 1` : ""}`,
      "non-negative counts (bind the graph's free dimensions to real sizes with --dim name=value)",
    );
  }
}

/**
 * One training step of an analysed graph: each costed node becomes a LayerCost whose ops are the
 * workload's rules (src/workload/ops.ts, forward and backward), and {@link assembleStep} adds gradients,
 * optimizer state, recompute and buffers exactly as for analytic models. Activations kept for backward
 * are the inputs of nodes that do arithmetic (each tensor once, at its first such consumer) at the
 * execution's activation precision; data movement keeps nothing. Each node is its own checkpoint unit.
 * The batch is the symbol named batch (batch_size, N, …) and the sequence the one named sequence
 * (seq_len, …); with a sequence symbol FLOP are reported per token, else per sample.
 */
export function graphStep(
  a: GraphAnalysis,
  { dims = {}, execution = {}, closestName = () => undefined }: GraphStepOptions = {},
): GraphStep {
  const symbols = [...new Set([...a.symbols, ...a.unknownDims])];
  for (const [k, v] of Object.entries(dims)) {
    if (!(Number.isFinite(v) && v > 0)) throw new InputError(`--dim ${k}`, v, "a positive number");
    // a misspelt name (--dim bacth=32) would otherwise be ignored and its symbol taken as 1
    if (!symbols.includes(k)) {
      const guess = closestName(k, symbols);
      throw new InputError(
        "--dim",
        k,
        symbols.length
          ? `one of the graph's free dimensions: ${symbols.map(printable).join(", ")}${guess ? ` (did you mean ${printable(guess)}?)` : ""}`
          : "no --dim: this graph has no free dimensions",
      );
    }
  }
  const bound: Record<string, number> = {};
  for (const s of symbols) bound[s] = Object.hasOwn(dims, s) ? dims[s]! : 1;
  const ev = (p: Poly) => p.evaluate(bound, 1);
  const batchSym = a.symbols.find((s) => BATCH.test(s));
  const seqSym = a.symbols.find((s) => SEQ.test(s));
  const firstDim = a.inputs[0]?.tensor.shape?.[0]?.value;
  const batch = batchSym ? bound[batchSym]! : (firstDim ?? 1);
  const seq = seqSym ? bound[seqSym]! : 1;
  const exec = resolveExecution({
    ...execution,
    batch: Math.max(1, Math.round(batch)),
    seq: Math.max(1, Math.round(seq)),
  });
  const bytes = ACTIVATION_BYTES[exec.precision as Precision];
  // tensors kept for backward, by main-graph tensor number (each once, at its first arithmetic consumer)
  const saved = new Uint8Array(a.tensors.length);
  const layers: LayerCost[] = [];
  const { start, ids } = a.mainGraph;
  const unbound = symbols.filter((s) => !Object.hasOwn(dims, s));
  const shared = new SharedCosts();
  let k = -1; // index of the current node among the main graph's
  for (let i = 0; i < a.nodes.length; i++) {
    const n = a.nodes[i]!;
    if (n.depth === 0) k++;
    checkNonNegative(n, ev, unbound);
    if (n.status !== "costed" || (n.costs.length === 0 && n.params.isZero())) continue;
    const r = ev(n.repeats);
    const ops = shared.ops(n.costs, ev, bytes, r);
    let keep = 0;
    if (ops.some((o) => o.forwardFlops > 0))
      for (let j = 0; j < n.inputs.length; j++) {
        // a body node's inputs are looked up by name among the main graph's (its own are not kept)
        const id = n.depth === 0 ? ids[start[k]! + j]! : n.inputs[j] ? a.tensorId(n.inputs[j]!) : -1;
        if (id < 0 || saved[id]) continue;
        const t = a.tensors[id]!;
        const p = numel(t);
        if (!p || t.constSource !== undefined) continue;
        saved[id] = 1;
        keep += ev(p) * bytes;
      }
    const params = ev(n.params);
    layers.push({
      name: n.name,
      kind: n.kind,
      params,
      activeParams: params,
      embeddingParams: ev(n.embeddingParams),
      ops,
      activationBytes: shared.kept(keep),
      selectiveRecomputeFlops: 0,
    });
  }
  const extra = ev(a.unattributedParams);
  if (extra > 0)
    layers.push({
      name: "constants",
      kind: "other",
      params: extra,
      activeParams: extra,
      embeddingParams: 0,
      ops: [],
      activationBytes: { none: 0, selective: 0, full: 0 },
      selectiveRecomputeFlops: 0,
    });
  const step = assembleStep("layers", seqSym ? "token" : "sample", layers, { ...exec, seq: exec.seq ?? 1 });
  const fp = minimalFootprint(a, ev);
  const weightBytes = ev(a.weightBytes);
  return {
    step,
    dims: bound,
    unbound,
    graph: {
      params: ev(a.params),
      forwardFlops: ev(a.forwardFlops),
      macs: ev(a.macs),
      bytesAccessed: ev(a.bytesAccessed),
      activationBytes: ev(a.activationBytes),
      weightBytes,
      ioBytes: ev(a.ioBytes),
      footprint: { ...fp, peakBytes: weightBytes + fp.peakActivationBytes },
    },
  };
}
