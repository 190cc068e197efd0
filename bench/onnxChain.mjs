// Generated ONNX graphs of any size for the ONNX benchmarks (bench/onnx-python.mjs): a residual MLP
// chain whose blocks are MatMul -> Add -> Relu -> Add (residual), all weights shared (so the file stays
// small and the work is the graph, not the bytes), with a free `batch` dimension (symbolic) or a fixed
// batch of 8 (concrete). The same bytes are analysed by scalecast and by Python's onnx, side by side.
import { create, toBinary } from "@bufbuild/protobuf";
import { ModelProtoSchema } from "onnx-buf";

const dim = (d) =>
  typeof d === "number"
    ? { value: { case: "dimValue", value: BigInt(d) } }
    : { value: { case: "dimParam", value: d } };
const valueInfo = (name, shape) => ({
  name,
  type: { value: { case: "tensorType", value: { elemType: 1, shape: { dim: shape.map(dim) } } } },
});

/**
 * An ONNX model (bytes) of about `nodes` nodes (a multiple of 4): blocks of MatMul, Add, Relu and a
 * residual Add on a [batch, width] activation. `symbolic`: batch is the free dimension `batch`.
 * Each block costs batch·width² MACs (the MatMul).
 */
export function chainModel(nodes, { width = 64, symbolic = true } = {}) {
  const batch = symbolic ? "batch" : 8;
  const list = [];
  let x = "x";
  for (let b = 0; b < Math.ceil(nodes / 4); b++) {
    const m = `mm${b}`;
    const a = `add${b}`;
    const r = `relu${b}`;
    const y = `res${b}`;
    list.push(
      { name: m, opType: "MatMul", input: [x, "w"], output: [m] },
      { name: a, opType: "Add", input: [m, "bias"], output: [a] },
      { name: r, opType: "Relu", input: [a], output: [r] },
      { name: y, opType: "Add", input: [r, x], output: [y] },
    );
    x = y;
  }
  const zeros = (n) => new Uint8Array(4 * n);
  const model = create(ModelProtoSchema, {
    irVersion: 8n,
    opsetImport: [{ domain: "", version: 17n }],
    graph: {
      name: "chain",
      node: list,
      initializer: [
        { name: "w", dims: [BigInt(width), BigInt(width)], dataType: 1, rawData: zeros(width * width) },
        { name: "bias", dims: [BigInt(width)], dataType: 1, rawData: zeros(width) },
      ],
      input: [valueInfo("x", [batch, width])],
      output: [valueInfo(x, [batch, width])],
    },
  });
  return toBinary(ModelProtoSchema, model);
}
