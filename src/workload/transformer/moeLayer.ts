import type { LayerCost } from "../layerCost.js";
import { elementwiseOp, softmaxOp } from "../ops.js";
import { DROPOUT_FLOPS, MASK_BYTES } from "./activationFlops.js";
import { type MlpKind, mlpParams, mlpParts } from "./mlpParts.js";
import { routerOp } from "./routerOp.js";
import { combineOp, dispatchOp } from "./tokenRouting.js";

/** Shape and options of one mixture-of-experts feed-forward layer. */
export interface MoeOptions {
  name: string;
  /** Tokens in the micro-batch (batch × seq). */
  rows: number;
  hidden: number;
  /** Width of each expert's MLP. */
  ffn: number;
  mlp: MlpKind;
  bias: boolean;
  dropout: boolean;
  /** Routed experts in the layer. */
  experts: number;
  /** Experts each token is sent to. */
  topK: number;
  /** Experts every token always uses (DeepSeekMoE, Dai et al. 2024 §3.2), each as wide as a routed one. */
  sharedExperts: number;
  /** Expert capacity factor (Fedus et al. 2022 eq. 4); sizes the expert buffers, not the FLOPs. */
  capacityFactor: number;
  bytes: number;
}

/**
 * A mixture-of-experts layer (Shazeer et al. 2017; Lepikhin et al. 2021 GShard; Fedus et al. 2022
 * Switch; Jiang et al. 2024 Mixtral): gate GEMM (2·tokens·hidden·experts FLOP, see `routerOp`), softmax
 * over experts, the dispatch of each token to its experts (`dispatchOp`), the top-k experts' MLPs on the
 * tokens actually routed (topK × tokens rows; top-k selection itself is comparisons and not counted),
 * the weighted combine back into token order (`combineOp`, 2 FLOP per routed element),
 * the shared experts on every token, residual dropout and add.
 *
 * FLOPs count routed tokens, topK per token: tokens dropped or padded by the capacity limit are not
 * modelled. The capacity factor sizes the dispatched expert buffers, whose activations are kept:
 * experts·⌈capacityFactor·topK·tokens/experts⌉ token slots (GShard §2.2's expert capacity with top-k).
 * Kept activations: the router input (shared with the experts' input before dispatch), the router
 * probabilities, each slot's MLP activations (`mlpParts`), the expert outputs and routing weights for
 * the combine, the shared experts' MLP activations and the residual dropout mask.
 *
 * Params: all experts (`params`) versus the router, top-k and shared experts a token uses (`activeParams`).
 */
export function moeLayer(o: MoeOptions): LayerCost {
  const { rows, hidden: h, experts, topK, sharedExperts, dropout, bytes: e } = o;
  const routed = topK * rows;
  const routing = { rows, topK, hidden: h, bytes: e };
  const slots = experts * Math.ceil((o.capacityFactor * routed) / experts);
  const mlpShape = { hidden: h, ffn: o.ffn, mlp: o.mlp, bias: o.bias, bytes: e };
  const routedMlp = mlpParts({ ...mlpShape, rows: routed });
  const slotMlp = mlpParts({ ...mlpShape, rows: slots });
  const sharedMlp = sharedExperts > 0 ? mlpParts({ ...mlpShape, rows: sharedExperts * rows }) : undefined;
  const ops = [
    routerOp({ tokens: rows, hidden: h, experts, bytes: e }),
    softmaxOp({ rows, width: experts, bytes: e }),
    dispatchOp(routing),
    ...routedMlp.ops,
    combineOp(routing),
  ];
  if (sharedMlp) {
    ops.push(...sharedMlp.ops);
    ops.push(elementwiseOp({ elements: rows * h, flopsPerElement: 1, inputs: 2, bytes: e }));
  }
  if (dropout) ops.push(elementwiseOp({ elements: rows * h, flopsPerElement: DROPOUT_FLOPS, bytes: e }));
  ops.push(elementwiseOp({ elements: rows * h, flopsPerElement: 1, inputs: 2, bytes: e }));

  const expert = mlpParams(o);
  const router = h * experts;
  const kept =
    e * rows * h +
    e * rows * experts +
    slotMlp.storedBytes +
    e * slots * (h + 1) +
    (sharedMlp?.storedBytes ?? 0) +
    (dropout ? MASK_BYTES * rows * h : 0);
  return {
    name: o.name,
    kind: "moe",
    params: router + (experts + sharedExperts) * expert,
    activeParams: router + (topK + sharedExperts) * expert,
    embeddingParams: 0,
    ops,
    activationBytes: { none: kept, selective: kept, full: 0 },
    // the experts' linear inputs (the router's, in 16 bits under fp8 recipes, is not counted)
    linearInputBytes: {
      first: 0,
      rest:
        slotMlp.linearInputBytes.first +
        slotMlp.linearInputBytes.rest +
        (sharedMlp ? sharedMlp.linearInputBytes.first + sharedMlp.linearInputBytes.rest : 0),
    },
    selectiveRecomputeFlops: 0,
  };
}
