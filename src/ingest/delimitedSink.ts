import { InputError } from "../units/InputError.js";
import type { RowSink } from "./RowSink.js";

/**
 * csv-parse options for CSV (RFC 4180 quoting) or TSV (IANA text/tab-separated-values: no quoting, so a
 * `"` is text): byte-order mark removed, cells trimmed, blank lines skipped, and every record as wide
 * as the first (the header), which csv-parse checks itself, naming the line. No `on_record` hook and no
 * `info`: either builds an info object per record, which doubles the parse time of a large file.
 */
export function csvOptions(delimiter: "," | "\t") {
  return {
    delimiter,
    bom: true,
    trim: true,
    skip_empty_lines: true,
    quote: delimiter === "\t" ? false : '"',
  } as const;
}

/** "CSV" or "TSV", for messages. */
export function formatName(delimiter: "," | "\t"): string {
  return delimiter === "," ? "CSV" : "TSV";
}

/**
 * The record handler shared by the text and the streaming CSV/TSV readers: the first record is the
 * header (every name non-empty and used once), each later one a data row (csv-parse has checked its
 * width); an empty cell is `null`. Only the columns the sink wants are passed on.
 *
 * @throws InputError (from the handler) naming the header column.
 */
export function delimitedSink(
  sink: RowSink,
): ((record: readonly string[]) => void) & { readonly kept: readonly { index: number; name: string }[] } {
  let header: string[] | null = null;
  // the kept columns (set by the header): after it, only these entries of a record are read
  const kept: { index: number; name: string }[] = [];
  const handler = (record: readonly string[]) => {
    if (header === null) {
      header = [...record];
      const seen = new Set<string>();
      header.forEach((name, index) => {
        const field = `header column ${index + 1}`;
        if (name === "") throw new InputError(field, name, "a non-empty column name");
        if (seen.has(name)) throw new InputError(field, name, "a column name used only once");
        seen.add(name);
        if (sink.addColumn(name)) kept.push({ index, name });
      });
      return;
    }
    for (const { index, name } of kept) {
      const cell = record[index] ?? "";
      sink.cell(name, cell === "" ? null : cell);
    }
    sink.endRow();
  };
  return Object.assign(handler, { kept });
}

/**
 * A csv-parse error as an InputError naming its line: a row not as wide as the header (csv-parse names
 * the width it expected in its message, the header's), or text that is not well-formed. `lineOffset`
 * is added to csv-parse's line numbers (when it was handed the file from a later line on).
 */
export function csvInputError(
  error: Error & { lines?: number; code?: string; record?: unknown[] },
  delimiter: "," | "\t",
  lineOffset = 0,
): InputError {
  const where = error.lines === undefined ? "file" : `line ${error.lines + lineOffset}`;
  const width = /expect (\d+)/.exec(error.message)?.[1];
  if (error.code === "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH" && Array.isArray(error.record) && width)
    return new InputError(
      where,
      `${error.record.length} fields`,
      `${width} ${formatName(delimiter)} fields, as many as the header has`,
    );
  const message = lineOffset
    ? error.message.replace(/line (\d+)/g, (_, n: string) => `line ${Number(n) + lineOffset}`)
    : error.message;
  return new InputError(where, message, `well-formed ${formatName(delimiter)}`);
}
