import type { OpCost } from "../layerCost.js";

/** Shape of one MoE layer's token routing over the micro-batch. */
export interface RoutingShape {
  /** Tokens in the micro-batch. */
  rows: number;
  /** Experts each token is sent to. */
  topK: number;
  hidden: number;
  /** Bytes per activation element. */
  bytes: number;
}

/**
 * Dispatch: every token's hidden vector copied into expert order, once per chosen expert (a gather of
 * topK·rows rows; Megatron-Core's `permute` in transformer/moe/moe_utils.py, GShard's dispatch). No
 * FLOP. Forward reads and writes topK·rows·hidden elements; backward scatters the routed gradients back
 * (reads topK·rows·hidden, writes rows·hidden, summing the topK copies).
 */
export function dispatchOp(o: RoutingShape): OpCost {
  const routed = o.topK * o.rows * o.hidden * o.bytes;
  const tokens = o.rows * o.hidden * o.bytes;
  return {
    kind: "elementwise",
    forwardFlops: 0,
    backwardInputFlops: (o.topK - 1) * o.rows * o.hidden,
    backwardWeightFlops: 0,
    forwardBytes: { read: routed, written: routed },
    backwardBytes: { read: routed, written: tokens },
  };
}

/**
 * Combine: y = Σₖ pₖ·xₖ, each token's topK expert outputs weighted by their routing probabilities and
 * summed back into token order (Megatron-Core's `unpermute`; Fedus et al. 2022 eq. 2). Forward 2 FLOP
 * per routed element, reads the routed outputs and probabilities, writes rows·hidden. Backward
 * dxₖ = pₖ·dy and dpₖ = dy·xₖ (4 FLOP per routed element): reads dy, the routed outputs and
 * probabilities, writes the routed gradients and the probabilities' gradients.
 */
export function combineOp(o: RoutingShape): OpCost {
  const routedElements = o.topK * o.rows * o.hidden;
  const routed = routedElements * o.bytes;
  const tokens = o.rows * o.hidden * o.bytes;
  const probabilities = o.topK * o.rows * o.bytes;
  return {
    kind: "elementwise",
    forwardFlops: 2 * routedElements,
    backwardInputFlops: 4 * routedElements,
    backwardWeightFlops: 0,
    forwardBytes: { read: routed + probabilities, written: tokens },
    backwardBytes: { read: tokens + routed + probabilities, written: routed + probabilities },
  };
}
