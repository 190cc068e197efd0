/**
 * The parts of TensorBoard's `Event` protobuf that carry scalars (`tensorboard/compat/proto/event.proto`,
 * `summary.proto`, `tensor.proto`):
 *   Event { double wall_time = 1; int64 step = 2; oneof what { string file_version = 3; Summary summary = 5; ... } }
 *   Summary { repeated Value value = 1; }
 *   Summary.Value { string tag = 1; oneof value { float simple_value = 2; TensorProto tensor = 8; ... } }
 *   TensorProto { DataType dtype = 1; bytes tensor_content = 4; repeated float float_val = 5;
 *                 repeated double double_val = 6; repeated int32 int_val = 7; repeated int64 int64_val = 10; }
 * Decoded with @bufbuild/protobuf's wire reader and writer by hand rather than generated code: four
 * messages and a dozen fields are smaller than a protoc toolchain and the descriptors of the whole
 * TensorFlow proto tree, and every other field is skipped by wire type.
 */

import { BinaryReader, BinaryWriter, WireType } from "@bufbuild/protobuf/wire";

/** One scalar of a summary: the tag and its value (from `simple_value` or a rank-0 numeric tensor). */
export interface ScalarValue {
  tag: string;
  value: number;
}

/** An Event with the fields scalars need; other payloads (graphs, images, histograms) are skipped. */
export interface TbEvent {
  wallTime: number;
  step: number;
  fileVersion?: string;
  /** Scalar values of the summary, if the event carries one. */
  scalars?: ScalarValue[];
  /** Summary values that are not scalars (images, histograms, non-numeric tensors), counted only. */
  otherValues?: number;
}

/** TensorFlow DataType enum values this reader turns into numbers (`types.proto`). */
const DT_FLOAT = 1;
const DT_DOUBLE = 2;
const DT_INT32 = 3;
const DT_INT64 = 9;

function packedOrOne(r: BinaryReader, wire: WireType, read: () => number): number[] {
  if (wire !== WireType.LengthDelimited) return [read()];
  const end = r.uint32() + r.pos;
  const out: number[] = [];
  while (r.pos < end) out.push(read());
  return out;
}

function decodeTensor(bytes: Uint8Array): number | null {
  const r = new BinaryReader(bytes);
  let dtype = 0;
  let content: Uint8Array | null = null;
  const values: number[] = [];
  while (r.pos < r.len) {
    const [no, wire] = r.tag();
    if (no === 1 && wire === WireType.Varint) dtype = r.int32();
    else if (no === 4 && wire === WireType.LengthDelimited) content = r.bytes();
    else if (no === 5) values.push(...packedOrOne(r, wire, () => r.float()));
    else if (no === 6) values.push(...packedOrOne(r, wire, () => r.double()));
    else if (no === 7) values.push(...packedOrOne(r, wire, () => r.int32()));
    else if (no === 10) values.push(...packedOrOne(r, wire, () => Number(r.int64())));
    else r.skip(wire, no);
  }
  if (values.length === 1) return values[0]!;
  if (content && values.length === 0) {
    const view = new DataView(content.buffer, content.byteOffset, content.byteLength);
    if (dtype === DT_FLOAT && content.length === 4) return view.getFloat32(0, true);
    if (dtype === DT_DOUBLE && content.length === 8) return view.getFloat64(0, true);
    if (dtype === DT_INT32 && content.length === 4) return view.getInt32(0, true);
    if (dtype === DT_INT64 && content.length === 8) return Number(view.getBigInt64(0, true));
  }
  return null;
}

function decodeValue(bytes: Uint8Array): ScalarValue | null {
  const r = new BinaryReader(bytes);
  let tag = "";
  let value: number | null = null;
  while (r.pos < r.len) {
    const [no, wire] = r.tag();
    if (no === 1 && wire === WireType.LengthDelimited) tag = r.string();
    else if (no === 2 && wire === WireType.Bit32) value = r.float();
    else if (no === 8 && wire === WireType.LengthDelimited) value = decodeTensor(r.bytes());
    else r.skip(wire, no);
  }
  return value === null ? null : { tag, value };
}

/**
 * Decode one Event record.
 *
 * @throws Error (from the wire reader) when the bytes are not a well-formed protobuf message; the event
 *   file reader turns that into a rejected record
 */
export function decodeEvent(bytes: Uint8Array): TbEvent {
  const r = new BinaryReader(bytes);
  const ev: TbEvent = { wallTime: 0, step: 0 };
  while (r.pos < r.len) {
    const [no, wire] = r.tag();
    if (no === 1 && wire === WireType.Bit64) ev.wallTime = r.double();
    else if (no === 2 && wire === WireType.Varint) ev.step = Number(r.int64());
    else if (no === 3 && wire === WireType.LengthDelimited) ev.fileVersion = r.string(true);
    else if (no === 5 && wire === WireType.LengthDelimited) {
      const s = new BinaryReader(r.bytes());
      const scalars: ScalarValue[] = [];
      let other = 0;
      while (s.pos < s.len) {
        const [sno, swire] = s.tag();
        if (sno === 1 && swire === WireType.LengthDelimited) {
          const v = decodeValue(s.bytes());
          if (v) scalars.push(v);
          else other++;
        } else s.skip(swire, sno);
      }
      ev.scalars = scalars;
      if (other > 0) ev.otherValues = other;
    } else r.skip(wire, no);
  }
  if (r.pos !== r.len) throw new Error(`message overran its record by ${r.pos - r.len} bytes`);
  return ev;
}

/**
 * Encode an Event with scalars as `simple_value` (the form `tf.summary.scalar` wrote in TF1 and
 * tensorboardX writes today), or with the file version (the first record of every event file).
 */
export function encodeEvent(ev: TbEvent): Uint8Array {
  const w = new BinaryWriter();
  w.tag(1, WireType.Bit64).double(ev.wallTime);
  if (ev.step !== 0) w.tag(2, WireType.Varint).int64(ev.step);
  if (ev.fileVersion !== undefined) w.tag(3, WireType.LengthDelimited).string(ev.fileVersion);
  if (ev.scalars) {
    w.tag(5, WireType.LengthDelimited).fork();
    for (const s of ev.scalars) {
      w.tag(1, WireType.LengthDelimited).fork();
      w.tag(1, WireType.LengthDelimited).string(s.tag);
      w.tag(2, WireType.Bit32).float(s.value);
      w.join();
    }
    w.join();
  }
  return w.finish();
}
