import { InputError } from "../units/InputError.js";
import { printable } from "./constTensor.js";
import type { IrAttr, IrFunction, IrNode } from "./graphIr.js";

/** Deepest chain of nested function calls expanded (a function calling itself is an error). */
const MAX_DEPTH = 32;
/** Most nodes an expansion may produce (guards against exponential fan-out in corrupt files). */
const MAX_NODES = 2_000_000;

/**
 * Inline model-local functions (onnx.proto `FunctionProto`, IR ≥ 8): a node whose (domain, op_type)
 * names a function of the model is replaced by the function's body, its formal inputs and outputs bound
 * to the node's actual ones, its other tensors renamed `call/tensor`, and attributes that reference the
 * caller's (`ref_attr_name`) substituted, falling back to the function's defaults (`attribute_proto`).
 */
export function inlineFunctions(nodes: IrNode[], functions: readonly IrFunction[]): IrNode[] {
  if (functions.length === 0) return nodes;
  const table = new Map(functions.map((f) => [`${f.domain}:${f.name}`, f]));
  const budget = { left: MAX_NODES };
  return expand(nodes, table, 0, budget);
}

function expand(
  nodes: IrNode[],
  table: ReadonlyMap<string, IrFunction>,
  depth: number,
  budget: { left: number },
): IrNode[] {
  const out: IrNode[] = [];
  for (const n of nodes) {
    const fn =
      table.get(`${n.domain}:${n.opType}`) ??
      (n.domain === "" ? table.get(`ai.onnx:${n.opType}`) : undefined);
    if (!fn) {
      if (--budget.left < 0)
        throw new InputError(
          "model.functions",
          printable(n.opType),
          `at most ${MAX_NODES} nodes once expanded`,
        );
      out.push(n);
      continue;
    }
    if (depth >= MAX_DEPTH)
      throw new InputError(
        "model.functions",
        printable(fn.name),
        `function calls nested at most ${MAX_DEPTH} deep (no recursion)`,
      );
    out.push(...expand(callBody(n, fn), table, depth + 1, budget));
  }
  return out;
}

function callBody(call: IrNode, fn: IrFunction): IrNode[] {
  const rename = new Map<string, string>([["", ""]]);
  fn.inputs.forEach((f, i) => rename.set(f, call.inputs[i] ?? ""));
  fn.outputs.forEach((f, i) => rename.set(f, call.outputs[i] ?? `${call.name}/${f}`));
  const name = (t: string) => rename.get(t) ?? `${call.name}/${t}`;
  const find = (list: readonly IrAttr[], key: string) => list.find((a) => a.name === key);
  return fn.nodes.map((n) => {
    const attrs: IrAttr[] = [];
    for (const a of n.attrs) {
      if (a.ref === undefined) attrs.push(a);
      else {
        // the caller's value (or the function's default) under this attribute's own name
        const v = find(call.attrs, a.ref) ?? find(fn.defaults, a.ref);
        if (v) attrs.push({ ...v, name: a.name });
      }
    }
    return {
      name: `${call.name}/${n.name}`,
      opType: n.opType,
      domain: n.domain,
      inputs: n.inputs.map(name),
      outputs: n.outputs.map(name),
      attrs,
    };
  });
}
