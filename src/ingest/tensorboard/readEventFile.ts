/**
 * Read the scalars of a TensorBoard event file (`events.out.tfevents.*`): TFRecord framing with masked
 * CRC-32C checks ({@link readTfRecords}), each record an Event protobuf ({@link decodeEvent}). A corrupt
 * record is reported with its byte offset and why, and every intact record is kept.
 */

import { decodeEvent, encodeEvent, type TbEvent } from "./eventProto.js";
import { encodeTfRecord, readTfRecords } from "./tfRecord.js";

/** One scalar point: step, wall time (seconds since the epoch), tag and value. */
export interface ScalarPoint {
  step: number;
  wallTime: number;
  tag: string;
  value: number;
}

/** What an event file held, and what was rejected. */
export interface EventFileScalars {
  /** `file_version` of the first record ("brain.Event:2"), or null if none was read. */
  fileVersion: string | null;
  scalars: ScalarPoint[];
  /** Records read intact (both checksums held and the protobuf decoded). */
  records: number;
  /** Rejected stretches: byte offset and a one-line reason naming the file. */
  rejected: { offset: number; reason: string }[];
}

/**
 * Decode every record of an event file and collect its scalars.
 *
 * @param bytes - the file's bytes
 * @param fileName - named in the reasons (default "event file")
 */
export function readEventFile(bytes: Uint8Array, fileName = "event file"): EventFileScalars {
  const { records, problems } = readTfRecords(bytes);
  const rejected = problems.map((p) => ({
    offset: p.offset,
    reason: `${fileName}: byte ${p.offset}: ${p.reason}`,
  }));
  const scalars: ScalarPoint[] = [];
  let fileVersion: string | null = null;
  let good = 0;
  for (const rec of records) {
    let ev: TbEvent;
    try {
      ev = decodeEvent(rec.data);
    } catch (e) {
      rejected.push({
        offset: rec.offset,
        reason: `${fileName}: byte ${rec.offset}: checksums hold but the Event protobuf does not decode (${e instanceof Error ? e.message : String(e)})`,
      });
      continue;
    }
    good++;
    if (ev.fileVersion !== undefined && fileVersion === null) fileVersion = ev.fileVersion;
    for (const s of ev.scalars ?? [])
      scalars.push({ step: ev.step, wallTime: ev.wallTime, tag: s.tag, value: s.value });
  }
  rejected.sort((a, b) => a.offset - b.offset);
  return { fileVersion, scalars, records: good, rejected };
}

/** The first record of an event file: wall time and `file_version: "brain.Event:2"`. */
export function eventFileHeader(wallTime: number): Uint8Array {
  return encodeTfRecord(encodeEvent({ wallTime, step: 0, fileVersion: "brain.Event:2" }));
}

/** One framed record holding the scalars of one step. */
export function scalarRecord(step: number, wallTime: number, scalars: Record<string, number>): Uint8Array {
  return encodeTfRecord(
    encodeEvent({ wallTime, step, scalars: Object.entries(scalars).map(([tag, value]) => ({ tag, value })) }),
  );
}
