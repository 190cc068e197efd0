import type { RunTable } from "../ingest/RunTable.js";
import { readTable } from "../ingest/readTable.js";
import { type SelectRunsOptions, selectRuns } from "../ingest/selectRuns.js";
import { InputError } from "../units/InputError.js";
import type { Io } from "./io.js";

/** Read a file's text, turning a missing or unreadable file into an InputError. */
export function readFileText(io: Io, path: string, field = "FILE"): string {
  try {
    return io.readText(path);
  } catch (e) {
    const code = (e as { code?: string }).code ?? "unreadable";
    throw new InputError(field, path, `a readable file (${code})`);
  }
}

/** Read a runs file and select its columns, with every row accounted for in the report. */
export function readRuns(
  io: Io,
  path: string,
  spec: Record<string, string>,
  options: SelectRunsOptions = {},
): RunTable {
  return selectRuns(readTable(readFileText(io, path), { fileName: path }), path, spec, options);
}
