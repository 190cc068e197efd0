// CSV/TSV through csv-parse's streaming Node API: the file is never held as text, records are handed to
// the shared sink one at a time (none is collected), and memory stays proportional to the kept columns.
import { CsvError, parse } from "csv-parse";
import { ColumnTableBuilder } from "./ColumnBuilder.js";
import type { ColumnTable } from "./ColumnTable.js";
import { csvInputError, csvOptions, delimitedSink } from "./delimitedSink.js";
import { detectFormat } from "./detectFormat.js";
import { jsonlSink } from "./jsonlSink.js";
import { plainFields } from "./plainDelimited.js";
import { finishTable, type ReadColumnsOptions } from "./readColumns.js";

/** Options of {@link readColumnsStream}: those of {@link readColumns}, and progress. */
export interface ReadColumnsStreamOptions extends ReadColumnsOptions {
  /** Called as bytes are read (at most about once per chunk). */
  onProgress?: (bytesRead: number) => void;
}

const decoder = () => new TextDecoder("utf-8");

/**
 * Read a runs table from a stream of bytes (a file), keeping only the requested columns as numbers: the
 * CLI's reader for files of any size. Same formats, checks and result as {@link readColumns}.
 *
 * @param chunks - the file's bytes (or text) in order, e.g. a `fs.createReadStream`.
 * @throws InputError `file` when there is no header or no data row; `line N` for a malformed line.
 */
export async function readColumnsStream(
  chunks: AsyncIterable<Uint8Array | string>,
  options: ReadColumnsStreamOptions,
): Promise<ColumnTable> {
  const { format = "auto", fileName, onProgress } = options;
  const iterator = chunks[Symbol.asyncIterator]();
  const text = decoder();
  let bytes = 0;
  let done = false;
  const next = async (): Promise<string | null> => {
    if (done) return null;
    const r = await iterator.next();
    if (r.done) {
      done = true;
      const tail = text.decode();
      return tail === "" ? null : tail;
    }
    bytes += r.value.length;
    onProgress?.(bytes);
    return typeof r.value === "string" ? r.value : text.decode(r.value, { stream: true });
  };
  // the format may need the content: look at the first non-empty chunk
  let first = await next();
  while (first === "") first = await next();
  const head = first ?? "";
  const chosen = format === "auto" ? detectFormat(head, fileName) : format;
  const builder = new ColumnTableBuilder(options);
  try {
    if (chosen === "jsonl") await readLines(head, next, jsonlSink(builder));
    else await readDelimited(head, next, builder, chosen === "tsv" ? "\t" : ",");
  } finally {
    await iterator.return?.();
  }
  return finishTable(builder, fileName ?? head);
}

async function readLines(
  head: string,
  next: () => Promise<string | null>,
  onLine: (line: string, n: number) => void,
): Promise<void> {
  let rest = head.replace(/^\uFEFF/, "");
  let lineNumber = 0;
  for (let chunk: string | null = ""; chunk !== null; chunk = await next()) {
    rest += chunk;
    let start = 0;
    for (let end = rest.indexOf("\n"); end >= 0; end = rest.indexOf("\n", start)) {
      const line = rest.charCodeAt(end - 1) === 13 ? rest.slice(start, end - 1) : rest.slice(start, end);
      onLine(line, ++lineNumber);
      start = end + 1;
    }
    rest = rest.slice(start);
  }
  if (rest !== "") onLine(rest.endsWith("\r") ? rest.slice(0, -1) : rest, ++lineNumber);
}

/**
 * CSV/TSV: plain lines by {@link plainFields} (the header among them), then, from the first line that is
 * not plain, the rest of the file through csv-parse (fed the header again, so that it checks every
 * record's width against it; its line numbers are shifted to the file's).
 */
async function readDelimited(
  head: string,
  next: () => Promise<string | null>,
  builder: ColumnTableBuilder,
  delimiter: "," | "\t",
): Promise<void> {
  const onRecord = delimitedSink(builder);
  const record: string[] = [];
  let rest = head.replace(/^\uFEFF/, "");
  let lines = 0;
  let header: string | null = null;
  let width = 0;
  let chunk: string | null = "";
  /** Take one line; false when it is not plain (it and what follows go to csv-parse). */
  let crlf: boolean | null = null;
  const take = (line: string, cr: boolean): boolean => {
    // csv-parse takes the first line's break (CRLF or LF) as the record delimiter: another is not plain
    if (crlf !== null && cr !== crlf) return false;
    if (line === "") return true;
    const n = plainFields(line, delimiter, width, onRecord.kept, record);
    if (n < 0) return false;
    onRecord(width === 0 ? record.slice(0, n) : record);
    if (width === 0) {
      width = n;
      header = line;
      crlf = cr;
    }
    return true;
  };
  plain: for (; chunk !== null; chunk = await next()) {
    rest += chunk;
    let start = 0;
    for (let end = rest.indexOf("\n"); end >= 0; end = rest.indexOf("\n", start)) {
      const cr = rest.charCodeAt(end - 1) === 13;
      if (!take(cr ? rest.slice(start, end - 1) : rest.slice(start, end), cr)) {
        rest = rest.slice(start);
        break plain;
      }
      lines++;
      start = end + 1;
    }
    rest = rest.slice(start);
  }
  if (chunk === null) {
    // the last line, without a line break
    if (rest === "" || (!rest.includes("\r") && take(rest, crlf ?? false))) return;
    chunk = "";
  }
  await readWithCsvParse(
    header === null ? rest : `${header}${crlf ? "\r\n" : "\n"}${rest}`,
    next,
    onRecord,
    delimiter,
    {
      skipHeader: header !== null,
      lineOffset: header === null ? lines : lines - 1,
    },
  );
}

async function readWithCsvParse(
  head: string,
  next: () => Promise<string | null>,
  onRecord: (record: readonly string[]) => void,
  delimiter: "," | "\t",
  { skipHeader, lineOffset }: { skipHeader: boolean; lineOffset: number },
): Promise<void> {
  const parser = parse(csvOptions(delimiter));
  let failed: unknown = null;
  let skip = skipHeader;
  const fail = (e: unknown) => {
    failed ??= e instanceof CsvError ? csvInputError(e, delimiter, lineOffset) : e;
  };
  // records are handled as they come ('data' is synchronous); a sink error stops the parse
  parser.on("data", (record: string[]) => {
    if (failed !== null) return;
    if (skip) {
      skip = false;
      return;
    }
    try {
      onRecord(record);
    } catch (e) {
      fail(e);
    }
  });
  const finished = new Promise<void>((resolve) => {
    parser.once("end", resolve);
    parser.once("close", resolve);
    parser.once("error", (e) => {
      fail(e);
      resolve();
    });
  });
  for (let chunk: string | null = head; chunk !== null && failed === null; chunk = await next()) {
    if (chunk !== "" && !parser.write(chunk))
      await new Promise<void>((resolve) => {
        parser.once("drain", resolve);
        parser.once("close", resolve);
      });
  }
  if (failed === null) parser.end();
  else parser.destroy();
  await finished;
  if (failed !== null) throw failed;
}
