import { describe, expect, it } from "vitest";
import { rngFor, uniform01 as uniform } from "../../src/fit/random.js";
import {
  crc32c,
  decodeEvent,
  eventFileHeader,
  maskCrc,
  maskedCrc32c,
  readEventFile,
  readTfRecords,
  scalarRecord,
  unmaskCrc,
} from "../../src/ingest/tensorboard/index.js";

// An independent CRC-32C: bit by bit with the reflected Castagnoli polynomial (no table), as the
// definition in RFC 3720 §12.1 reads. Its check values are asserted against published vectors below.
function bitwiseCrc32c(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}
// TensorFlow's mask, written out from its definition: ((crc >> 15) | (crc << 17)) + 0xa282ead8 mod 2^32
const mask = (crc: number) =>
  Number((((BigInt(crc) >> 15n) | (BigInt(crc) << 17n)) + 0xa282ead8n) & 0xffffffffn);

const ascii = (s: string) => new TextEncoder().encode(s);

// Protocol-buffer bytes built by hand from the wire format (varint keys: field << 3 | wire type).
function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 127) {
    out.push((n & 127) | 128);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}
const f64 = (x: number) => [...new Uint8Array(new Float64Array([x]).buffer)];
const f32 = (x: number) => [...new Uint8Array(new Float32Array([x]).buffer)];
const lenDelim = (field: number, body: number[]) => [(field << 3) | 2, ...varint(body.length), ...body];

/** Event{wall_time, step, summary{value{tag, simple_value}}}: fields 1 (fixed64), 2 (varint), 5. */
function eventBytes(wall: number, step: number, tag: string, value: number): Uint8Array {
  const val = [...lenDelim(1, [...ascii(tag)]), (2 << 3) | 5, ...f32(value)];
  const summary = lenDelim(1, val);
  return Uint8Array.from([
    (1 << 3) | 1,
    ...f64(wall),
    (2 << 3) | 0,
    ...varint(step),
    ...lenDelim(5, summary),
  ]);
}
/** The same scalar as TF2's `tf.summary.scalar` writes it: Value.tensor (field 8), a DT_FLOAT TensorProto with float_val. */
function tensorEventBytes(wall: number, step: number, tag: string, value: number): Uint8Array {
  const tensor = [(1 << 3) | 0, 1, ...lenDelim(2, []), ...lenDelim(5, f32(value))];
  const val = [...lenDelim(1, [...ascii(tag)]), ...lenDelim(8, tensor)];
  return Uint8Array.from([
    (1 << 3) | 1,
    ...f64(wall),
    (2 << 3) | 0,
    ...varint(step),
    ...lenDelim(5, lenDelim(1, val)),
  ]);
}
/** TFRecord framing by hand: u64 LE length, masked CRC of it, data, masked CRC of data. */
function frame(data: Uint8Array): Uint8Array {
  const len = new Uint8Array(8);
  new DataView(len.buffer).setBigUint64(0, BigInt(data.length), true);
  const out = new Uint8Array(16 + data.length);
  const v = new DataView(out.buffer);
  out.set(len, 0);
  v.setUint32(8, mask(bitwiseCrc32c(len)), true);
  out.set(data, 12);
  v.setUint32(12 + data.length, mask(bitwiseCrc32c(data)), true);
  return out;
}
const concat = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const fileVersionEvent = Uint8Array.from([
  (1 << 3) | 1,
  ...f64(1.7e9),
  ...lenDelim(3, [...ascii("brain.Event:2")]),
]);

describe("CRC-32C", () => {
  it("matches the published check value and RFC 3720 B.4 vectors", () => {
    expect(crc32c(ascii("123456789"))).toBe(0xe3069283);
    expect(bitwiseCrc32c(ascii("123456789"))).toBe(0xe3069283);
    expect(crc32c(new Uint8Array(32))).toBe(0x8a9136aa);
    expect(crc32c(new Uint8Array(32).fill(0xff))).toBe(0x62a8ab43);
    expect(crc32c(Uint8Array.from({ length: 32 }, (_, i) => i))).toBe(0x46dd794e);
    expect(crc32c(Uint8Array.from({ length: 32 }, (_, i) => 31 - i))).toBe(0x113fdb5c);
  });
  it("extends over chunks, masks as TensorFlow does, and unmasks", () => {
    const b = ascii("scalecast tensorboard");
    expect(crc32c(b, 9, b.length, crc32c(b, 0, 9))).toBe(bitwiseCrc32c(b));
    expect(maskedCrc32c(b)).toBe(mask(bitwiseCrc32c(b)));
    expect(maskCrc(0xe3069283)).toBe(mask(0xe3069283));
    for (const c of [0, 1, 0xffffffff, 0xe3069283, 0x80000000]) expect(unmaskCrc(maskCrc(c))).toBe(c);
  });
});

describe("event file reader", () => {
  const file = concat([
    frame(fileVersionEvent),
    frame(eventBytes(1.7e9 + 1, 10, "loss", 0.5)),
    frame(tensorEventBytes(1.7e9 + 2, 20, "loss", 0.25)),
    frame(eventBytes(1.7e9 + 3, 300, "test_error", 0.125)),
  ]);

  it("reads a fixture built to the format spec (simple_value and TF2 tensor scalars)", () => {
    const r = readEventFile(file, "fixture");
    expect(r.fileVersion).toBe("brain.Event:2");
    expect(r.records).toBe(4);
    expect(r.rejected).toEqual([]);
    expect(r.scalars).toEqual([
      { step: 10, wallTime: 1.7e9 + 1, tag: "loss", value: 0.5 },
      { step: 20, wallTime: 1.7e9 + 2, tag: "loss", value: 0.25 },
      { step: 300, wallTime: 1.7e9 + 3, tag: "test_error", value: 0.125 },
    ]);
  });

  it("writes what the spec-built reader expects: our writer's bytes equal the hand-framed ones", () => {
    expect(eventFileHeader(1.7e9)).toEqual(frame(fileVersionEvent));
    expect(scalarRecord(10, 1.7e9 + 1, { loss: 0.5 })).toEqual(frame(eventBytes(1.7e9 + 1, 10, "loss", 0.5)));
  });

  it("rejects a record with a flipped data byte, names it, and keeps the rest", () => {
    const bad = file.slice();
    const second = frame(fileVersionEvent).length;
    flip(bad, second + 12 + 3, 0x10); // a byte inside the second record's data
    const r = readEventFile(bad, "run.tfevents");
    expect(r.records).toBe(3);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]!.offset).toBe(second);
    expect(r.rejected[0]!.reason).toMatch(/run\.tfevents: byte \d+: data checksum mismatch/);
    expect(r.scalars.map((s) => s.step)).toEqual([20, 300]);
  });

  it("resynchronises after a corrupt length and reports a truncated tail", () => {
    const bad = file.slice(0, file.length - 5);
    const second = frame(fileVersionEvent).length;
    flip(bad, second + 2, 0x01); // inside the second record's length
    const r = readTfRecords(bad);
    expect(r.records.map((x) => x.offset)).toEqual([
      0,
      second + frame(eventBytes(1.7e9 + 1, 10, "loss", 0.5)).length,
    ]);
    expect(r.problems.map((p) => p.reason.split(":")[0])).toEqual([
      "length checksum mismatch (masked CRC-32C of the 8 length bytes)",
      "truncated record",
    ]);
  });

  it("rejects intact framing around bytes that are not an Event", () => {
    const r = readEventFile(concat([frame(Uint8Array.of(0x0a, 0x7f)), frame(eventBytes(1, 5, "x", 2))]));
    expect(r.records).toBe(1);
    expect(r.rejected[0]!.reason).toMatch(/does not decode/);
    expect(() => decodeEvent(Uint8Array.of(0x0a, 0x7f))).toThrow();
  });

  it("survives seeded fuzzing: never throws, never yields a scalar from a damaged record", () => {
    const records = Array.from({ length: 12 }, (_, i) => frame(eventBytes(1e9 + i, i, `t${i % 3}`, i / 8)));
    const clean = concat([frame(fileVersionEvent), ...records]);
    const rng = rngFor(14, 0);
    for (let trial = 0; trial < 200; trial++) {
      const bytes = clean.slice();
      const flips = 1 + Math.floor(uniform(rng) * 3);
      const damaged = new Set<number>();
      for (let k = 0; k < flips; k++) {
        const at = Math.floor(uniform(rng) * bytes.length);
        flip(bytes, at, 1 + Math.floor(uniform(rng) * 255));
        damaged.add(at);
      }
      const cut = uniform(rng) < 0.3 ? 1 + Math.floor(uniform(rng) * (bytes.length - 1)) : bytes.length;
      const r = readEventFile(bytes.subarray(0, cut));
      // each kept scalar comes from a record none of whose bytes were changed
      for (const s of r.scalars) {
        const start = frame(fileVersionEvent).length + s.step * records[0]!.length;
        const touched = [...damaged].some((d) => d >= start && d < start + records[s.step]!.length);
        expect(touched).toBe(false);
        expect(s.value).toBe(Math.fround(s.step / 8));
      }
      expect(r.scalars.length + r.rejected.length).toBeGreaterThan(0);
    }
  });
});

function flip(bytes: Uint8Array, at: number, bits: number): void {
  bytes[at] = bytes[at]! ^ bits;
}
