import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import {
  AttributeProto_AttributeType as AT,
  AttributeProtoSchema,
  FunctionProtoSchema,
  GraphProtoSchema,
  ModelProtoSchema,
  NodeProtoSchema,
  OperatorSetIdProtoSchema,
} from "onnx-buf";
import { describe, expect, it } from "vitest";
import { analyzeModel, analyzeOnnx } from "../../src/graph/analyzeGraph.js";
import { decodeModel } from "../../src/graph/decodeModel.js";
import { graphStep } from "../../src/graph/graphStep.js";
import { InputError } from "../../src/units/InputError.js";
import { OnnxBuilder } from "./buildOnnx.js";

describe("graph features", () => {
  it("folds Shape→Gather→Unsqueeze→Concat→Reshape with symbolic dims (multi-head split)", () => {
    const b = new OnnxBuilder();
    const x = b.input("x", ["batch", "sequence", 64]);
    const shape = b.node("Shape", [x]);
    const bs = b.node("Gather", [shape, b.ints("i01", [0, 1])]);
    const target = b.node("Concat", [bs, b.ints("heads", [4, 16])], { axis: 0 });
    const y = b.node("Reshape", [x, target]);
    const t = b.node("Transpose", [y], { perm: [0, 2, 1, 3] });
    const sc = b.node("MatMul", [t, b.node("Transpose", [y], { perm: [0, 2, 3, 1] })]);
    b.output(b.node("Softmax", [sc], { axis: -1 }));
    const a = analyzeOnnx(b.bytes());
    expect(a.outputs[0]!.tensor.shape!.map(String)).toEqual(["batch", "4", "sequence", "sequence"]);
    // scores: 2·(4·batch)·s·16·s = 128·b·s²; softmax 5·4·b·s² = 20·b·s²
    expect(a.forwardFlops.toString()).toBe("148*batch*sequence^2");
    expect(a.uncosted).toEqual([]);
  });

  it("external-data weights are counted from their dims; the side file is never opened", () => {
    const b = new OnnxBuilder();
    const x = b.input("x", ["batch", 1000]);
    b.output(
      b.node("MatMul", [x, b.weight("w", [1000, 4000], { location: "does-not-exist.bin", offset: 0 })]),
    );
    const a = analyzeOnnx(b.bytes());
    expect(a.params.value).toBe(4_000_000);
    expect(a.weightBytes.value).toBe(16_000_000);
    expect(a.macs.toString()).toBe("4000000*batch");
  });

  it("LSTM: gates GEMM over [x, h] plus 24 FLOP per hidden unit per step", () => {
    const b = new OnnxBuilder();
    const x = b.input("x", ["sequence", "batch", 32]);
    const y = b.node(
      "LSTM",
      [x, b.weight("W", [1, 4 * 64, 32]), b.weight("R", [1, 4 * 64, 64]), b.weight("B", [1, 8 * 64])],
      { hidden_size: 64 },
      3,
    );
    b.output(y);
    const a = analyzeOnnx(b.bytes());
    // params 4·64·(32 + 64) + 8·64 = 25,088; per (s, b): 2·96·256 + 256 bias + 24·64 = 50944
    expect(a.params.value).toBe(25_088);
    expect(a.forwardFlops.toString()).toBe("50944*batch*sequence");
    expect(a.outputs[0]!.tensor.shape!.map(String)).toEqual(["sequence", "1", "batch", "64"]);
  });

  it("Loop bodies repeat by their trip count; model-local functions are inlined", () => {
    const relu = create(FunctionProtoSchema, {
      name: "MyAct",
      domain: "local",
      input: ["a"],
      output: ["b"],
      node: [create(NodeProtoSchema, { opType: "Relu", input: ["a"], output: ["b"] })],
      opsetImport: [create(OperatorSetIdProtoSchema, { domain: "", version: 17n })],
    });
    const body = create(GraphProtoSchema, {
      name: "body",
      input: [{ name: "i" }, { name: "c" }, { name: "h" }],
      output: [{ name: "c_out" }, { name: "h_out" }],
      node: [
        create(NodeProtoSchema, { opType: "Identity", input: ["c"], output: ["c_out"] }),
        create(NodeProtoSchema, { opType: "MatMul", input: ["h", "w"], output: ["hw"] }),
        create(NodeProtoSchema, { opType: "MyAct", domain: "local", input: ["hw"], output: ["h_out"] }),
      ],
    });
    const b = new OnnxBuilder();
    const h = b.input("h0", ["batch", 8]);
    b.weight("w", [8, 8]);
    const m = b.ints("M", [5]);
    const model = fromBinary(ModelProtoSchema, b.bytes());
    model.graph!.node.push(
      create(NodeProtoSchema, {
        name: "loop",
        opType: "Loop",
        input: [m, "", h],
        output: ["h_final"],
        attribute: [create(AttributeProtoSchema, { name: "body", type: AT.GRAPH, g: body })],
      }),
    );
    model.functions.push(relu);
    model.opsetImport.push(create(OperatorSetIdProtoSchema, { domain: "local", version: 1n }));
    const bytes = toBinary(ModelProtoSchema, create(ModelProtoSchema, model));
    const a = analyzeOnnx(bytes);
    // 5 trips × (MatMul 2·8·8 + Relu 8) per batch row = 5·136
    expect(a.forwardFlops.toString()).toBe("680*batch");
    expect(a.params.value).toBe(64);
    expect(a.unknownOps).toEqual({});
    expect(analyzeModel(decodeModel(bytes)).forwardFlops.toString()).toBe("680*batch");
  });

  it("a node reading a tensor nobody produces, and a cycle, are InputErrors", () => {
    const b = new OnnxBuilder();
    b.output(b.node("Relu", ["nowhere"]));
    expect(() => analyzeOnnx(b.bytes())).toThrow(InputError);
    const c = new OnnxBuilder();
    c.node("Relu", ["Relu_1:0"]);
    c.node("Relu", ["Relu_0:0"]);
    expect(() => analyzeOnnx(c.bytes())).toThrow(/acyclic/);
  });

  it("unknown ops are listed, never silently zero; the step still assembles", () => {
    const b = new OnnxBuilder();
    const x = b.input("x", [2, 3]);
    b.output(b.node("Trilu", [b.node("Relu", [x])]));
    const a = analyzeOnnx(b.bytes());
    expect(a.unknownOps).toEqual({ Trilu: 1 });
    expect(graphStep(a).step.forward.flops).toBe(6);
  });
});
