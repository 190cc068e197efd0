import { fromBinary } from "@bufbuild/protobuf";
import { BinaryWriter, WireType } from "@bufbuild/protobuf/wire";
import {
  type AttributeProto,
  type GraphProto,
  ModelProtoSchema,
  type TensorProto,
  type ValueInfoProto,
} from "onnx-buf";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeGraph, decodeModel } from "../../src/graph/decodeModel.js";
import { WireError, WireReader } from "../../src/graph/wireReader.js";
import { HAS_ONNX, ONNX_DIR } from "./onnxHelpers.js";

// scalecast's ONNX reader (decodeModel.ts on wireReader.ts) against a peer: @bufbuild/protobuf's generic
// decoder with the onnx-buf schema (onnx.proto compiled by buf), on real graphs. Every field costing
// uses must come out the same.

describe("WireReader reads what @bufbuild/protobuf's BinaryWriter writes", () => {
  it("strings on every path: empty, short ASCII, ASCII past 32 bytes, UTF-8, read through a Node Buffer", () => {
    // short ASCII is built in JS, longer or non-ASCII text goes through TextDecoder: all must agree
    const texts = [
      "",
      "x",
      "layer.0.mlp/MatMul_output_0",
      "a".repeat(32),
      "b".repeat(33),
      "ménage",
      "名前".repeat(20),
    ];
    const w = new BinaryWriter();
    for (const t of texts) w.tag(1, WireType.LengthDelimited).string(t);
    const bytes = w.finish();
    for (const input of [bytes, Buffer.from(bytes)]) {
      const r = new WireReader(input);
      const got: string[] = [];
      while (r.next()) got.push(r.string());
      expect(got).toEqual(texts);
    }
  });

  it("int64 (negative, 2^53 − 1), int32, uint32, float, double, strings and bytes", () => {
    const ints = [0, 1, -1, 127, 128, 300, 2 ** 31 - 1, -(2 ** 31), 2 ** 32, 2 ** 53 - 1, -(2 ** 53 - 1)];
    const w = new BinaryWriter();
    for (const x of ints) w.tag(1, WireType.Varint).int64(BigInt(x));
    w.tag(2, WireType.Varint).int32(-7).tag(3, WireType.Varint).uint32(4_000_000_000);
    w.tag(4, WireType.Bit32).float(1.5).tag(5, WireType.Bit64).double(-2.25);
    w.tag(6, WireType.LengthDelimited)
      .string("ünïcode/名前")
      .tag(7, WireType.LengthDelimited)
      .bytes(new Uint8Array([9, 8]));
    const r = new WireReader(w.finish());
    const got: unknown[] = [];
    while (r.next()) {
      const f = r.field();
      got.push(
        f === 1
          ? r.int64()
          : f === 2
            ? r.int32()
            : f === 3
              ? r.uint32()
              : f === 4
                ? r.float()
                : f === 5
                  ? r.double()
                  : f === 6
                    ? r.string()
                    : [...r.bytes()],
      );
    }
    expect(got).toEqual([...ints, -7, 4_000_000_000, 1.5, -2.25, "ünïcode/名前", [9, 8]]);
  });

  it("truncated or overlong input throws WireError, never reads past the end", () => {
    const w = new BinaryWriter().tag(1, WireType.LengthDelimited).string("abcdef").finish();
    for (let cut = 1; cut < w.length; cut++) {
      const r = new WireReader(w.subarray(0, cut));
      expect(() => {
        while (r.next()) r.skip();
      }).toThrow(WireError);
    }
    // a length that runs past its enclosing message, though not past the buffer
    const outer = new BinaryWriter()
      .tag(1, WireType.LengthDelimited)
      .bytes(new Uint8Array([0x0a, 5, 1]))
      .tag(2, WireType.Varint)
      .int32(1)
      .finish();
    const r = new WireReader(outer);
    r.next();
    const saved = r.enter();
    r.next();
    expect(() => r.skip()).toThrow(/past the end/);
    void saved;
  });
});

/** The fields costing reads, from bufbuild's message tree (the way scalecast read them before its own reader). */
function refValueInfo(v: ValueInfoProto) {
  const t = v.type?.value;
  if (!t || (t.case !== "tensorType" && t.case !== "sparseTensorType")) return { name: v.name, dtype: 0 };
  const tensor = t.value;
  if (!tensor.shape) return { name: v.name, dtype: tensor.elemType };
  const shape = tensor.shape.dim.map((d) =>
    d.value.case === "dimValue"
      ? d.value.value < 0n
        ? undefined
        : Number(d.value.value)
      : d.value.case === "dimParam" && d.value.value
        ? d.value.value
        : undefined,
  );
  return { name: v.name, dtype: tensor.elemType, shape };
}
const refTensor = (t: TensorProto) => ({
  name: t.name,
  dtype: t.dataType,
  dims: t.dims.map(Number),
  external: t.dataLocation === 1 || t.externalData.length > 0,
});
const refAttr = (a: AttributeProto) => ({
  name: a.name,
  i: Number(a.i),
  f: a.f,
  s: new TextDecoder().decode(a.s),
  ints: a.ints.map(Number),
  floats: a.floats,
  t: a.t ? refTensor(a.t) : undefined,
  g: a.g ? a.g.node.length : undefined,
});
function refGraph(g: GraphProto) {
  return {
    name: g.name,
    nodes: g.node.map((n, i) => ({
      name: n.name || `${n.opType}_${i}`,
      opType: n.opType,
      domain: n.domain === "ai.onnx" ? "" : n.domain,
      inputs: n.input,
      outputs: n.output,
      attrs: n.attribute.map(refAttr),
    })),
    initializers: g.initializer.map(refTensor),
    inputs: g.input.map(refValueInfo),
    outputs: g.output.map(refValueInfo),
    valueInfo: g.valueInfo.map(refValueInfo),
  };
}
function ours(bytes: Uint8Array) {
  const m = decodeModel(bytes);
  const g = m.graph;
  return {
    opsets: Object.fromEntries(m.opsets),
    functions: m.functions.map((f) => [f.domain, f.name, f.inputs, f.outputs, f.nodes.length]),
    graph: {
      name: g.name,
      nodes: g.nodes.map((n) => ({
        ...n,
        attrs: n.attrs.map((a) => ({
          name: a.name,
          i: a.i ?? 0,
          f: a.f ?? 0,
          s: a.s ?? "",
          ints: a.ints ?? [],
          floats: a.floats ?? [],
          t: a.t ? { name: a.t.name, dtype: a.t.dtype, dims: a.t.dims, external: a.t.external } : undefined,
          g: a.g ? decodeGraph(a.g, "g").nodes.length : undefined,
        })),
      })),
      initializers: [...g.initializers.values()].map(({ values: _v, ...t }) => t),
      inputs: g.inputs,
      outputs: g.outputs,
      valueInfo: [...g.valueInfo.values()],
    },
  };
}
function reference(bytes: Uint8Array) {
  const m = fromBinary(ModelProtoSchema, bytes, { readUnknownFields: false });
  const opsets: Record<string, number> = {};
  for (const o of m.opsetImport) opsets[o.domain === "ai.onnx" ? "" : o.domain] = Number(o.version);
  return {
    opsets,
    functions: m.functions.map((f) => [f.domain, f.name, f.input, f.output, f.node.length]),
    graph: refGraph(m.graph!),
  };
}

const LIBONNX = "/usr/share/libonnx-testdata/data";
function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".onnx"))
    .map((e) => `${e.parentPath}/${e.name}`)
    .sort();
}

describe.skipIf(!HAS_ONNX)("decodeModel agrees with @bufbuild/protobuf + onnx-buf on real graphs", () => {
  it("the shared graphs and every 10th libonnx-testdata graph: same nodes, attributes, tensors, declarations", () => {
    const list = [...files(ONNX_DIR), ...files(LIBONNX).filter((_, i) => i % 10 === 0)];
    expect(list.length).toBeGreaterThan(40);
    for (const f of list) {
      const bytes = new Uint8Array(readFileSync(f));
      expect(ours(bytes), f).toEqual(reference(bytes));
    }
  });
});
