/**
 * TFRecord framing (REFERENCE (j); TensorBoard `summary/writer/record_writer.py`): each record is
 *   uint64 length (little endian) | uint32 masked CRC-32C of those 8 bytes | data | uint32 masked
 *   CRC-32C of data.
 * The reader keeps every record whose checksums hold and reports every one that does not: a record with
 * a bad data checksum is skipped (its extent is known from the length), and a bad length checksum loses
 * the framing, so the reader scans forward for the next offset whose length checksum holds and whose
 * record's data checksum holds too (a false match needs two 32-bit checksums to collide).
 */

import { maskedCrc32c } from "./crc32c.js";

/** A record that could not be read, with the byte offset where it starts and why. */
export interface RecordProblem {
  offset: number;
  reason: string;
}

/** The records of a TFRecord stream that passed both checksums, and the problems met on the way. */
export interface TfRecords {
  records: { offset: number; data: Uint8Array }[];
  problems: RecordProblem[];
}

const HEADER = 12;
const FOOTER = 4;

function u32(bytes: Uint8Array, at: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset + at, 4).getUint32(0, true);
}

/** Length of the record at `at` when its header checksum holds, else null. */
function lengthAt(bytes: Uint8Array, at: number): number | null {
  if (at + HEADER > bytes.length) return null;
  if (u32(bytes, at + 8) !== maskedCrc32c(bytes, at, at + 8)) return null;
  const len = new DataView(bytes.buffer, bytes.byteOffset + at, 8).getBigUint64(0, true);
  return len > BigInt(bytes.length) ? null : Number(len);
}

function wholeRecordAt(bytes: Uint8Array, at: number): boolean {
  const len = lengthAt(bytes, at);
  if (len === null || at + HEADER + len + FOOTER > bytes.length) return false;
  return u32(bytes, at + HEADER + len) === maskedCrc32c(bytes, at + HEADER, at + HEADER + len);
}

/**
 * Split a TFRecord stream into records, checking both masked CRC-32Cs of each.
 *
 * @param bytes - the whole file
 * @returns the good records (data views into `bytes`) and one problem per bad or truncated stretch
 */
export function readTfRecords(bytes: Uint8Array): TfRecords {
  const records: TfRecords["records"] = [];
  const problems: RecordProblem[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (at + HEADER > bytes.length) {
      problems.push({ offset: at, reason: `truncated header: ${bytes.length - at} bytes left of 12` });
      break;
    }
    const len = lengthAt(bytes, at);
    if (len === null) {
      let next = at + 1;
      while (next + HEADER <= bytes.length && !wholeRecordAt(bytes, next)) next++;
      const found = next + HEADER <= bytes.length;
      problems.push({
        offset: at,
        reason: `length checksum mismatch (masked CRC-32C of the 8 length bytes): ${
          found
            ? `skipped ${next - at} bytes to the next intact record at byte ${next}`
            : `no intact record in the remaining ${bytes.length - at} bytes`
        }`,
      });
      if (!found) break;
      at = next;
      continue;
    }
    const end = at + HEADER + len;
    if (end + FOOTER > bytes.length) {
      problems.push({
        offset: at,
        reason: `truncated record: ${len} data bytes + 4 checksum bytes declared, ${bytes.length - at - HEADER} present`,
      });
      break;
    }
    if (u32(bytes, end) !== maskedCrc32c(bytes, at + HEADER, end))
      problems.push({ offset: at, reason: `data checksum mismatch (masked CRC-32C of ${len} data bytes)` });
    else records.push({ offset: at, data: bytes.subarray(at + HEADER, end) });
    at = end + FOOTER;
  }
  return { records, problems };
}

/** Frame one record: length, its masked CRC, the data, the data's masked CRC. */
export function encodeTfRecord(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(HEADER + data.length + FOOTER);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(data.length), true);
  view.setUint32(8, maskedCrc32c(out, 0, 8), true);
  out.set(data, HEADER);
  view.setUint32(HEADER + data.length, maskedCrc32c(data), true);
  return out;
}
