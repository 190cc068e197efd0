/**
 * The graph scalecast analyses: ONNX's GraphProto (onnx.proto, IR version 3 to 13) reduced to what
 * costing needs, with model-local functions already inlined. Weight bytes are never held: a constant
 * keeps its dims and type, and its values only when it is a small integer tensor (shape arithmetic).
 */

/** A declared dimension: a number, a named symbol (`dim_param`), or unknown. */
export type DeclaredDim = number | string | undefined;

/** A graph input, output or value_info entry. */
export interface ValueDecl {
  name: string;
  /** Element type (TensorProto.DataType); 0 when not a tensor or not declared. */
  dtype: number;
  /** Declared shape, or undefined when the rank is unknown. */
  shape?: DeclaredDim[];
}

/** An initializer (or a Constant's tensor): dims and type, plus small integer values for folding. */
export interface ConstTensor {
  name: string;
  dtype: number;
  dims: number[];
  /** Values of a small (≤ 4,096 elements) non-external integer or float tensor, else undefined. */
  values?: number[];
  /** True when its data lives in a side file (TensorProto.data_location = EXTERNAL). */
  external: boolean;
}

/**
 * One attribute (onnx.proto `AttributeProto`), only the fields costing reads: a subgraph stays as its
 * GraphProto bytes until a walk reaches it (decodeGraph), a tensor keeps dims, type and small values.
 */
export interface IrAttr {
  name: string;
  /** In a function body: the caller's attribute this one takes its value from (`ref_attr_name`). */
  ref?: string;
  f?: number;
  i?: number;
  /** `s`, decoded as UTF-8. */
  s?: string;
  t?: ConstTensor;
  /** `g`: the GraphProto's bytes (a view of the file). */
  g?: Uint8Array;
  floats?: number[];
  ints?: number[];
  /** `sparse_tensor`: its dims and value type. */
  sparse?: { dims: number[]; dtype: number };
}

/** One node. */
export interface IrNode {
  name: string;
  opType: string;
  /** "" for the default ONNX domain (ai.onnx). */
  domain: string;
  inputs: string[];
  outputs: string[];
  /** Attributes in file order (few per node: a linear search by name, see {@link attr}). */
  attrs: readonly IrAttr[];
}

/** The attribute `name` of a node, or undefined. */
export function attr(node: IrNode, name: string): IrAttr | undefined {
  for (const a of node.attrs) if (a.name === name) return a;
  return undefined;
}

/** A model-local function (onnx.proto `FunctionProto`, IR ≥ 8), inlined where it is called. */
export interface IrFunction {
  name: string;
  domain: string;
  inputs: string[];
  outputs: string[];
  /** Default values of its attributes (`attribute_proto`). */
  defaults: readonly IrAttr[];
  nodes: IrNode[];
}

/** A decoded model: opsets by domain ("" is ai.onnx), its main graph and its functions. */
export interface IrModel {
  opsets: Map<string, number>;
  graph: IrGraph;
  functions: IrFunction[];
}

/** A graph or subgraph. */
export interface IrGraph {
  name: string;
  nodes: IrNode[];
  initializers: Map<string, ConstTensor>;
  inputs: ValueDecl[];
  outputs: ValueDecl[];
  valueInfo: Map<string, ValueDecl>;
}
