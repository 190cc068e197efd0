import type { LayerCost } from "../layerCost.js";
import { elementwiseOp } from "../ops.js";
import { DROPOUT_FLOPS, MASK_BYTES } from "./activationFlops.js";
import { type MlpKind, mlpParams, mlpParts } from "./mlpParts.js";

/**
 * A dense feed-forward layer of a transformer block: the MLP of {@link mlpParts}, then residual dropout
 * (when modelled) and the residual add, over `rows` = batch × seq tokens. Activation bytes are the
 * MLP's (Korthikanti et al. 2022 §4.1: 19sbh for 16-bit GELU with dropout, the 1-byte mask included);
 * `full` is 0 because the block's input is kept by the block's first layer.
 */
export function mlpLayer(o: {
  name: string;
  rows: number;
  hidden: number;
  ffn: number;
  mlp: MlpKind;
  bias: boolean;
  dropout: boolean;
  bytes: number;
}): LayerCost {
  const { rows, hidden: h, dropout, bytes: e } = o;
  const mlp = mlpParts(o);
  const ops = [...mlp.ops];
  if (dropout) ops.push(elementwiseOp({ elements: rows * h, flopsPerElement: DROPOUT_FLOPS, bytes: e }));
  ops.push(elementwiseOp({ elements: rows * h, flopsPerElement: 1, inputs: 2, bytes: e }));
  const kept = mlp.storedBytes + (dropout ? MASK_BYTES * rows * h : 0);
  const params = mlpParams(o);
  return {
    name: o.name,
    kind: "mlp",
    params,
    activeParams: params,
    embeddingParams: 0,
    ops,
    activationBytes: { none: kept, selective: kept, full: 0 },
    linearInputBytes: mlp.linearInputBytes,
    selectiveRecomputeFlops: 0,
  };
}
