import { InputError } from "../units/InputError.js";
import { ColumnTableBuilder } from "./ColumnBuilder.js";
import type { ColumnRequest, ColumnTable } from "./ColumnTable.js";
import { detectFormat } from "./detectFormat.js";
import { parseDelimitedInto } from "./parseDelimited.js";
import { parseJsonLinesInto } from "./parseJsonLines.js";
import type { TableFormat } from "./Table.js";

/** Options of {@link readColumns} and `readColumnsStream`. */
export interface ReadColumnsOptions extends ColumnRequest {
  /** `"csv"`, `"tsv"`, `"jsonl"`, or `"auto"` (default): by {@link detectFormat}. */
  format?: TableFormat | "auto";
  /** The file's name, used to choose the format and named in errors; never opened. */
  fileName?: string;
}

/** What an empty table is expected to have. */
export const EMPTY_EXPECTED = "a header row and at least one data row";

/** The finished table, or the error an empty one is. */
export function finishTable(builder: ColumnTableBuilder, shown: string): ColumnTable {
  if (builder.columns.length === 0 || builder.rows === 0) throw new InputError("file", shown, EMPTY_EXPECTED);
  return builder.finish();
}

/**
 * Read a runs table from text already loaded (Node or browser; never touches the file system), keeping
 * only the requested columns, as numbers: a {@link ColumnTable}. Formats and checks are those of
 * `readTable`; the CLI reads files with `readColumnsStream`, which gives the same result without
 * holding the text.
 *
 * @throws InputError `file` when there is no header or no data row; `line N` for a malformed line.
 */
export function readColumns(text: string | Uint8Array, options: ReadColumnsOptions): ColumnTable {
  const { format = "auto", fileName } = options;
  const content = typeof text === "string" ? text : new TextDecoder("utf-8").decode(text);
  const chosen = format === "auto" ? detectFormat(content, fileName) : format;
  const builder = new ColumnTableBuilder(options);
  if (chosen === "jsonl") parseJsonLinesInto(content, builder);
  else parseDelimitedInto(content, chosen === "tsv" ? "\t" : ",", builder);
  return finishTable(builder, fileName ?? content);
}
