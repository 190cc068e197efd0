/**
 * CRC-32C (Castagnoli; reflected polynomial 0x82F63B78, initial value and final XOR 0xFFFFFFFF), the
 * checksum of TFRecord framing, and TensorFlow's masked form of it (REFERENCE (j); TensorBoard
 * `summary/writer/record_writer.py` frames every record with `masked_crc32c`). Written by hand: a
 * 256-entry table is twenty lines, and no small, maintained npm package covers the masking.
 */

const POLY = 0x82f63b78;

const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/**
 * CRC-32C of `bytes[start, end)`. Pass a previous result as `crc` to extend it over more bytes.
 * Check value: crc32c("123456789") = 0xE3069283 (RFC 3720 App. B.4 lists more vectors).
 */
export function crc32c(bytes: Uint8Array, start = 0, end = bytes.length, crc = 0): number {
  let c = ~crc >>> 0;
  for (let i = start; i < end; i++) c = TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/** The constant TensorFlow adds when masking (`kMaskDelta` in `tensorflow/core/lib/hash/crc32c.h`). */
export const CRC_MASK_DELTA = 0xa282ead8;

/** TensorFlow's mask: rotate right by 15 bits, then add 0xA282EAD8 (mod 2^32). */
export function maskCrc(crc: number): number {
  return ((((crc >>> 15) | (crc << 17)) >>> 0) + CRC_MASK_DELTA) >>> 0;
}

/** Inverse of {@link maskCrc}. */
export function unmaskCrc(masked: number): number {
  const rot = (masked - CRC_MASK_DELTA) >>> 0;
  return ((rot >>> 17) | (rot << 15)) >>> 0;
}

/** Masked CRC-32C of `bytes[start, end)`, as stored in TFRecord headers and footers. */
export function maskedCrc32c(bytes: Uint8Array, start = 0, end = bytes.length): number {
  return maskCrc(crc32c(bytes, start, end));
}
