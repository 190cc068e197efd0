// CSV/TSV via csv-parse's `browser/esm/sync` entry, on purpose: it bundles its own Buffer, so it runs
// unchanged in Node and in browsers (the web app reads runs as text). Files are read by the CLI through the
// streaming Node entry instead (readColumnsStream.ts); both feed the same sink, so they agree.
import { CsvError, parse } from "csv-parse/browser/esm/sync";
import { csvInputError, csvOptions, delimitedSink } from "./delimitedSink.js";
import { type RowSink, RowObjectsSink } from "./RowSink.js";
import type { Table } from "./Table.js";

/**
 * Feed CSV or TSV text to a {@link RowSink} through csv-parse (see {@link csvOptions} and
 * {@link delimitedSink} for what is accepted).
 *
 * @throws InputError for malformed input (`line N`) and for an empty or repeated header name.
 */
export function parseDelimitedInto(text: string, delimiter: "," | "\t", sink: RowSink): void {
  let records: string[][];
  try {
    records = parse(text, csvOptions(delimiter)) as string[][];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    throw csvInputError(error, delimiter);
  }
  const onRecord = delimitedSink(sink);
  for (const record of records) onRecord(record);
}

/**
 * Parse CSV (RFC 4180 quoting) or TSV (IANA text/tab-separated-values: no quoting, so a `"` in a
 * cell is kept as text) into a {@link Table}. The first record is the header. Cells are trimmed; an
 * empty cell becomes `null`. Blank lines are skipped (they are not rows); a row whose field count
 * differs from the header's is an error naming its line, not a guess.
 *
 * @param text - the file content, with or without a byte-order mark (it is removed).
 * @param delimiter - `","` for CSV, `"\t"` for TSV.
 * @throws InputError for malformed input (`line N`: wrong field count, unclosed quote, ...) and for an
 *   empty or repeated header name.
 */
export function parseDelimited(text: string, delimiter: "," | "\t"): Table {
  const sink = new RowObjectsSink();
  parseDelimitedInto(text, delimiter, sink);
  return sink.finish();
}
