/**
 * A reader of the protobuf wire format (protobuf.dev/programming-guides/encoding: varints, ZigZag-free
 * int64 two's complement, fixed32/fixed64, length-delimited records), written by hand for the ONNX
 * reader (decodeModel.ts): it decodes straight into scalecast's graph IR without building a message
 * tree, reads int64 fields as numbers (exact to 2^53; dims are checked against that bound), skips the
 * bytes of fields it does not need (weights, doc strings) without copying them, and allocates nothing
 * per tag. @bufbuild/protobuf's generic decoder, used before, built every message with all its fields
 * (0.7 KB per node) and costs about 0.1 s of startup to load; it still writes the test models.
 *
 * Every read is bounds-checked: corrupt or truncated bytes throw {@link WireError}, never read past the
 * end, and a length can never make the reader go backwards, so reading is linear in the input size.
 */
export class WireError extends Error {
  constructor(what: string, at: number) {
    super(`${what} at byte ${at}`);
    this.name = "WireError";
  }
}

/** Wire types (encoding guide, "Message Structure"). */
export const VARINT = 0;
export const I64 = 1;
export const LEN = 2;
export const I32 = 5;

const TWO_32 = 2 ** 32;
const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });
/** One array of each length 0 to 32 for {@link WireReader.string}'s character codes. */
const ASCII_SCRATCH: number[][] = Array.from({ length: 33 }, (_, n) => new Array<number>(n).fill(0));

/** A cursor over `buf[pos, end)`. */
export class WireReader {
  private f = 0;
  private w = 0;
  private readonly view: DataView;

  readonly buf: Uint8Array;

  constructor(
    buf: Uint8Array,
    public pos = 0,
    public end = buf.length,
  ) {
    // a subclass (Node's Buffer, from readFileSync) makes every subarray() call its species
    // constructor, several times slower than a plain Uint8Array's: read through a plain view
    this.buf =
      Object.getPrototypeOf(buf) === Uint8Array.prototype
        ? buf
        : new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  /**
   * Enter the length-delimited field at the cursor: the reader's end becomes the field's end until
   * {@link leave}, which must get the value returned here. No allocation (nested messages reuse the reader).
   */
  enter(): number {
    const start = this.len();
    const outer = this.end;
    this.end = this.pos;
    this.pos = start;
    return outer;
  }

  /** Leave a field entered by {@link enter}: the cursor goes past it, the end back to the outer one. */
  leave(outer: number): void {
    this.pos = this.end;
    this.end = outer;
  }

  /** Field number of the field at the cursor (after {@link next}). */
  field(): number {
    return this.f;
  }

  /** Wire type of the field at the cursor. */
  wire(): number {
    return this.w;
  }

  /** Set the field at the cursor (to re-read a recorded record). */
  at(pos: number, field: number, wire: number): void {
    this.pos = pos;
    this.f = field;
    this.w = wire;
  }

  /** Advance to the next field of the current message; false at its end. */
  next(): boolean {
    if (this.pos >= this.end) return false;
    const at = this.pos;
    const tag = this.uint32();
    this.f = tag >>> 3;
    this.w = tag & 7;
    if (this.f === 0) throw new WireError("field number 0", at);
    return true;
  }

  /** An unsigned varint that must fit 32 bits (tags, lengths, enums, int32 fields taken as unsigned). */
  uint32(): number {
    const { buf } = this;
    let x = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (this.pos >= this.end) throw new WireError("truncated varint", this.pos);
      const b = buf[this.pos++]!;
      x += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) {
        if (x >= TWO_32) throw new WireError("varint over 32 bits", this.pos);
        return x;
      }
    }
    // a negative int32 is sign-extended to 10 bytes: accept and wrap to its low 32 bits
    for (let i = 5; i < 10; i++) {
      if (this.pos >= this.end) throw new WireError("truncated varint", this.pos);
      if (buf[this.pos++]! < 0x80) return x % TWO_32;
    }
    throw new WireError("varint longer than 10 bytes", this.pos);
  }

  /** An int32 field (two's complement in 32 bits). */
  int32(): number {
    return this.uint32() | 0;
  }

  /** An int64 field as a number: exact when |x| ≤ 2^53, else the nearest double. */
  int64(): number {
    const { buf } = this;
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new WireError("truncated varint", this.pos);
      const b = buf[this.pos++]!;
      const bits = b & 0x7f;
      if (i < 4) lo += bits * 2 ** (7 * i);
      else if (i === 4) {
        lo += (bits & 0x0f) * 2 ** 28;
        hi += bits >>> 4;
      } else hi += bits * 2 ** (7 * i - 32);
      if (b < 0x80) {
        hi %= TWO_32;
        if (hi < 2 ** 31) return hi * TWO_32 + lo;
        // negative: −(2^64 − value), computed on the two halves to stay exact
        let nlo = TWO_32 - lo;
        let nhi = TWO_32 - 1 - hi;
        if (nlo === TWO_32) {
          nlo = 0;
          nhi += 1;
        }
        return -(nhi * TWO_32 + nlo);
      }
    }
    throw new WireError("varint longer than 10 bytes", this.pos);
  }

  /** A uint64 field as a number (exact to 2^53). */
  uint64(): number {
    const x = this.int64();
    return x < 0 ? x + 2 ** 64 : x;
  }

  /** A float (fixed32). */
  float(): number {
    const at = this.take(4);
    return this.view.getFloat32(at, true);
  }

  /** A double (fixed64). */
  double(): number {
    const at = this.take(8);
    return this.view.getFloat64(at, true);
  }

  /** The bounds [start, end) of a length-delimited field, the cursor moved past it. */
  len(): number {
    const n = this.uint32();
    if (n > this.end - this.pos) throw new WireError(`length ${n} past the end`, this.pos);
    this.pos += n;
    return this.pos - n;
  }

  /** A string field (UTF-8; invalid sequences become U+FFFD). */
  string(): string {
    const start = this.len();
    const end = this.pos;
    // short ASCII (most tensor and node names) is built in JS: TextDecoder's per-call cost dominated
    // decoding a 100k-node graph's names (issue 17); one call on a reused array of the string's
    // length makes a flat string with no view and no intermediate strings allocated
    const codes = ASCII_SCRATCH[end - start];
    if (codes !== undefined) {
      const { buf } = this;
      for (let i = start; i < end; i++) {
        const b = buf[i]!;
        if (b >= 0x80) return utf8.decode(buf.subarray(start, end));
        codes[i - start] = b;
      }
      return String.fromCharCode.apply(null, codes);
    }
    return utf8.decode(this.buf.subarray(start, end));
  }

  /** A bytes field as a view of the input (no copy). */
  bytes(): Uint8Array {
    const start = this.len();
    return this.buf.subarray(start, this.pos);
  }

  /** Skip the current field's value. */
  skip(): void {
    switch (this.w) {
      case VARINT:
        this.int64();
        return;
      case I64:
        this.take(8);
        return;
      case LEN:
        this.len();
        return;
      case I32:
        this.take(4);
        return;
      default:
        // groups (3, 4) are deprecated and absent from onnx.proto; 6 and 7 do not exist
        throw new WireError(`wire type ${this.w} (field ${this.f})`, this.pos);
    }
  }

  /** Throw unless the current field has wire type `w`. */
  expect(w: number): void {
    if (this.w !== w) throw new WireError(`field ${this.f} with wire type ${this.w}`, this.pos);
  }

  /**
   * A repeated numeric field, packed (one LEN record) or not (one value per record): calls `read` with
   * this reader for each value. `wire` is the wire type of one unpacked value. `read` is one of the
   * module-level readers below (READ_INT64, …), not a closure made per field.
   */
  repeated(wire: number, read: (r: WireReader) => number, out: number[]): void {
    if (this.w === LEN) {
      const start = this.len();
      const end = this.pos;
      const saved = this.end;
      this.pos = start;
      this.end = end;
      while (this.pos < end) out.push(read(this));
      this.end = saved;
      return;
    }
    this.expect(wire);
    out.push(read(this));
  }

  private take(n: number): number {
    if (n > this.end - this.pos) throw new WireError("truncated fixed-width value", this.pos);
    this.pos += n;
    return this.pos - n;
  }
}

/** Value readers for {@link WireReader.repeated}. */
export const READ_INT64 = (r: WireReader): number => r.int64();
export const READ_INT32 = (r: WireReader): number => r.int32();
export const READ_UINT64 = (r: WireReader): number => r.uint64();
export const READ_FLOAT = (r: WireReader): number => r.float();
export const READ_DOUBLE = (r: WireReader): number => r.double();
