import { InputError } from "../units/InputError.js";
import { checkDim, printable, readTensor } from "./constTensor.js";
import type {
  ConstTensor,
  DeclaredDim,
  IrAttr,
  IrFunction,
  IrGraph,
  IrModel,
  IrNode,
  ValueDecl,
} from "./graphIr.js";
import { I32, LEN, READ_FLOAT, READ_INT64, VARINT, WireError, WireReader } from "./wireReader.js";

/**
 * Decode an ONNX ModelProto (onnx.proto, IR versions 3 to 11; field numbers as in onnx.proto) from its
 * bytes into scalecast's graph IR, reading only what costing needs. Corrupt or truncated bytes give an
 * InputError naming `field`, never a crash. Only the .onnx file itself is read: weights in
 * external-data side files are never opened (their TensorProto carries dims and a location).
 */
export function decodeModel(bytes: Uint8Array, field = "model"): IrModel {
  return guarded(bytes, field, "an ONNX ModelProto", () => {
    const r = new WireReader(bytes);
    const opsets = new Map<string, number>();
    const functions: IrFunction[] = [];
    let graph: [number, number] | undefined;
    while (r.next()) {
      if (r.field() === 7) {
        r.expect(LEN);
        const start = r.len();
        graph = [start, r.pos];
      } else if (r.field() === 8) {
        r.expect(LEN);
        const outer = r.enter();
        let domain = "";
        let version = 0;
        while (r.next()) {
          if (r.field() === 1 && r.wire() === LEN) domain = r.string();
          else if (r.field() === 2 && r.wire() === VARINT) version = r.int64();
          else r.skip();
        }
        r.leave(outer);
        opsets.set(domain === "ai.onnx" ? "" : domain, version);
      } else if (r.field() === 25) {
        r.expect(LEN);
        functions.push(readFunction(r, `${field}.functions[${functions.length}]`));
      } else r.skip();
    }
    if (!graph) throw new InputError(`${field}.graph`, undefined, "an ONNX model with a graph");
    return {
      opsets,
      graph: readGraph(new WireReader(bytes, graph[0], graph[1]), `${field}.graph`),
      functions,
    };
  });
}

/** Decode a GraphProto's bytes (a subgraph attribute `g`), errors naming `field`. */
export function decodeGraph(bytes: Uint8Array, field: string): IrGraph {
  return guarded(bytes, field, "an ONNX GraphProto", () => readGraph(new WireReader(bytes), field));
}

function guarded<T>(bytes: Uint8Array, field: string, what: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof WireError)
      throw new InputError(field, `${bytes.length} bytes`, `${what} (${e.message})`);
    throw e;
  }
}

/** Per-graph decoding state: interned op types and domains, and scratch arrays for node inputs and outputs. */
class Interner {
  /**
   * Names are collected here, then copied to an array of their count: an array grown by push keeps
   * spare capacity (17 slots). Never shortened (setting length to 0 drops the backing store, which was
   * then allocated again for every node): readNode counts the entries it writes.
   */
  readonly inputs: string[] = [];
  readonly outputs: string[] = [];
  private readonly seen = new Map<string, string>();
  /** One string per distinct op type or domain. */
  get(s: string): string {
    const hit = this.seen.get(s);
    if (hit !== undefined) return hit;
    if (this.seen.size < 4096) this.seen.set(s, s);
    return s;
  }
}

const NO_ATTRS: readonly IrAttr[] = Object.freeze([]);

function readGraph(r: WireReader, field: string): IrGraph {
  const intern = new Interner();
  const nodes: IrNode[] = [];
  const initializers = new Map<string, ConstTensor>();
  const inputs: ValueDecl[] = [];
  const outputs: ValueDecl[] = [];
  const valueInfo = new Map<string, ValueDecl>();
  let name = "";
  let nInit = 0;
  let nSparse = 0;
  while (r.next()) {
    switch (r.field()) {
      case 1:
        r.expect(LEN);
        nodes.push(readNode(r, nodes.length, intern, field));
        break;
      case 2:
        r.expect(LEN);
        name = r.string();
        break;
      case 5: {
        r.expect(LEN);
        const i = nInit++;
        const t = readTensor(r, () => `${field}.initializer[${i}]`);
        initializers.set(t.name, t);
        break;
      }
      case 15: {
        r.expect(LEN);
        const t = readSparse(r, `${field}.sparse_initializer[${nSparse++}]`);
        initializers.set(t.name, t);
        break;
      }
      case 11:
        r.expect(LEN);
        inputs.push(readValueInfo(r, field, "input"));
        break;
      case 12:
        r.expect(LEN);
        outputs.push(readValueInfo(r, field, "output"));
        break;
      case 13: {
        r.expect(LEN);
        const v = readValueInfo(r, field, "value_info");
        valueInfo.set(v.name, v);
        break;
      }
      default:
        r.skip();
    }
  }
  return { name, nodes, initializers, inputs, outputs, valueInfo };
}

/** A NodeProto: input 1, output 2, name 3, op_type 4, attribute 5, domain 7 (`field`: the graph's). */
function readNode(r: WireReader, index: number, intern: Interner, field: string): IrNode {
  const outer = r.enter();
  const { inputs, outputs } = intern;
  let nIn = 0;
  let nOut = 0;
  let name = "";
  let opType = "";
  let domain = "";
  let attrs: IrAttr[] | undefined;
  while (r.next()) {
    switch (r.field()) {
      case 1:
        r.expect(LEN);
        inputs[nIn++] = r.string();
        break;
      case 2:
        r.expect(LEN);
        outputs[nOut++] = r.string();
        break;
      case 3:
        r.expect(LEN);
        name = r.string();
        break;
      case 4:
        r.expect(LEN);
        opType = intern.get(r.string());
        break;
      case 5:
        r.expect(LEN);
        (attrs ??= []).push(readAttr(r, field, index, name));
        break;
      case 7: {
        r.expect(LEN);
        const d = r.string();
        domain = intern.get(d === "ai.onnx" ? "" : d);
        break;
      }
      default:
        r.skip();
    }
  }
  r.leave(outer);
  return {
    name: name || `${opType}_${index}`,
    opType,
    domain,
    inputs: inputs.slice(0, nIn),
    outputs: outputs.slice(0, nOut),
    attrs: attrs ?? NO_ATTRS,
  };
}

/** An AttributeProto: name 1, f 2, i 3, s 4, t 5, g 6, floats 7, ints 8, ref_attr_name 21, sparse_tensor 22. */
function readAttr(r: WireReader, graphField: string, index: number, node: string): IrAttr {
  const outer = r.enter();
  const a: IrAttr = { name: "" };
  while (r.next()) {
    switch (r.field()) {
      case 1:
        r.expect(LEN);
        a.name = r.string();
        break;
      case 2:
        r.expect(I32);
        a.f = r.float();
        break;
      case 3:
        r.expect(VARINT);
        a.i = r.int64();
        break;
      case 4:
        r.expect(LEN);
        a.s = r.string();
        break;
      case 5:
        r.expect(LEN);
        a.t = readTensor(r, attrField(graphField, index, node, a.name));
        break;
      case 6:
        r.expect(LEN);
        a.g = r.bytes();
        break;
      case 7:
        r.repeated(I32, READ_FLOAT, (a.floats ??= []));
        break;
      case 8:
        r.repeated(VARINT, READ_INT64, (a.ints ??= []));
        break;
      case 21:
        r.expect(LEN);
        a.ref = r.string();
        break;
      case 22: {
        r.expect(LEN);
        const t = readSparse(r, attrField(graphField, index, node, a.name)());
        a.sparse = { dims: t.dims, dtype: t.dtype };
        break;
      }
      default:
        r.skip();
    }
  }
  r.leave(outer);
  return a;
}

/**
 * The place of a node's attribute in the file, for errors, as a function (the text is built only when
 * an error is thrown). Made here, not in readAttr, so that readAttr keeps no closure state per attribute.
 */
function attrField(graphField: string, index: number, node: string, name: string): () => string {
  return () =>
    `${graphField}.node[${index}]${node ? ` ${printable(node)}` : ""}.${printable(name) || "attribute"}`;
}

/** A SparseTensorProto: values 1 (its name and type), dims 3. */
function readSparse(r: WireReader, field: string): ConstTensor {
  const outer = r.enter();
  let name = "";
  let dtype = 1;
  const dims: number[] = [];
  while (r.next()) {
    if (r.field() === 1 && r.wire() === LEN) {
      const v = readTensor(r, () => `${field}.values`);
      name = v.name;
      dtype = v.dtype;
    } else if (r.field() === 3) r.repeated(VARINT, READ_INT64, dims);
    else r.skip();
  }
  r.leave(outer);
  dims.forEach((d, i) => checkDim(d, `${field}.dims[${i}]`));
  return { name, dtype, dims, external: false };
}

/** A ValueInfoProto (name 1, type 2) with its TypeProto's tensor_type 1 or sparse_tensor_type 8. */
function readValueInfo(r: WireReader, graphField: string, list: string): ValueDecl {
  const outer = r.enter();
  let name = "";
  let type = -1;
  while (r.next()) {
    if (r.field() === 1 && r.wire() === LEN) name = r.string();
    else if (r.field() === 2 && r.wire() === LEN) {
      type = r.pos;
      r.skip();
    } else r.skip();
  }
  const after = r.pos;
  let decl: ValueDecl = { name, dtype: 0 };
  if (type >= 0) {
    // TypeProto: the tensor (1) or sparse tensor (8) case of its oneof; the last case present wins
    r.pos = type;
    const typeOuter = r.enter();
    let tensor = -1;
    while (r.next()) {
      if ((r.field() === 1 || r.field() === 8) && r.wire() === LEN) tensor = r.pos;
      else if (r.field() === 4 || r.field() === 5 || r.field() === 7 || r.field() === 9) tensor = -1; // sequence, map, opaque, optional
      r.skip();
    }
    if (tensor >= 0) {
      r.pos = tensor;
      const tensorOuter = r.enter();
      let dtype = 0;
      let shape: DeclaredDim[] | undefined;
      while (r.next()) {
        if (r.field() === 1 && r.wire() === VARINT) dtype = r.int32();
        else if (r.field() === 2 && r.wire() === LEN)
          shape = readShape(r, () => `${graphField}.${list}.${printable(name)}`);
        else r.skip();
      }
      r.leave(tensorOuter);
      decl = shape ? { name, dtype, shape } : { name, dtype };
    }
    r.leave(typeOuter);
  }
  r.pos = after;
  r.leave(outer);
  return decl;
}

/** A TensorShapeProto: dim 1, each Dimension dim_value 1 or dim_param 2 (a oneof: the last wins). */
function readShape(r: WireReader, field: () => string): DeclaredDim[] {
  const outer = r.enter();
  const shape: DeclaredDim[] = [];
  while (r.next()) {
    if (r.field() !== 1 || r.wire() !== LEN) {
      r.skip();
      continue;
    }
    const dimOuter = r.enter();
    let dim: DeclaredDim;
    while (r.next()) {
      if (r.field() === 1 && r.wire() === VARINT) {
        const n = r.int64();
        dim =
          n < 0
            ? undefined
            : n <= Number.MAX_SAFE_INTEGER
              ? n
              : checkDim(n, `${field()}.shape[${shape.length}]`);
      } else if (r.field() === 2 && r.wire() === LEN) {
        const p = r.string();
        dim = p || undefined;
      } else r.skip();
    }
    r.leave(dimOuter);
    shape.push(dim);
  }
  r.leave(outer);
  return shape;
}

/** A FunctionProto: name 1, input 4, output 5, node 7, domain 10, attribute_proto 11. */
function readFunction(r: WireReader, field: string): IrFunction {
  const outer = r.enter();
  const intern = new Interner();
  const fn: IrFunction = { name: "", domain: "", inputs: [], outputs: [], defaults: [], nodes: [] };
  const defaults: IrAttr[] = [];
  while (r.next()) {
    switch (r.field()) {
      case 1:
        r.expect(LEN);
        fn.name = r.string();
        break;
      case 4:
        r.expect(LEN);
        fn.inputs.push(r.string());
        break;
      case 5:
        r.expect(LEN);
        fn.outputs.push(r.string());
        break;
      case 7:
        r.expect(LEN);
        fn.nodes.push(readNode(r, fn.nodes.length, intern, field));
        break;
      case 10:
        r.expect(LEN);
        fn.domain = r.string();
        break;
      case 11:
        r.expect(LEN);
        defaults.push(readAttr(r, `${field}.attribute_proto`, defaults.length, ""));
        break;
      default:
        r.skip();
    }
  }
  r.leave(outer);
  fn.defaults = defaults;
  return fn;
}
