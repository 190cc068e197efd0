import type { LayerKind } from "../workload/layerCost.js";
import type { CostTerm } from "./costTerm.js";
import type { Poly } from "./poly.js";

/** How a node was treated. */
export type NodeStatus =
  | "costed" // a rule gave its shapes and cost
  | "free" // a view, a constant, or arithmetic on constants folded at export time: no cost
  | "unknown-op" // no rule for the operator: listed in unknownOps, never counted as 0 silently
  | "unknown-shape"; // a rule exists but its input shapes could not be inferred

/** Per-node result of the analysis: every count a polynomial in the free dimensions. */
export interface NodeReport {
  name: string;
  opType: string;
  domain: string;
  status: NodeStatus;
  /** Why a node is not costed. */
  reason?: string;
  /** Nesting depth: 0 in the main graph, 1 inside an If/Loop/Scan body, … */
  depth: number;
  inputs: string[];
  outputs: string[];
  /** Trained parameters this node is the first consumer of. */
  params: Poly;
  /** Of which embedding tables (a Gather from a weight). */
  embeddingParams: Poly;
  /** The op rules it maps to (forward cost of one execution). */
  costs: CostTerm[];
  /** Executions per forward pass (a Loop/Scan body's trip count; 1 elsewhere). */
  repeats: Poly;
  /** Forward FLOP (repeats included). */
  flops: Poly;
  /** Multiply-accumulates of GEMMs and convolutions (repeats included). */
  macs: Poly;
  /** Bytes of the input tensors read, at the graph's element types (repeats included). */
  bytesRead: Poly;
  /** Bytes of the output tensors written (repeats included). */
  bytesWritten: Poly;
  /** Layer kind for the training-step breakdown. */
  kind: LayerKind;
}
