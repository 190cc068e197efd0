import { FLOAT } from "../dtype.js";
import {
  broadcast,
  type OpContext,
  type OpResult,
  type OpRule,
  attrString,
  ShapeUnknown,
  tensor,
} from "../opContext.js";
import { Poly, polyProduct } from "../poly.js";
import { numel, type TensorInfo } from "../tensorInfo.js";

/**
 * Pointwise operators (ONNX operator spec, "Broadcasting in ONNX"), costed with `elementwiseOp` at the
 * FLOP per element below: every arithmetic operation, compare and transcendental counts 1, the
 * convention of src/workload/conv/activationOps.ts and Catamount (Hestness et al., PPoPP 2019, §3).
 */
export const POINTWISE_FLOPS: Readonly<Record<string, number>> = {
  // binary arithmetic and compares
  Add: 1,
  Sub: 1,
  Mul: 1,
  Div: 1,
  Pow: 1,
  Mod: 1,
  Max: 1,
  Min: 1,
  Equal: 1,
  Less: 1,
  Greater: 1,
  LessOrEqual: 1,
  GreaterOrEqual: 1,
  And: 1,
  Or: 1,
  Xor: 1,
  BitShift: 1,
  BitwiseAnd: 1,
  BitwiseOr: 1,
  BitwiseXor: 1,
  // max(0, x) and the PReLU family: compare (1), slope multiply (1)
  Relu: 1,
  LeakyRelu: 2,
  PRelu: 2,
  ThresholdedRelu: 1,
  Clip: 2,
  // 1/(1 + e^−x): exp, add, reciprocal (activationOps' sigmoid)
  Sigmoid: 3,
  HardSigmoid: 3,
  HardSwish: 4,
  Softplus: 3,
  Softsign: 3,
  Elu: 3,
  Selu: 4,
  Celu: 4,
  Mish: 5,
  // x·σ(1.702x), com.microsoft QuickGelu
  QuickGelu: 5,
  Tanh: 1,
  Erf: 1,
  Exp: 1,
  Log: 1,
  Sqrt: 1,
  Reciprocal: 1,
  Neg: 1,
  Abs: 1,
  Floor: 1,
  Ceil: 1,
  Round: 1,
  Sign: 1,
  Sin: 1,
  Cos: 1,
  Tan: 1,
  Asin: 1,
  Acos: 1,
  Atan: 1,
  Sinh: 1,
  Cosh: 1,
  Asinh: 1,
  Acosh: 1,
  Atanh: 1,
  Not: 1,
  IsNaN: 1,
  IsInf: 1,
  BitwiseNot: 1,
  // select: 1 per output
  Where: 1,
  // exact GELU 0.5·x·(1 + erf(x/√2)) = 5 (activationOps); the tanh form costs 9 (activationFlops.ts)
  Gelu: 5,
  // com.microsoft FastGelu: the tanh form (9) plus the optional bias add, counted by the rule below
  FastGelu: 9,
  // com.microsoft BiasGelu: bias add (1) + exact GELU (5)
  BiasGelu: 6,
};

/** Variadic Sum/Mean/Max/Min of k inputs: k − 1 operations per element (Mean: one more divide). */
const VARIADIC = new Set(["Sum", "Mean", "Max", "Min"]);

/** Fold small integer arithmetic (shape computations) when every input has values. */
function fold(op: string, ins: TensorInfo[], outLen: number): Poly[] | undefined {
  if (outLen > 64 || !ins.every((t) => t.value)) return undefined;
  const at = (t: TensorInfo, i: number) => (t.value!.length === 1 ? t.value![0]! : t.value![i]);
  const out: Poly[] = [];
  for (let i = 0; i < outLen; i++) {
    const [a, b, c] = ins.map((t) => at(t, i));
    if (!a) return undefined;
    const num = (p: Poly | undefined) => p?.value;
    let r: Poly | undefined;
    if (op === "Add" && b) r = a.add(b);
    else if (op === "Sub" && b) r = a.sub(b);
    else if (op === "Mul" && b) r = a.mul(b);
    else if (op === "Div" && b) {
      const bv = num(b);
      r =
        bv !== undefined && a.value !== undefined
          ? bv === 0
            ? undefined
            : Poly.of(Math.trunc(a.value / bv))
          : a.divExact(b);
    } else if (op === "Neg") r = a.scale(-1);
    else if (op === "Equal" && b) r = Poly.of(a.equals(b) ? 1 : 0);
    else if (op === "Where" && b && c) r = num(a) === undefined ? undefined : num(a) ? b : c;
    else if ((op === "Max" || op === "Min") && b && a.value !== undefined && b.value !== undefined)
      r = Poly.of(op === "Max" ? Math.max(a.value, b.value) : Math.min(a.value, b.value));
    if (!r) return undefined;
    out.push(r);
  }
  return out;
}

const COMPARES = new Set([
  "Equal",
  "Less",
  "Greater",
  "LessOrEqual",
  "GreaterOrEqual",
  "And",
  "Or",
  "Xor",
  "Not",
  "IsNaN",
  "IsInf",
]);

/**
 * The inputs a pointwise op broadcasts (Clip: only its first; its bounds are scalars), each shaped. The
 * node's own input list when no input is omitted (no copy: most nodes of a large graph).
 */
function broadcastInputs(ctx: OpContext, op: string): TensorInfo[] {
  const all = ctx.inputs;
  let omitted = false;
  for (const t of all) if (t === undefined) omitted = true;
  const present = omitted ? all.filter((t): t is TensorInfo => t !== undefined) : (all as TensorInfo[]);
  const ins = op === "Clip" ? present.slice(0, 1) : present;
  if (ins.length === 0 || ins.some((t) => !t.shape)) throw new ShapeUnknown(`${op} input shapes`);
  return ins;
}

/** Shape and element count of the broadcast output: an input's own (remembered) count when it has that shape. */
function broadcastOutput(ins: TensorInfo[]): { shape: Poly[]; elements: Poly } {
  const shape = ins.length === 1 ? ins[0]!.shape! : broadcast(ins.map((t) => t.shape!));
  for (const t of ins) if (t.shape === shape) return { shape, elements: numel(t)! };
  return { shape, elements: polyProduct(shape) };
}

/** A pointwise operator with numpy broadcasting; constant inputs count once as bytes, not as inputs. */
export const pointwise: OpRule = (ctx: OpContext) => {
  const op = ctx.node.opType;
  const ins = broadcastInputs(ctx, op);
  const { shape, elements } = broadcastOutput(ins);
  const dtype = COMPARES.has(op) ? 9 : op === "Where" ? (ins[1]?.dtype ?? FLOAT) : ins[0]!.dtype || FLOAT;
  const out: TensorInfo = tensor(shape, dtype);
  const len = elements.value;
  if (len !== undefined) {
    const v = fold(op, ins, len);
    if (v) out.value = v;
  }
  let flops = POINTWISE_FLOPS[op] ?? 1;
  if (VARIADIC.has(op)) flops = ins.length - 1 + (op === "Mean" ? 1 : 0);
  if (op === "Gelu" && attrString(ctx.node, "approximate", "none") === "tanh") flops = 9;
  if (op === "FastGelu" && ctx.inputs[1] !== undefined) flops += 1;
  if (out.value) return { outputs: [out], costs: [] };
  // the output's count goes with it (walkGraph keeps it; its bytes need no second product)
  out.elements = elements;
  let variable = 0;
  for (const t of ins) if (t.constSource === undefined) variable++;
  const result: OpResult = {
    outputs: [out],
    costs:
      flops > 0
        ? [{ rule: "elementwise", elements, flopsPerElement: flops, inputs: Math.max(1, variable) }]
        : [],
    kind: "other",
  };
  if (op === "PRelu") result.weights = [1];
  return result;
};
