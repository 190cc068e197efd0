import type { ColumnRequest, ColumnTable } from "../ingest/ColumnTable.js";
import { readColumns } from "../ingest/readColumns.js";
import { readColumnsStream } from "../ingest/readColumnsStream.js";
import type { RunTable } from "../ingest/RunTable.js";
import { type SelectRunsOptions, selectRuns } from "../ingest/selectRuns.js";
import { InputError } from "../units/InputError.js";
import type { Io } from "./io.js";
import { progressBar } from "./progress.js";

/** Files at least this large show a progress bar while read (on a terminal). */
const PROGRESS_BYTES = 16 << 20;

const readable = (field: string, path: string, e: unknown) =>
  new InputError(field, path, `a readable file (${(e as { code?: string }).code ?? "unreadable"})`);

/** Read a file's text, turning a missing or unreadable file into an InputError. */
export function readFileText(io: Io, path: string, field = "FILE"): string {
  try {
    return io.readText(path);
  } catch (e) {
    throw readable(field, path, e);
  }
}

/**
 * Read the requested columns of a runs file (CSV, TSV or JSONL) as numbers, streaming it when the Io can
 * (memory proportional to the kept columns, a progress bar for large files on a terminal), else from
 * its text.
 */
export async function readRunsTable(
  io: Io,
  path: string,
  request: ColumnRequest,
  field = "FILE",
): Promise<ColumnTable> {
  if (!io.openRead) return readColumns(readFileText(io, path, field), { ...request, fileName: path });
  let opened: ReturnType<NonNullable<Io["openRead"]>>;
  try {
    opened = io.openRead(path);
  } catch (e) {
    throw readable(field, path, e);
  }
  const bar = opened.size >= PROGRESS_BYTES ? progressBar(io, `reading ${path}`) : null;
  try {
    return await readColumnsStream(opened.chunks, {
      ...request,
      fileName: path,
      ...(bar ? { onProgress: (bytes: number) => bar.update(bytes, opened.size) } : {}),
    });
  } catch (e) {
    if (e instanceof InputError) throw e;
    // a read error after opening (the file vanished, an I/O error)
    if (e instanceof Error && "code" in e) throw readable(field, path, e);
    throw e;
  } finally {
    bar?.done();
  }
}

/** Read a runs file and select its columns, with every row accounted for in the report. */
export async function readRuns(
  io: Io,
  path: string,
  spec: Record<string, string>,
  options: SelectRunsOptions = {},
): Promise<RunTable> {
  return selectRuns(await readRunsTable(io, path, { numbers: Object.values(spec) }), path, spec, options);
}

/**
 * Write an output file (a report, a sweep file, a table), turning a path that cannot be written into an
 * InputError naming the flag. {@link checkOutput} checks the same before any long work.
 */
export function writeOutput(io: Io, path: string, text: string, field: string): void {
  checkOutput(io, path, field);
  try {
    io.writeText(path, text);
  } catch (e) {
    throw new InputError(field, path, `a writable file path (${(e as { code?: string }).code ?? String(e)})`);
  }
}

/** Refuse an output path that cannot be written (a directory, a missing folder) before the work starts. */
export function checkOutput(io: Io, path: string, field: string): void {
  if (path === "") throw new InputError(field, path, "a file path");
  const problem = io.outputProblem?.(path);
  if (problem) throw new InputError(field, path, `a writable file path (${problem})`);
}
