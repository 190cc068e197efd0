import type { LayerCost, OpCost } from "../layerCost.js";
import { batchedMatmulOp, elementwiseOp, linearOp, normOp, rotaryOp, softmaxOp } from "../ops.js";
import { DROPOUT_FLOPS, MASK_BYTES, ROTARY_FLOPS } from "./activationFlops.js";
import type { MlaShape } from "./decoderSpec.js";

/**
 * One multi-head latent attention layer (DeepSeek-AI 2024, "DeepSeek-V2", §2.1.2-2.1.3, eq. 9-19), in
 * the training (non-absorbed) form, forward costs over the micro-batch of b sequences of s tokens:
 * - queries: h → qLoraRank (W_DQ), RMSNorm, → heads·(nope + rope) (W_UQ, W_QR); without qLoraRank one
 *   projection h → heads·(nope + rope);
 * - keys and values: h → kvLoraRank + rope (W_DKV and the shared rope key W_KR), RMSNorm on the latent,
 *   latent → heads·(nope + v) (W_UK, W_UV);
 * - rotary on the rope parts, scores with (nope + rope) dims per head, softmax, context with v dims,
 *   output projection heads·v → h.
 * Parameters: the five projections plus the two latent norms. DeepSeek-V2 (h 5120, 128 heads, ranks
 * 1536/512, dims 128/64/128) gives 5120·1536 + 1536 + 1536·128·192 + 5120·576 + 512 + 512·128·256 +
 * 128·128·5120 = 149.2M per layer.
 *
 * Activation bytes, e per element: the layer input, the two latents, Q and K ((nope + rope) per head),
 * V, the scores (softmax output, and with dropout its mask and output), the context and, with dropout,
 * the residual mask; selective recompute drops the attention core as in `attentionLayer`.
 */
export function latentAttentionLayer(o: {
  name: string;
  batch: number;
  seq: number;
  hidden: number;
  heads: number;
  mla: MlaShape;
  dropout: boolean;
  bytes: number;
}): LayerCost {
  const { batch: b, seq: s, hidden: h, heads: a, dropout, bytes: e } = o;
  const { kvLoraRank: rkv, qLoraRank: rq, ropeHeadDim: dr, nopeHeadDim: dn, vHeadDim: dv } = o.mla;
  const rows = b * s;
  const qk = a * (dn + dr);
  const scores = b * a * s * s;
  const ops: OpCost[] = [];
  const core: OpCost[] = [];
  let params = 0;
  let latents = 0;
  if (rq !== undefined) {
    ops.push(linearOp({ rows, inFeatures: h, outFeatures: rq, bias: false, bytes: e }));
    ops.push(normOp({ rows, width: rq, kind: "rmsnorm", bytes: e }));
    ops.push(linearOp({ rows, inFeatures: rq, outFeatures: qk, bias: false, bytes: e }));
    params += h * rq + rq + rq * qk;
    latents += rq;
  } else {
    ops.push(linearOp({ rows, inFeatures: h, outFeatures: qk, bias: false, bytes: e }));
    params += h * qk;
  }
  ops.push(linearOp({ rows, inFeatures: h, outFeatures: rkv + dr, bias: false, bytes: e }));
  ops.push(normOp({ rows, width: rkv, kind: "rmsnorm", bytes: e }));
  ops.push(linearOp({ rows, inFeatures: rkv, outFeatures: a * (dn + dv), bias: false, bytes: e }));
  params += h * (rkv + dr) + rkv + rkv * a * (dn + dv) + a * dv * h;
  latents += rkv;
  ops.push(rotaryOp({ elements: rows * (a * dr + dr), flopsPerElement: ROTARY_FLOPS, bytes: e }));
  core.push(batchedMatmulOp({ batch: b * a, m: s, k: dn + dr, n: s, bytes: e }));
  core.push(softmaxOp({ rows: b * a * s, width: s, bytes: e }));
  if (dropout) core.push(elementwiseOp({ elements: scores, flopsPerElement: DROPOUT_FLOPS, bytes: e }));
  core.push(batchedMatmulOp({ batch: b * a, m: s, k: s, n: dv, bytes: e }));
  ops.push(...core);
  ops.push(linearOp({ rows, inFeatures: a * dv, outFeatures: h, bias: false, bytes: e }));
  if (dropout) ops.push(elementwiseOp({ elements: rows * h, flopsPerElement: DROPOUT_FLOPS, bytes: e }));
  ops.push(elementwiseOp({ elements: rows * h, flopsPerElement: 1, inputs: 2, bytes: e }));
  const kept = e * rows * (h + latents + 2 * qk + 2 * a * dv) + (dropout ? MASK_BYTES * rows * h : 0);
  const coreBytes = dropout ? (2 * e + MASK_BYTES) * scores : e * scores;
  return {
    name: o.name,
    kind: "attention",
    params,
    activeParams: params,
    embeddingParams: 0,
    ops,
    activationBytes: { none: kept + coreBytes, selective: kept, full: 0 },
    selectiveRecomputeFlops: core.reduce((sum, op) => sum + op.forwardFlops, 0),
  };
}
