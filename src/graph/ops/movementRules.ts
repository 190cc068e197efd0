import { FLOAT, INT64 } from "../dtype.js";
import { attr } from "../graphIr.js";
import {
  attrInt,
  attrInts,
  attrString,
  axis,
  broadcast,
  inputInts,
  type OpContext,
  type OpResult,
  type OpRule,
  shaped,
  ShapeUnknown,
  tensor,
} from "../opContext.js";
import { Poly, polyProduct } from "../poly.js";
import type { TensorInfo } from "../tensorInfo.js";

/**
 * Data-movement operators (ONNX operator spec: Transpose, Concat, Split, Slice, Gather, Expand, Tile, Pad,
 * Resize, Upsample, DepthToSpace, SpaceToDepth, TopK, NonZero). No arithmetic: costed as `elementwiseOp`
 * with 0 FLOP per element, so the bytes they move are counted. Gather from a weight is an embedding.
 */

const moved = (out: TensorInfo[], elements: Poly): OpResult => ({
  outputs: out,
  costs: [{ rule: "elementwise", elements, flopsPerElement: 0, inputs: 1 }],
  kind: "other",
});

const withValue = (shape: Poly[], dtype: number, value?: Poly[]): TensorInfo => ({
  shape,
  dtype,
  ...(value ? { value } : {}),
});

/** Transpose by `perm` (default: reverse the axes). */
export const transpose: OpRule = (ctx) => {
  const x = shaped(ctx, 0);
  const perm = attrInts(ctx.node, "perm") ?? x.shape.map((_, i) => x.shape.length - 1 - i);
  if (perm.length !== x.shape.length || perm.some((p) => !(p >= 0 && p < x.shape.length)))
    throw new ShapeUnknown("Transpose perm");
  const shape = perm.map((p) => x.shape[p]!);
  return moved([tensor(shape, x.info.dtype || FLOAT)], polyProduct(shape));
};

/** Concat along `axis`; 1-D values are concatenated too (shape vectors). */
export const concat: OpRule = (ctx) => {
  const ins = ctx.inputs.filter((t): t is TensorInfo => t !== undefined);
  if (ins.length === 0 || ins.some((t) => !t.shape)) throw new ShapeUnknown("Concat shapes");
  const first = ins[0]!.shape!;
  const ax = axis(attrInt(ctx.node, "axis", 0), first.length, ctx);
  const shape = first.map((d, i) =>
    i === ax ? ins.reduce((a, t) => a.add(t.shape![i] ?? Poly.of(0)), Poly.of(0)) : d,
  );
  const value = first.length === 1 && ins.every((t) => t.value) ? ins.flatMap((t) => t.value!) : undefined;
  if (value) return { outputs: [withValue(shape, ins[0]!.dtype, value)], costs: [] };
  return moved([tensor(shape, ins[0]!.dtype || FLOAT)], polyProduct(shape));
};

/** Split along `axis` into `split` sizes (attribute before opset 13, input after) or equal parts. */
export const split: OpRule = (ctx) => {
  const x = shaped(ctx, 0);
  const ax = axis(attrInt(ctx.node, "axis", 0), x.shape.length, ctx);
  const parts = ctx.node.outputs.length;
  const sizes = ctx.opset < 13 ? attrInts(ctx.node, "split") : inputInts(ctx, 1);
  const d = x.shape[ax]!;
  const each = sizes
    ? sizes.map(Poly.of)
    : Array.from({ length: parts }, () => d.divExact(parts) ?? ctx.fresh(`${ctx.node.name}_split`));
  const outs = each.map((s) =>
    tensor(
      x.shape.map((v, i) => (i === ax ? s : v)),
      x.info.dtype || FLOAT,
    ),
  );
  return moved(outs, polyProduct(x.shape));
};

const BIG = 2 ** 31 - 1;

/** Length of a slice of a dim `d` from `start` to `end` by `step` (ONNX Slice clamping rules). */
function sliceLength(d: Poly, start: number, end: number, step: number, ctx: OpContext): Poly {
  const n = d.value;
  if (n !== undefined) {
    const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);
    const s =
      step > 0 ? clamp(start < 0 ? start + n : start, 0, n) : clamp(start < 0 ? start + n : start, -1, n - 1);
    const e = step > 0 ? clamp(end < 0 ? end + n : end, 0, n) : clamp(end < 0 ? end + n : end, -1, n - 1);
    return Poly.of(Math.max(0, Math.ceil((e - s) / step)));
  }
  if (step === 1) {
    const s = start < 0 ? d.add(start) : Poly.of(start);
    const e = end >= BIG ? d : end < 0 ? d.add(end) : Poly.of(end);
    return e.sub(s);
  }
  return ctx.fresh(`${ctx.node.name}_slice`);
}

/** Slice (starts/ends/axes attributes before opset 10, inputs after; steps since 10). */
export const slice: OpRule = (ctx) => {
  const x = shaped(ctx, 0);
  const n = ctx.node;
  const starts = ctx.opset < 10 ? attrInts(n, "starts") : inputInts(ctx, 1);
  const ends = ctx.opset < 10 ? attrInts(n, "ends") : inputInts(ctx, 2);
  if (!starts || !ends || starts.length !== ends.length) throw new ShapeUnknown("Slice bounds not constant");
  const axes = (ctx.opset < 10 ? attrInts(n, "axes") : inputInts(ctx, 3)) ?? starts.map((_, i) => i);
  const steps = (ctx.opset < 10 ? undefined : inputInts(ctx, 4)) ?? starts.map(() => 1);
  const shape = [...x.shape];
  axes.forEach((a, i) => {
    const ax = axis(a, x.shape.length, ctx);
    if (steps[i] === 0) throw new ShapeUnknown("Slice step 0");
    shape[ax] = sliceLength(x.shape[ax]!, starts[i]!, ends[i]!, steps[i] ?? 1, ctx);
  });
  const v = x.info.value;
  if (v && x.shape.length === 1 && axes.length === 1 && steps[0] === 1) {
    const len = v.length;
    const s = Math.min(Math.max(starts[0]! < 0 ? starts[0]! + len : starts[0]!, 0), len);
    const e = Math.min(Math.max(ends[0]! < 0 ? ends[0]! + len : ends[0]!, 0), len);
    return { outputs: [withValue(shape, x.info.dtype, v.slice(s, e))], costs: [] };
  }
  return moved([tensor(shape, x.info.dtype || FLOAT)], polyProduct(shape));
};

/** Gather along `axis`: out = data[:axis] + indices + data[axis+1:]; from a weight table, an embedding. */
export const gather: OpRule = (ctx) => {
  const data = shaped(ctx, 0);
  const idx = shaped(ctx, 1);
  const ax = axis(attrInt(ctx.node, "axis", 0), data.shape.length, ctx);
  const shape = [...data.shape.slice(0, ax), ...idx.shape, ...data.shape.slice(ax + 1)];
  const iv = inputInts(ctx, 1);
  if (data.info.value && data.shape.length === 1 && iv) {
    const len = data.info.value.length;
    const picked = iv.map((i) => data.info.value![i < 0 ? i + len : i]);
    if (picked.every((p) => p !== undefined))
      return { outputs: [withValue(shape, data.info.dtype, picked as Poly[])], costs: [] };
  }
  const out = tensor(shape, data.info.dtype || FLOAT);
  if (data.info.constSource !== undefined && idx.info.constSource === undefined && ax === 0)
    return {
      outputs: [out],
      costs: [{ rule: "embedding", tokens: polyProduct(idx.shape), width: polyProduct(data.shape.slice(1)) }],
      embedding: true,
      kind: "embedding",
    };
  return moved([out], polyProduct(shape));
};

/** GatherElements/ScatterElements/ScatterND-like ops whose output has the shape of input `from`. */
export function sameShapeAs(from: number): OpRule {
  return (ctx) => {
    const x = shaped(ctx, from);
    return moved([tensor(x.shape, ctx.inputs[0]?.dtype || FLOAT)], polyProduct(x.shape));
  };
}

/** Expand to the broadcast of the input and the `shape` input. */
export const expand: OpRule = (ctx) => {
  const x = shaped(ctx, 0);
  const target = ctx.inputs[1]?.value;
  if (!target) throw new ShapeUnknown("Expand shape not constant");
  const shape = broadcast([x.shape, target]);
  return moved([tensor(shape, x.info.dtype || FLOAT)], polyProduct(shape));
};

/** Tile by `repeats`. */
export const tile: OpRule = (ctx) => {
  const x = shaped(ctx, 0);
  const reps = ctx.inputs[1]?.value;
  if (!reps || reps.length !== x.shape.length) throw new ShapeUnknown("Tile repeats not constant");
  const shape = x.shape.map((d, i) => d.mul(reps[i]!));
  return moved([tensor(shape, x.info.dtype || FLOAT)], polyProduct(shape));
};

/** Pad by `pads` [begins…, ends…] (attribute before opset 11, input after; optional axes since 18). */
export const pad: OpRule = (ctx) => {
  const x = shaped(ctx, 0);
  const pads = ctx.opset < 11 ? attrInts(ctx.node, "pads") : inputInts(ctx, 1);
  if (!pads) throw new ShapeUnknown("Pad pads not constant");
  const axes =
    (ctx.opset >= 18 ? inputInts(ctx, 3) : undefined)?.map((a) => axis(a, x.shape.length, ctx)) ??
    x.shape.map((_, i) => i);
  if (pads.length !== 2 * axes.length) throw new ShapeUnknown("Pad length");
  const shape = [...x.shape];
  axes.forEach((a, i) => (shape[a] = shape[a]!.add(pads[i]! + pads[i + axes.length]!)));
  return moved([tensor(shape, x.info.dtype || FLOAT)], polyProduct(shape));
};

/**
 * Resize/Upsample to `sizes` or ⌊d·scale⌋. Nearest moves data (0 FLOP); linear interpolation costs 3
 * FLOP (two multiplies and an add) and cubic 7 per resized axis per output element.
 */
export const resize: OpRule = (ctx) => {
  const x = shaped(ctx, 0);
  const op = ctx.node.opType;
  const sizes = op === "Resize" && ctx.opset >= 11 ? ctx.inputs[3]?.value : undefined;
  const scalesInput = op === "Resize" ? (ctx.opset >= 11 ? 2 : 1) : ctx.opset >= 9 ? 1 : -1;
  const scales =
    scalesInput >= 0 ? ctx.inputs[scalesInput]?.value?.map((p) => p.value) : attr(ctx.node, "scales")?.floats;
  let shape: Poly[];
  if (sizes && sizes.length === x.shape.length) shape = sizes;
  else if (scales && scales.length === x.shape.length && scales.every((s) => s !== undefined))
    shape = x.shape.map((d, i) =>
      scales[i] === 1
        ? d
        : d.value !== undefined
          ? Poly.of(Math.floor(d.value * scales[i]!))
          : Number.isInteger(scales[i])
            ? d.scale(scales[i]!)
            : ctx.fresh(`${ctx.node.name}_r${i}`),
    );
  else throw new ShapeUnknown("Resize scales/sizes not constant (floats are not folded)");
  const resized = shape.filter((d, i) => !d.equals(x.shape[i]!)).length;
  const mode = attrString(ctx.node, "mode", "nearest");
  const per = mode === "nearest" ? 0 : (mode === "cubic" ? 7 : 3) * resized;
  return {
    outputs: [tensor(shape, x.info.dtype || FLOAT)],
    costs: [{ rule: "elementwise", elements: polyProduct(shape), flopsPerElement: per, inputs: 1 }],
    kind: "other",
  };
};

/** DepthToSpace/SpaceToDepth by `blocksize`. */
export const depthSpace: OpRule = (ctx) => {
  const x = shaped(ctx, 0);
  const b = attrInt(ctx.node, "blocksize", 1);
  if (x.shape.length !== 4 || !(b >= 1)) throw new ShapeUnknown("DepthToSpace rank");
  const [n, c, h, w] = x.shape as [Poly, Poly, Poly, Poly];
  const shape =
    ctx.node.opType === "DepthToSpace"
      ? [n, c.divExact(b * b) ?? ctx.fresh("c"), h.scale(b), w.scale(b)]
      : [n, c.scale(b * b), h.divExact(b) ?? ctx.fresh("h"), w.divExact(b) ?? ctx.fresh("w")];
  return moved([tensor(shape, x.info.dtype || FLOAT)], polyProduct(shape));
};

/** TopK: k along `axis`; values and int64 indices. */
export const topK: OpRule = (ctx) => {
  const x = shaped(ctx, 0);
  const ax = axis(attrInt(ctx.node, "axis", -1), x.shape.length, ctx);
  const k =
    ctx.opset < 10
      ? Poly.of(attrInt(ctx.node, "k", 1))
      : (ctx.inputs[1]?.value?.[0] ?? ctx.fresh(`${ctx.node.name}_k`));
  const shape = x.shape.map((d, i) => (i === ax ? k : d));
  return {
    outputs: [tensor(shape, x.info.dtype || FLOAT), tensor(shape, INT64)],
    costs: [{ rule: "elementwise", elements: polyProduct(x.shape), flopsPerElement: 1, inputs: 1 }],
    kind: "other",
  };
};

/** NonZero: [rank, data-dependent count]. */
export const nonZero: OpRule = (ctx) => {
  const x = shaped(ctx, 0);
  return moved(
    [tensor([Poly.of(x.shape.length), ctx.fresh(`${ctx.node.name}_nnz`)], INT64)],
    polyProduct(x.shape),
  );
};
