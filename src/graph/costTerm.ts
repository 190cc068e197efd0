import type { OpCost, OpKind } from "../workload/layerCost.js";
import {
  batchedMatmulOp,
  convOp,
  elementwiseOp,
  embeddingOp,
  linearOp,
  NORM_FLOPS_PER_ELEMENT,
  normOp,
  poolOp,
  softmaxOp,
} from "../workload/ops.js";
import { Poly, polyProduct } from "./poly.js";

/**
 * The cost of an ONNX node as one of the workload's op rules (src/workload/ops.ts) with symbolic
 * arguments. {@link termForwardFlops} mirrors each rule's forward FLOP as a polynomial; {@link termOpCost}
 * binds the dimensions and calls the rule itself, so forward, backward and bytes come from one place.
 */
export type CostTerm =
  | { rule: "linear"; rows: Poly; inFeatures: Poly; outFeatures: Poly; bias: boolean }
  | { rule: "batchedMatmul"; batch: Poly; m: Poly; k: Poly; n: Poly }
  | {
      rule: "conv";
      batch: Poly;
      inChannels: Poly;
      outChannels: Poly;
      inSpatial: Poly[];
      outSpatial: Poly[];
      kernel: Poly[];
      groups: number;
      bias: boolean;
      /** ConvTranspose: the transposed convolution of the same weights (its MACs swap in and out). */
      transposed: boolean;
    }
  | { rule: "embedding"; tokens: Poly; width: Poly }
  | { rule: "elementwise"; elements: Poly; flopsPerElement: number; inputs: number }
  | { rule: "norm"; rows: Poly; width: Poly; kind: keyof typeof NORM_FLOPS_PER_ELEMENT }
  | { rule: "softmax"; rows: Poly; width: Poly }
  | { rule: "pool"; batch: Poly; channels: Poly; inSpatial: Poly[]; outSpatial: Poly[]; kernel: Poly[] };

/** Forward FLOP of a term, as a polynomial (the same formula as the rule in ops.ts). */
export function termForwardFlops(t: CostTerm): Poly {
  switch (t.rule) {
    case "linear": {
      const rn = t.rows.mul(t.outFeatures);
      return rn
        .mul(t.inFeatures)
        .scale(2)
        .add(t.bias ? rn : Poly.of(0));
    }
    case "batchedMatmul":
      return polyProduct([t.batch, t.m, t.k, t.n]).scale(2);
    case "conv": {
      // forward: outElems·(C_in/groups)·Πkernel MACs; transposed: the input plays the output's part
      const [cOut, cIn, sp] = t.transposed
        ? [t.inChannels, t.outChannels, t.inSpatial]
        : [t.outChannels, t.inChannels, t.outSpatial];
      const outElems = t.batch.mul(cOut).mul(polyProduct(sp));
      const macs = outElems
        .mul(cIn)
        .mul(polyProduct(t.kernel))
        .scale(1 / t.groups);
      const biasElems = t.batch.mul(t.outChannels).mul(polyProduct(t.outSpatial));
      return macs.scale(2).add(t.bias ? biasElems : Poly.of(0));
    }
    case "embedding":
      return Poly.of(0);
    case "elementwise":
      return t.elements.scale(t.flopsPerElement);
    case "norm":
      return t.rows.mul(t.width).scale(NORM_FLOPS_PER_ELEMENT[t.kind]);
    case "softmax":
      return t.rows.mul(t.width).scale(5);
    case "pool":
      return polyProduct([t.batch, t.channels, ...t.outSpatial, ...t.kernel]);
  }
}

/** MACs of a term's GEMM or convolution (0 for others), the count torchvision and ptflops report. */
export function termMacs(t: CostTerm): Poly {
  if (t.rule === "linear") return polyProduct([t.rows, t.inFeatures, t.outFeatures]);
  if (t.rule === "batchedMatmul") return polyProduct([t.batch, t.m, t.k, t.n]);
  if (t.rule === "conv") {
    const bias = t.bias ? polyProduct([t.batch, t.outChannels, ...t.outSpatial]) : Poly.of(0);
    return termForwardFlops(t).sub(bias).scale(0.5);
  }
  return Poly.of(0);
}

/** Kind of each rule's op. */
const KIND: Readonly<Record<CostTerm["rule"], OpKind>> = {
  linear: "matmul",
  batchedMatmul: "batched-matmul",
  conv: "conv",
  embedding: "embedding",
  elementwise: "elementwise",
  norm: "norm",
  softmax: "softmax",
  pool: "pool",
};

/** Kind of the op, for the per-kind breakdown. */
export function termKind(t: CostTerm): OpKind {
  return KIND[t.rule];
}

/** The op cost of a term with its dimensions bound (`ev` evaluates a polynomial), at `bytes` per element. */
export function termOpCost(t: CostTerm, ev: (p: Poly) => number, bytes: number): OpCost {
  const evs = (ps: Poly[]) => ps.map(ev);
  switch (t.rule) {
    case "linear":
      return linearOp({
        rows: ev(t.rows),
        inFeatures: ev(t.inFeatures),
        outFeatures: ev(t.outFeatures),
        bias: t.bias,
        bytes,
      });
    case "batchedMatmul":
      return batchedMatmulOp({ batch: ev(t.batch), m: ev(t.m), k: ev(t.k), n: ev(t.n), bytes });
    case "conv": {
      const o = {
        batch: ev(t.batch),
        inChannels: ev(t.inChannels),
        outChannels: ev(t.outChannels),
        inSpatial: evs(t.inSpatial),
        outSpatial: evs(t.outSpatial),
        kernel: evs(t.kernel),
        groups: t.groups,
        bias: t.bias,
        bytes,
      };
      if (!t.transposed) return convOp(o);
      // a transposed conv is the backward-input pass of the conv from its output to its input
      const op = convOp({
        ...o,
        inChannels: o.outChannels,
        outChannels: o.inChannels,
        inSpatial: o.outSpatial,
        outSpatial: o.inSpatial,
        bias: false,
      });
      const outElems = o.batch * o.outChannels * o.outSpatial.reduce((a, b) => a * b, 1);
      const inElems = o.batch * o.inChannels * o.inSpatial.reduce((a, b) => a * b, 1);
      const weightsBytes = op.forwardBytes.read - outElems * bytes + (t.bias ? o.outChannels * bytes : 0);
      const biasFlops = t.bias ? outElems : 0;
      return {
        ...op,
        forwardFlops: op.forwardFlops + biasFlops,
        backwardWeightFlops: op.backwardWeightFlops + biasFlops,
        forwardBytes: { read: inElems * bytes + weightsBytes, written: outElems * bytes },
        backwardBytes: {
          read: (outElems + inElems) * bytes + weightsBytes,
          written: inElems * bytes + weightsBytes,
        },
      };
    }
    case "embedding":
      return embeddingOp({ tokens: ev(t.tokens), width: ev(t.width), bytes });
    case "elementwise":
      return elementwiseOp({
        elements: ev(t.elements),
        flopsPerElement: t.flopsPerElement,
        inputs: t.inputs,
        bytes,
      });
    case "norm":
      return normOp({ rows: ev(t.rows), width: ev(t.width), kind: t.kind, bytes });
    case "softmax":
      return softmaxOp({ rows: ev(t.rows), width: ev(t.width), bytes });
    case "pool":
      return poolOp({
        batch: ev(t.batch),
        channels: ev(t.channels),
        inSpatial: evs(t.inSpatial),
        outSpatial: evs(t.outSpatial),
        kernel: evs(t.kernel),
        bytes,
      });
  }
}
