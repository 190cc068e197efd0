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
import { I32, LEN, VARINT, WireError, WireReader } from "./wireReader.js";

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
      if (r.field === 7) {
        r.expect(LEN);
        const start = r.len();
        graph = [start, r.pos];
      } else if (r.field === 8) {
        r.expect(LEN);
        const o = r.message();
        let domain = "";
        let version = 0;
        while (o.next()) {
          if (o.field === 1 && o.wire === LEN) domain = o.string();
          else if (o.field === 2 && o.wire === VARINT) version = o.int64();
          else o.skip();
        }
        opsets.set(domain === "ai.onnx" ? "" : domain, version);
      } else if (r.field === 25) {
        r.expect(LEN);
        functions.push(readFunction(r.message(), `${field}.functions[${functions.length}]`));
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

/** Op types and domains repeat across nodes: one string each per model. */
class Interner {
  private readonly seen = new Map<string, string>();
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
    switch (r.field) {
      case 1:
        r.expect(LEN);
        nodes.push(readNode(r.message(), nodes.length, intern, `${field}.node`));
        break;
      case 2:
        r.expect(LEN);
        name = r.string();
        break;
      case 5: {
        r.expect(LEN);
        const t = readTensor(r, `${field}.initializer[${nInit++}]`);
        initializers.set(t.name, t);
        break;
      }
      case 15: {
        r.expect(LEN);
        const t = readSparse(r.message(), `${field}.sparse_initializer[${nSparse++}]`);
        initializers.set(t.name, t);
        break;
      }
      case 11:
        r.expect(LEN);
        inputs.push(readValueInfo(r.message(), `${field}.input`));
        break;
      case 12:
        r.expect(LEN);
        outputs.push(readValueInfo(r.message(), `${field}.output`));
        break;
      case 13: {
        r.expect(LEN);
        const v = readValueInfo(r.message(), `${field}.value_info`);
        valueInfo.set(v.name, v);
        break;
      }
      default:
        r.skip();
    }
  }
  return { name, nodes, initializers, inputs, outputs, valueInfo };
}

/** A NodeProto: input 1, output 2, name 3, op_type 4, attribute 5, domain 7. */
function readNode(r: WireReader, index: number, intern: Interner, field: string): IrNode {
  const inputs: string[] = [];
  const outputs: string[] = [];
  let name = "";
  let opType = "";
  let domain = "";
  let attrs: IrAttr[] | undefined;
  while (r.next()) {
    switch (r.field) {
      case 1:
        r.expect(LEN);
        inputs.push(r.string());
        break;
      case 2:
        r.expect(LEN);
        outputs.push(r.string());
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
        (attrs ??= []).push(readAttr(r.message(), `${field}[${index}]${name ? ` ${printable(name)}` : ""}`));
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
  return { name: name || `${opType}_${index}`, opType, domain, inputs, outputs, attrs: attrs ?? NO_ATTRS };
}

/** An AttributeProto: name 1, f 2, i 3, s 4, t 5, g 6, floats 7, ints 8, ref_attr_name 21, sparse_tensor 22. */
function readAttr(r: WireReader, field: string): IrAttr {
  const a: IrAttr = { name: "" };
  while (r.next()) {
    switch (r.field) {
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
        a.t = readTensor(r, `${field}.${printable(a.name) || "attribute"}`);
        break;
      case 6:
        r.expect(LEN);
        a.g = r.bytes();
        break;
      case 7:
        r.repeated(I32, () => r.float(), (a.floats ??= []));
        break;
      case 8:
        r.repeated(VARINT, () => r.int64(), (a.ints ??= []));
        break;
      case 21:
        r.expect(LEN);
        a.ref = r.string();
        break;
      case 22: {
        r.expect(LEN);
        const t = readSparse(r.message(), `${field}.${printable(a.name) || "attribute"}`);
        a.sparse = { dims: t.dims, dtype: t.dtype };
        break;
      }
      default:
        r.skip();
    }
  }
  return a;
}

/** A SparseTensorProto: values 1 (its name and type), dims 3. */
function readSparse(r: WireReader, field: string): ConstTensor {
  let name = "";
  let dtype = 1;
  const dims: number[] = [];
  while (r.next()) {
    if (r.field === 1 && r.wire === LEN) {
      const v = readTensor(r, `${field}.values`);
      name = v.name;
      dtype = v.dtype;
    } else if (r.field === 3) r.repeated(VARINT, () => r.int64(), dims);
    else r.skip();
  }
  dims.forEach((d, i) => checkDim(d, `${field}.dims[${i}]`));
  return { name, dtype, dims, external: false };
}

/** A ValueInfoProto (name 1, type 2) with its TypeProto's tensor_type 1 or sparse_tensor_type 8. */
function readValueInfo(r: WireReader, field: string): ValueDecl {
  let name = "";
  let type: [number, number] | undefined;
  while (r.next()) {
    if (r.field === 1 && r.wire === LEN) name = r.string();
    else if (r.field === 2 && r.wire === LEN) {
      const start = r.len();
      type = [start, r.pos];
    } else r.skip();
  }
  if (!type) return { name, dtype: 0 };
  const t = new WireReader(r.buf, type[0], type[1]);
  let tensor: WireReader | undefined;
  while (t.next()) {
    if ((t.field === 1 || t.field === 8) && t.wire === LEN) tensor = t.message();
    else if (t.field === 4 || t.field === 5 || t.field === 7 || t.field === 9) {
      tensor = undefined; // sequence, map, opaque, optional: not a tensor (the oneof's last value wins)
      t.skip();
    } else t.skip();
  }
  if (!tensor) return { name, dtype: 0 };
  let dtype = 0;
  let shape: DeclaredDim[] | undefined;
  const where = `${field}.${printable(name)}`;
  while (tensor.next()) {
    if (tensor.field === 1 && tensor.wire === VARINT) dtype = tensor.int32();
    else if (tensor.field === 2 && tensor.wire === LEN) shape = readShape(tensor.message(), where);
    else tensor.skip();
  }
  return shape ? { name, dtype, shape } : { name, dtype };
}

/** A TensorShapeProto: dim 1, each Dimension dim_value 1 or dim_param 2 (a oneof: the last wins). */
function readShape(r: WireReader, field: string): DeclaredDim[] {
  const shape: DeclaredDim[] = [];
  while (r.next()) {
    if (r.field !== 1 || r.wire !== LEN) {
      r.skip();
      continue;
    }
    const d = r.message();
    let dim: DeclaredDim;
    while (d.next()) {
      if (d.field === 1 && d.wire === VARINT) {
        const n = d.int64();
        dim = n < 0 ? undefined : checkDim(n, `${field}.shape[${shape.length}]`);
      } else if (d.field === 2 && d.wire === LEN) {
        const p = d.string();
        dim = p || undefined;
      } else d.skip();
    }
    shape.push(dim);
  }
  return shape;
}

/** A FunctionProto: name 1, input 4, output 5, node 7, domain 10, attribute_proto 11. */
function readFunction(r: WireReader, field: string): IrFunction {
  const intern = new Interner();
  const fn: IrFunction = { name: "", domain: "", inputs: [], outputs: [], defaults: [], nodes: [] };
  const defaults: IrAttr[] = [];
  while (r.next()) {
    switch (r.field) {
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
        fn.nodes.push(readNode(r.message(), fn.nodes.length, intern, `${field}.node`));
        break;
      case 10:
        r.expect(LEN);
        fn.domain = r.string();
        break;
      case 11:
        r.expect(LEN);
        defaults.push(readAttr(r.message(), `${field}.attribute_proto`));
        break;
      default:
        r.skip();
    }
  }
  fn.defaults = defaults;
  return fn;
}
