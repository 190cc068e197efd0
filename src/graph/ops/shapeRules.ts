import { FLOAT, INT64, isFloatType } from "../dtype.js";
import { attr, type ConstTensor } from "../graphIr.js";
import {
  attrFloat,
  attrInt,
  attrInts,
  attrTensor,
  axis,
  inputInts,
  type OpContext,
  type OpRule,
  shaped,
  ShapeUnknown,
  tensor,
} from "../opContext.js";
import { Poly, polyProduct } from "../poly.js";
import { type TensorInfo, vectorShape } from "../tensorInfo.js";

/**
 * Views and shape arithmetic (ONNX operator spec: Shape, Size, Reshape, Flatten, Squeeze, Unsqueeze,
 * Identity, Dropout, Cast, Constant, ConstantOfShape, Range). They move no data (or only a few indices)
 * and cost nothing; their values are folded so that Shape→Gather→Concat→Reshape chains give shapes.
 */

const view = (ctx: OpContext, shape: Poly[], from = 0): TensorInfo => {
  const src = ctx.inputs[from];
  return { shape, dtype: src?.dtype || FLOAT, ...(src?.value ? { value: src.value } : {}) };
};

/** Shape: the input's dims as an int64 vector (start/end since opset 15). */
export const shapeOf: OpRule = (ctx) => {
  const x = shaped(ctx, 0);
  const r = x.shape.length;
  const clamp = (a: number) => Math.min(Math.max(a < 0 ? a + r : a, 0), r);
  const dims = x.shape.slice(clamp(attrInt(ctx.node, "start", 0)), clamp(attrInt(ctx.node, "end", r)));
  return { outputs: [{ shape: vectorShape(dims.length), dtype: INT64, value: dims }], costs: [] };
};

/** Size: the number of elements as an int64 scalar. */
export const sizeOf: OpRule = (ctx) => {
  const x = shaped(ctx, 0);
  return { outputs: [{ shape: [], dtype: INT64, value: [polyProduct(x.shape)] }], costs: [] };
};

/** Reshape: 0 copies the input dim (unless allowzero), −1 takes the remaining elements. */
export const reshape: OpRule = (ctx) => {
  const x = shaped(ctx, 0);
  const target = ctx.opset < 5 ? attrInts(ctx.node, "shape")?.map(Poly.of) : ctx.inputs[1]?.value;
  if (!target) {
    const k = ctx.inputs[1]?.shape?.[0]?.value;
    if (k === undefined || k > 64) throw new ShapeUnknown("Reshape target not constant");
    return {
      outputs: [
        view(
          ctx,
          Array.from({ length: k }, (_, i) => ctx.fresh(`${ctx.node.name}_d${i}`)),
        ),
      ],
      costs: [],
    };
  }
  const allowZero = attrInt(ctx.node, "allowzero", 0) === 1;
  const dims = target.map((d, i) => (d.value === 0 && !allowZero ? (x.shape[i] ?? Poly.of(0)) : d));
  const minus = dims.findIndex((d) => d.value === -1);
  if (minus >= 0) {
    const known = polyProduct(dims.filter((_, i) => i !== minus));
    dims[minus] = polyProduct(x.shape).divExact(known) ?? ctx.fresh(`${ctx.node.name}_d${minus}`);
  }
  if (dims.some((d) => d.value !== undefined && d.value < 0)) throw new ShapeUnknown("Reshape negative dim");
  return { outputs: [view(ctx, dims)], costs: [] };
};

/** Flatten at `axis` (default 1) into [Π d[:axis], Π d[axis:]]. */
export const flatten: OpRule = (ctx) => {
  const x = shaped(ctx, 0);
  const a = attrInt(ctx.node, "axis", 1);
  const ax = a < 0 ? a + x.shape.length : a;
  if (!(ax >= 0 && ax <= x.shape.length)) throw new ShapeUnknown("Flatten axis");
  return {
    outputs: [view(ctx, [polyProduct(x.shape.slice(0, ax)), polyProduct(x.shape.slice(ax))])],
    costs: [],
  };
};

function axesOf(ctx: OpContext): number[] | undefined {
  return ctx.opset < 13 ? attrInts(ctx.node, "axes") : inputInts(ctx, 1);
}

/** Squeeze: remove `axes` (or every dim equal to 1). */
export const squeeze: OpRule = (ctx) => {
  const x = shaped(ctx, 0);
  const given = axesOf(ctx);
  if (ctx.opset >= 13 && ctx.inputs[1] !== undefined && !given)
    throw new ShapeUnknown("Squeeze axes not constant");
  const axes = given
    ? given.map((a) => axis(a, x.shape.length, ctx))
    : x.shape.flatMap((d, i) => (d.value === 1 ? [i] : []));
  return {
    outputs: [
      view(
        ctx,
        x.shape.filter((_, i) => !axes.includes(i)),
      ),
    ],
    costs: [],
  };
};

/** Unsqueeze: insert 1s at `axes` of the output. */
export const unsqueeze: OpRule = (ctx) => {
  const x = shaped(ctx, 0);
  const given = axesOf(ctx);
  if (!given) throw new ShapeUnknown("Unsqueeze axes not constant");
  const rank = x.shape.length + given.length;
  const axes = given.map((a) => axis(a, rank, ctx));
  const out: Poly[] = [];
  let j = 0;
  for (let i = 0; i < rank; i++) out.push(axes.includes(i) ? Poly.of(1) : (x.shape[j++] ?? Poly.of(1)));
  return { outputs: [view(ctx, out)], costs: [] };
};

/** Identity, Dropout (inference: identity; the mask output has the input's shape), and friends. */
export const identity: OpRule = (ctx) => {
  const x = ctx.inputs[0];
  if (!x) throw new ShapeUnknown("Identity input");
  return { outputs: [{ ...x }, x.shape ? tensor(x.shape, 9) : undefined], costs: [] };
};

/** Cast to `to`: a copy in another type, moving every element once. */
export const cast: OpRule = (ctx) => {
  const x = shaped(ctx, 0);
  const out: TensorInfo = {
    shape: x.shape,
    dtype: attrInt(ctx.node, "to", FLOAT),
    ...(x.info.value ? { value: x.info.value } : {}),
  };
  if (out.value) return { outputs: [out], costs: [] };
  return {
    outputs: [out],
    costs: [{ rule: "elementwise", elements: polyProduct(x.shape), flopsPerElement: 0, inputs: 1 }],
    kind: "other",
  };
};

function fromConst(t: ConstTensor): TensorInfo {
  const out: TensorInfo = { shape: t.dims.map(Poly.of), dtype: t.dtype };
  if (t.values && !isFloatType(t.dtype) && t.values.length <= 64) out.value = t.values.map(Poly.of);
  return out;
}

/** Constant: its `value` tensor, or value_int(s)/value_float(s). */
export const constant: OpRule = (ctx) => {
  const n = ctx.node;
  const t = attrTensor(n, "value");
  if (t) return { outputs: [fromConst(t)], costs: [] };
  if (attr(n, "value_int"))
    return {
      outputs: [{ shape: [], dtype: INT64, value: [Poly.of(attrInt(n, "value_int", 0))] }],
      costs: [],
    };
  const ints = attrInts(n, "value_ints");
  if (ints)
    return {
      outputs: [{ shape: vectorShape(ints.length), dtype: INT64, value: ints.map(Poly.of) }],
      costs: [],
    };
  if (attr(n, "value_float"))
    return {
      outputs: [{ shape: [], dtype: FLOAT, value: [Poly.of(attrFloat(n, "value_float", 0))] }],
      costs: [],
    };
  const floats = attr(n, "value_floats")?.floats;
  if (floats) return { outputs: [tensor(vectorShape(floats.length), FLOAT)], costs: [] };
  const sparse = attr(n, "sparse_value")?.sparse;
  if (sparse) return { outputs: [tensor(sparse.dims.map(Poly.of), sparse.dtype)], costs: [] };
  throw new ShapeUnknown("Constant without a value");
};

/** ConstantOfShape: a tensor of the shape given by its input, filled with `value` (default float 0). */
export const constantOfShape: OpRule = (ctx) => {
  const dims = ctx.inputs[0]?.value;
  if (!dims) throw new ShapeUnknown("ConstantOfShape shape not constant");
  const v = attrTensor(ctx.node, "value");
  const dtype = v?.dtype ?? FLOAT;
  const out: TensorInfo = { shape: dims, dtype };
  const count = polyProduct(dims).value;
  if (!isFloatType(dtype) && count !== undefined && count <= 64)
    out.value = Array.from({ length: count }, () => Poly.of(v?.values?.[0] ?? 0));
  return { outputs: [out], costs: [] };
};

/** Range(start, limit, delta): max(⌈(limit − start)/delta⌉, 0) elements. */
export const range: OpRule = (ctx) => {
  const [s, l, d] = [0, 1, 2].map((i) => ctx.inputs[i]?.value?.[0]);
  const dtype = ctx.inputs[0]?.dtype || INT64;
  let n: Poly | undefined;
  if (s?.value !== undefined && l?.value !== undefined && d?.value !== undefined && d.value !== 0)
    n = Poly.of(Math.max(Math.ceil((l.value - s.value) / d.value), 0));
  else if (s && l && d?.value !== undefined && d.value !== 0) n = l.sub(s).floorDiv(d.value) ?? undefined;
  n ??= ctx.fresh(`${ctx.node.name}_n`);
  const out: TensorInfo = { shape: [n], dtype };
  const len = n.value;
  if (len !== undefined && len <= 64 && s?.value !== undefined && d?.value !== undefined)
    out.value = Array.from({ length: len }, (_, i) => Poly.of(s.value! + i * d.value!));
  return { outputs: [out], costs: [] };
};
