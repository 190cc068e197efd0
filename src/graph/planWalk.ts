import { InputError } from "../units/InputError.js";
import { printable } from "./constTensor.js";
import type { IrGraph } from "./graphIr.js";
import { MinHeap } from "./minHeap.js";
import type { Scope } from "./scope.js";

/**
 * A graph's walk: its nodes in an order where every input is available first, and the scope numbers of
 * their inputs and outputs, looked up once here (node i's inputs are `inIds[inStart[i] + j]`, its
 * outputs `outIds[outStart[i] + j]`; −1 for an omitted one, and for an input that is no own value).
 */
export interface WalkPlan {
  order: readonly number[];
  inStart: Int32Array;
  inIds: Int32Array;
  outStart: Int32Array;
  outIds: Int32Array;
}

/**
 * Plan the walk of `g` in `scope`, whose graph inputs and initializers are bound: every node output is
 * numbered (reserved) in file order, one name-table update each, and that table is the producer
 * lookup, so no second table of 100k names is built (issue 17). The order is the file's when it is
 * already sorted (checked in one pass, the common case), else Kahn's algorithm with a min-heap on the
 * file position. Refuses a node reading its own output or a tensor nobody produces, an output name used
 * twice, and cycles, naming the node.
 */
export function planWalk(g: IrGraph, scope: Scope, field: string): WalkPlan {
  const n = g.nodes.length;
  const where = (i: number) => `${field}.node[${i}] ${printable(g.nodes[i]!.name)}`;
  const outStart = new Int32Array(n + 1);
  const inStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    outStart[i + 1] = outStart[i]! + g.nodes[i]!.outputs.length;
    inStart[i + 1] = inStart[i]! + g.nodes[i]!.inputs.length;
  }
  // static single assignment (onnx.proto, "Names Within a Graph"): each tensor has one producer
  const firstOut = scope.infos.length;
  const producerOf: number[] = []; // by own number − firstOut
  const outIds = new Int32Array(outStart[n]!).fill(-1);
  const declared = new Set(g.inputs.map((v) => v.name));
  for (let i = 0; i < n; i++) {
    const outs = g.nodes[i]!.outputs;
    for (let j = 0; j < outs.length; j++) {
      const o = outs[j]!;
      if (!o) continue;
      const id = scope.ownId(o);
      const earlier = id !== undefined && id >= firstOut ? producerOf[id - firstOut] : undefined;
      // an own value numbered before the outputs is a graph input or an initializer
      if (id !== undefined || g.initializers.has(o) || declared.has(o))
        throw new InputError(
          where(i),
          printable(o),
          `an output name used once (already ${earlier !== undefined ? `the output of node[${earlier}]` : "a graph input or initializer"})`,
        );
      outIds[outStart[i]! + j] = scope.reserve(o);
      producerOf.push(i);
    }
  }
  const producer = (id: number | undefined) =>
    id !== undefined && id >= firstOut ? producerOf[id - firstOut] : undefined;
  // check every input (errors in file order), and whether the file's order is already topological
  const inIds = new Int32Array(inStart[n]!).fill(-1);
  let sorted = true;
  for (let i = 0; i < n; i++) {
    const ins = g.nodes[i]!.inputs;
    for (let j = 0; j < ins.length; j++) {
      const x = ins[j]!;
      if (x === "") continue;
      const id = scope.ownId(x);
      const p = producer(id);
      if (p === i)
        throw new InputError(where(i), printable(x), "an acyclic graph (this node reads its own output)");
      if (id !== undefined) inIds[inStart[i]! + j] = id;
      if (p !== undefined) {
        if (p > i) sorted = false;
      } else if (id === undefined && !(scope.parent?.has(x) ?? false))
        throw new InputError(
          where(i),
          printable(x),
          "an input that is an initializer, a graph input or another node's output",
        );
    }
  }
  const plan = { order: [] as number[], inStart, inIds, outStart, outIds };
  if (sorted) {
    for (let i = 0; i < n; i++) plan.order.push(i);
    return plan;
  }
  const waiting = new Int32Array(n);
  const edges: number[] = []; // (producer, consumer) pairs, each distinct input once
  for (let i = 0; i < n; i++) {
    const ins = g.nodes[i]!.inputs;
    for (let j = 0; j < ins.length; j++) {
      const x = ins[j]!;
      if (x === "" || ins.indexOf(x) < j) continue;
      const p = producer(inIds[inStart[i]! + j]! < 0 ? undefined : inIds[inStart[i]! + j]);
      if (p === undefined) continue;
      waiting[i]!++;
      edges.push(p, i);
    }
  }
  const order = plan.order;
  const start = new Int32Array(n + 1);
  for (let e = 0; e < edges.length; e += 2) start[edges[e]! + 1]!++;
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const consumers = new Int32Array(edges.length / 2);
  const fill = start.slice(0, n);
  for (let e = 0; e < edges.length; e += 2) consumers[fill[edges[e]!]!++] = edges[e + 1]!;
  const ready = new MinHeap();
  for (let i = 0; i < n; i++) if (waiting[i] === 0) ready.push(i);
  while (ready.size) {
    const i = ready.pop();
    order.push(i);
    for (let j = start[i]!; j < start[i + 1]!; j++)
      if (--waiting[consumers[j]!]! === 0) ready.push(consumers[j]!);
  }
  if (order.length !== n)
    throw new InputError(`${field}.node`, n - order.length, "an acyclic graph (these nodes wait on a cycle)");
  return plan;
}
