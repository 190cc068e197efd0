import { InputError } from "../units/InputError.js";
import { dtypeBytes } from "./dtype.js";
import type { ConstTensor } from "./graphIr.js";
import {
  I32,
  I64,
  LEN,
  READ_DOUBLE,
  READ_FLOAT,
  READ_INT32,
  READ_INT64,
  READ_UINT64,
  VARINT,
  type WireReader,
} from "./wireReader.js";

/** Largest tensor whose values are decoded (shape arithmetic needs only a few). */
export const MAX_FOLDED_ELEMENTS = 4096;

/** ONNX dims are int64; beyond 2^53 a count is no longer exact in a double. */
export function checkDim(d: number, field: string): number {
  if (!(d >= 0 && d <= Number.MAX_SAFE_INTEGER))
    throw new InputError(field, d, "a dimension between 0 and 2^53");
  return d;
}

/** A name from a file, safe to print on one line (control characters replaced, long names cut). */
export function printable(name: string): string {
  // eslint-disable-next-line no-control-regex
  const s = name.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, "?");
  return s.length > 60 ? `${s.slice(0, 59)}…` : s;
}

/** TensorProto fields holding data (onnx.proto): float_data 4, int32_data 5, int64_data 7, double_data 10, uint64_data 11, raw_data 9. */
const FLOAT_DATA = 4;
const INT32_DATA = 5;
const INT64_DATA = 7;
const RAW_DATA = 9;
const DOUBLE_DATA = 10;
const UINT64_DATA = 11;

/** Which typed-data field holds a type's elements, and how many entries per element (onnx.proto comments). */
const TYPED_FIELD: Readonly<Record<number, [field: number, perElement: number]>> = {
  1: [FLOAT_DATA, 1], // FLOAT
  14: [FLOAT_DATA, 2], // COMPLEX64: real and imaginary parts
  2: [INT32_DATA, 1], // UINT8
  3: [INT32_DATA, 1], // INT8
  4: [INT32_DATA, 1], // UINT16
  5: [INT32_DATA, 1], // INT16
  6: [INT32_DATA, 1], // INT32
  9: [INT32_DATA, 1], // BOOL
  10: [INT32_DATA, 1], // FLOAT16 (bit patterns)
  16: [INT32_DATA, 1], // BFLOAT16 (bit patterns)
  7: [INT64_DATA, 1], // INT64
  11: [DOUBLE_DATA, 1], // DOUBLE
  15: [DOUBLE_DATA, 2], // COMPLEX128
  12: [UINT64_DATA, 1], // UINT32
  13: [UINT64_DATA, 1], // UINT64
};

/** Bytes of `numel` elements of `dtype` in raw_data (little-endian, sub-byte types packed), or undefined (strings). */
function rawBytes(dtype: number, numel: number): number | undefined {
  if (dtype === 8 || dtype === 0) return undefined;
  return Math.ceil(numel * dtypeBytes(dtype));
}

/** One data record of a TensorProto: its field, wire type and byte range in the file. */
interface Segment {
  field: number;
  wire: number;
  start: number;
  end: number;
}

/**
 * Read a TensorProto (onnx.proto `TensorProto`) at the reader's current length-delimited field into
 * dims, type and, for small tensors stored inline, values. Weight bytes are never copied, and external
 * data is never opened (only its `length` entry is read). Data that contradicts the dims (a raw_data
 * or typed-data length that is not what the dims and type need) is an InputError naming the tensor:
 * such a file is corrupt and every count built on it would be wrong.
 */
export function readTensor(r: WireReader, field: () => string): ConstTensor {
  const outer = r.enter();
  const dims: number[] = [];
  let dtype = 0;
  let name = "";
  let location = 0;
  let externalLength: number | undefined;
  let external = false;
  const segments: Segment[] = [];
  while (r.next()) {
    switch (r.field()) {
      case 1:
        r.repeated(VARINT, READ_INT64, dims);
        break;
      case 2:
        r.expect(VARINT);
        dtype = r.int32();
        break;
      case 8:
        r.expect(LEN);
        name = r.string();
        break;
      case 13: {
        r.expect(LEN);
        external = true;
        const saved = r.enter();
        let key = "";
        let value = "";
        while (r.next()) {
          if (r.field() === 1 && r.wire() === LEN) key = r.string();
          else if (r.field() === 2 && r.wire() === LEN) value = r.string();
          else r.skip();
        }
        r.leave(saved);
        if (key === "length" && /^\d+$/.test(value)) externalLength = Number(value);
        break;
      }
      case 14:
        r.expect(VARINT);
        location = r.int32();
        break;
      case FLOAT_DATA:
      case INT32_DATA:
      case INT64_DATA:
      case RAW_DATA:
      case DOUBLE_DATA:
      case UINT64_DATA: {
        const start = r.pos;
        const wire = r.wire();
        r.skip();
        segments.push({ field: r.field(), wire, start, end: r.pos });
        break;
      }
      default:
        r.skip();
    }
  }
  const end = r.pos;
  for (let i = 0; i < dims.length; i++)
    if (!(dims[i]! >= 0 && dims[i]! <= Number.MAX_SAFE_INTEGER))
      checkDim(dims[i]!, `${tensorField(field, name)}.dims[${i}]`);
  let numel = 1;
  for (const d of dims) numel *= d;
  const out: ConstTensor = { name, dtype, dims, external: external || location === 1 };
  if (out.external) {
    const want = rawBytes(dtype, numel);
    if (externalLength !== undefined && want !== undefined && externalLength !== want)
      throw new InputError(
        `${tensorField(field, name)}.external_data`,
        `length ${externalLength}`,
        `${want} bytes for ${dimsText(dims, dtype)}`,
      );
    r.leave(outer);
    return out;
  }
  let rawLength = 0;
  for (const s of segments) if (s.field === RAW_DATA) rawLength += lengthOf(r, s);
  const want = rawBytes(dtype, numel);
  if (rawLength > 0 && want !== undefined && rawLength !== want)
    throw new InputError(
      `${tensorField(field, name)}.raw_data`,
      `${rawLength} bytes`,
      `${want} bytes for ${dimsText(dims, dtype)}`,
    );
  const typed = TYPED_FIELD[dtype];
  if (typed) {
    let count = 0;
    for (const s of segments) if (s.field === typed[0]) count += countOf(r, s);
    if (count > 0 && count !== numel * typed[1])
      throw new InputError(
        `${tensorField(field, name)}.${FIELD_NAME[typed[0]]}`,
        `${count} values`,
        `${numel * typed[1]} for ${dimsText(dims, dtype)}`,
      );
  }
  if (numel <= MAX_FOLDED_ELEMENTS) {
    const values = decodeValues(r, segments, dtype, numel);
    if (values) out.values = values;
  }
  r.pos = end; // decodeValues moved the cursor over the data records: back to the tensor's end
  r.end = end;
  r.leave(outer);
  return out;
}

/** The tensor's place in the file, for errors (built only when one is thrown: no closure per tensor). */
function tensorField(field: () => string, name: string): string {
  return `${field()}${name ? ` ${printable(name)}` : ""}`;
}

/** A tensor's dims and type, for errors. */
function dimsText(dims: readonly number[], dtype: number): string {
  return `dims [${dims.join(", ")}] of element type ${dtype}`;
}

const FIELD_NAME: Record<number, string> = {
  [FLOAT_DATA]: "float_data",
  [INT32_DATA]: "int32_data",
  [INT64_DATA]: "int64_data",
  [DOUBLE_DATA]: "double_data",
  [UINT64_DATA]: "uint64_data",
};

/** Payload bytes of a segment (after its length prefix for LEN records). */
function lengthOf(r: WireReader, s: Segment): number {
  if (s.wire !== LEN) return s.end - s.start;
  r.pos = s.start;
  const start = r.len();
  return r.pos - start;
}

/** Values in a segment without decoding them: packed varints end in a byte below 0x80. */
function countOf(r: WireReader, s: Segment): number {
  if (s.wire !== LEN) return 1;
  r.pos = s.start;
  const start = r.len();
  if (s.field === FLOAT_DATA) return (r.pos - start) / 4;
  if (s.field === DOUBLE_DATA) return (r.pos - start) / 8;
  let n = 0;
  for (let i = start; i < r.pos; i++) if (r.buf[i]! < 0x80) n++;
  return n;
}

/** The typed-data fields in the order their values are looked for, with the wire type and reader of one value. */
const TYPED_ORDER: readonly [field: number, wire: number, read: (r: WireReader) => number][] = [
  [INT64_DATA, VARINT, READ_INT64],
  [INT32_DATA, VARINT, READ_INT32],
  [FLOAT_DATA, I32, READ_FLOAT],
  [DOUBLE_DATA, I64, READ_DOUBLE],
  [UINT64_DATA, VARINT, READ_UINT64],
];

/** Values of a small tensor, from the first typed field that has exactly `numel` of them, else raw_data. */
function decodeValues(
  r: WireReader,
  segments: Segment[],
  dtype: number,
  numel: number,
): number[] | undefined {
  for (const typed of TYPED_ORDER) {
    const f = typed[0];
    let xs: number[] | undefined;
    for (const s of segments) {
      if (s.field !== f) continue;
      r.at(s.start, f, s.wire);
      r.end = s.end;
      r.repeated(typed[1], typed[2], (xs ??= []));
    }
    if (xs?.length) return xs.length === numel ? xs : undefined;
  }
  if (numel === 0) return [];
  let raw: Segment | undefined;
  for (const s of segments) if (s.field === RAW_DATA) raw ??= s;
  if (!raw) return undefined;
  r.pos = raw.start;
  r.end = raw.end;
  const start = r.len();
  const bytes = r.buf.subarray(start, r.pos);
  const rd = RAW_READ[dtype];
  if (!rd || bytes.byteLength !== rd[0] * numel) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [width, get] = rd;
  const out: number[] = [];
  for (let i = 0; i < numel; i++) out.push(get(view, i * width));
  return out;
}

/** Bytes per element and little-endian reader of the raw_data element types whose values are folded. */
const RAW_READ: Readonly<Record<number, [number, (v: DataView, o: number) => number]>> = {
  1: [4, (v, o) => v.getFloat32(o, true)],
  2: [1, (v, o) => v.getUint8(o)],
  3: [1, (v, o) => v.getInt8(o)],
  5: [2, (v, o) => v.getInt16(o, true)],
  6: [4, (v, o) => v.getInt32(o, true)],
  7: [8, (v, o) => Number(v.getBigInt64(o, true))],
  9: [1, (v, o) => v.getUint8(o)],
  11: [8, (v, o) => v.getFloat64(o, true)],
  12: [4, (v, o) => v.getUint32(o, true)],
};
