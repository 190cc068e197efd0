import type { LayerCost, OpCost } from "../layerCost.js";
import { crossEntropyBytesPerLogit, crossEntropyOp, elementwiseOp, linearOp, normOp } from "../ops.js";
import { ACTIVATION_FLOPS } from "./activationFlops.js";

/** Bytes per element of the logits kept for the cross-entropy loss (fp32; Korthikanti et al. 2022 §4.3). */
export const LOSS_LOGIT_BYTES = crossEntropyBytesPerLogit(2, "fp32").kept;

/**
 * The output layer: optionally BERT's MLM transform (dense hidden→hidden with bias, GELU, LayerNorm;
 * Devlin et al. 2019, `BertPredictionHeadTransform`), the projection to the vocabulary (Kaplan et al.
 * 2020 Table 1 "De-embed": 2·d_model·n_vocab FLOP per token) and the softmax cross-entropy in fp32
 * ({@link crossEntropyOp}).
 *
 * With tied embeddings the projection reuses the token table and adds no parameters (Press & Wolf
 * 2017); untied, its weights count as embedding parameters (Kaplan's non-embedding N leaves out the
 * unembedding too). An output bias (BERT's decoder bias) is a plain parameter.
 *
 * Activation bytes: the projection's input, the transform's inputs (dense, GELU, norm) and the logits
 * in fp32 for the loss, 4·tokens·vocab (Korthikanti §4.3). Outside the recomputed blocks: `full` = `none`.
 */
export function logitsLayer(o: {
  name: string;
  rows: number;
  hidden: number;
  vocab: number;
  tied: boolean;
  bias: boolean;
  mlmTransform: boolean;
  bytes: number;
}): LayerCost {
  const { rows, hidden: h, vocab: v, bytes: e } = o;
  const ops: OpCost[] = [];
  let params = 0;
  let kept = e * rows * h + LOSS_LOGIT_BYTES * rows * v;
  if (o.mlmTransform) {
    ops.push(linearOp({ rows, inFeatures: h, outFeatures: h, bias: true, bytes: e }));
    ops.push(elementwiseOp({ elements: rows * h, flopsPerElement: ACTIVATION_FLOPS.gelu, bytes: e }));
    ops.push(normOp({ rows, width: h, kind: "layernorm", bytes: e }));
    params += h * h + h + 2 * h;
    kept += 3 * e * rows * h;
  }
  ops.push(linearOp({ rows, inFeatures: h, outFeatures: v, bias: o.bias, bytes: e }));
  ops.push(crossEntropyOp({ rows, width: v, bytes: e }));
  const unembedding = o.tied ? 0 : h * v;
  params += unembedding + (o.bias ? v : 0);
  return {
    name: o.name,
    kind: "logits",
    params,
    activeParams: params,
    embeddingParams: unembedding,
    ops,
    activationBytes: { none: kept, selective: kept, full: kept },
    selectiveRecomputeFlops: 0,
  };
}
