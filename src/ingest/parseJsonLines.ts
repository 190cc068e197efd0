import { jsonlSink } from "./jsonlSink.js";
import { type RowSink, RowObjectsSink } from "./RowSink.js";
import type { Table } from "./Table.js";

/** Feed JSON Lines text to a {@link RowSink} (see {@link jsonlSink}); line numbers count blank lines. */
export function parseJsonLinesInto(text: string, sink: RowSink): void {
  const onLine = jsonlSink(sink);
  text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .forEach((line, index) => onLine(line, index + 1));
}

/**
 * Parse JSON Lines (one JSON object per line; blank lines skipped) into a {@link Table}. Columns are
 * the keys in order of first appearance; a key missing from a row reads as `null`. Numbers and
 * strings are kept; `null` stays `null`; booleans are kept as text and arrays and objects as
 * `"[array]"`/`"{object}"` (so a numeric role reports them as non-numeric rather than guessing).
 *
 * @param text - the file content.
 * @throws InputError naming `line N` (1-based, counting every line) when a line is not a JSON object.
 */
export function parseJsonLines(text: string): Table {
  const sink = new RowObjectsSink();
  parseJsonLinesInto(text, sink);
  return sink.finish();
}
