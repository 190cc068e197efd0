import { create, toBinary } from "@bufbuild/protobuf";
import {
  AttributeProto_AttributeType as AT,
  AttributeProtoSchema,
  GraphProtoSchema,
  ModelProtoSchema,
  NodeProtoSchema,
  OperatorSetIdProtoSchema,
  TensorProtoSchema,
  TensorShapeProto_DimensionSchema,
  TensorShapeProtoSchema,
  TypeProto_TensorSchema,
  TypeProtoSchema,
  ValueInfoProtoSchema,
} from "onnx-buf";

/** A small ONNX writer for tests: nodes, weights (dims only, or external data), symbolic inputs. */
export type Attr = number | number[] | string;

export class OnnxBuilder {
  private readonly nodes: ReturnType<typeof create<typeof NodeProtoSchema>>[] = [];
  private readonly inits: ReturnType<typeof create<typeof TensorProtoSchema>>[] = [];
  private readonly inputs: ReturnType<typeof create<typeof ValueInfoProtoSchema>>[] = [];
  private readonly outputs: ReturnType<typeof create<typeof ValueInfoProtoSchema>>[] = [];
  private n = 0;

  /** A graph input of element type FLOAT (1) unless given. */
  input(name: string, shape: (number | string)[], dtype = 1): string {
    this.inputs.push(valueInfo(name, shape, dtype));
    return name;
  }

  /** A float weight with zero-filled inline data, or external data at `external` (offset, length). */
  weight(name: string, dims: number[], external?: { location: string; offset: number }): string {
    const count = dims.reduce((a, b) => a * b, 1);
    this.inits.push(
      create(TensorProtoSchema, {
        name,
        dims: dims.map(BigInt),
        dataType: 1,
        ...(external
          ? {
              dataLocation: 1,
              externalData: [
                { key: "location", value: external.location },
                { key: "offset", value: String(external.offset) },
                { key: "length", value: String(count * 4) },
              ],
            }
          : { rawData: new Uint8Array(count * 4) }),
      }),
    );
    return name;
  }

  /** An int64 initializer (shapes, axes). */
  ints(name: string, values: number[]): string {
    this.inits.push(
      create(TensorProtoSchema, {
        name,
        dims: [BigInt(values.length)],
        dataType: 7,
        int64Data: values.map(BigInt),
      }),
    );
    return name;
  }

  /** Add a node; returns its first output's name. */
  node(opType: string, inputs: string[], attrs: Record<string, Attr> = {}, outputs = 1, domain = ""): string {
    const id = `${opType}_${this.n++}`;
    const outs = Array.from({ length: outputs }, (_, i) => `${id}:${i}`);
    this.nodes.push(
      create(NodeProtoSchema, {
        name: id,
        opType,
        domain,
        input: inputs,
        output: outs,
        attribute: Object.entries(attrs).map(([k, v]) => attr(k, v)),
      }),
    );
    return outs[0]!;
  }

  /** Add a node with the given output names (for graphs that break the rules: a self-loop, a reused name). */
  nodeWithOutputs(
    opType: string,
    inputs: string[],
    outputs: string[],
    attrs: Record<string, Attr> = {},
  ): void {
    const id = `${opType}_${this.n++}`;
    this.nodes.push(
      create(NodeProtoSchema, {
        name: id,
        opType,
        input: inputs,
        output: outputs,
        attribute: Object.entries(attrs).map(([k, v]) => attr(k, v)),
      }),
    );
  }

  /** An initializer with any TensorProto fields (data that may contradict its dims). */
  tensor(init: Parameters<typeof create<typeof TensorProtoSchema>>[1]): string {
    const t = create(TensorProtoSchema, init);
    this.inits.push(t);
    return t.name;
  }

  /** A graph input with no type or shape (its rank is unknown). */
  untypedInput(name: string): string {
    this.inputs.push(create(ValueInfoProtoSchema, { name }));
    return name;
  }

  /** Declare a graph output. */
  output(name: string, shape?: (number | string)[]): void {
    this.outputs.push(shape ? valueInfo(name, shape, 1) : create(ValueInfoProtoSchema, { name }));
  }

  /** Serialise with the default-domain opset (and com.microsoft 1). */
  bytes(opset = 17): Uint8Array {
    return toBinary(
      ModelProtoSchema,
      create(ModelProtoSchema, {
        irVersion: 8n,
        opsetImport: [
          create(OperatorSetIdProtoSchema, { domain: "", version: BigInt(opset) }),
          create(OperatorSetIdProtoSchema, { domain: "com.microsoft", version: 1n }),
        ],
        graph: create(GraphProtoSchema, {
          name: "test",
          node: this.nodes,
          initializer: this.inits,
          input: this.inputs,
          output: this.outputs,
        }),
      }),
    );
  }
}

function attr(name: string, v: Attr) {
  if (typeof v === "string")
    return create(AttributeProtoSchema, { name, type: AT.STRING, s: new TextEncoder().encode(v) });
  if (Array.isArray(v)) return create(AttributeProtoSchema, { name, type: AT.INTS, ints: v.map(BigInt) });
  return create(AttributeProtoSchema, { name, type: AT.INT, i: BigInt(v) });
}

function valueInfo(name: string, shape: (number | string)[], dtype: number) {
  return create(ValueInfoProtoSchema, {
    name,
    type: create(TypeProtoSchema, {
      value: {
        case: "tensorType",
        value: create(TypeProto_TensorSchema, {
          elemType: dtype,
          shape: create(TensorShapeProtoSchema, {
            dim: shape.map((d) =>
              create(TensorShapeProto_DimensionSchema, {
                value:
                  typeof d === "number"
                    ? { case: "dimValue", value: BigInt(d) }
                    : { case: "dimParam", value: d },
              }),
            ),
          }),
        }),
      },
    }),
  });
}
