import { InputError } from "../units/InputError.js";
import { jsonDepthAtMost, MAX_JSON_DEPTH } from "./jsonDepth.js";
import type { RowSink } from "./RowSink.js";
import type { Cell } from "./Table.js";

const JSONL_EXPECTED = "a JSON object on each non-blank line (JSON Lines)";

/**
 * A cell from a JSON value: numbers and strings kept (blank text is empty), `null` empty, anything else
 * (booleans, arrays, objects) kept as short text so that a numeric column reports it as non-numeric
 * rather than guessing. Nested values are not serialised in full: a reader must not recurse into them.
 */
export function jsonCell(value: unknown): Cell {
  if (value === undefined || value === null) return null;
  if (typeof value === "number") return value;
  if (typeof value === "string") return value.trim() === "" ? null : value;
  if (typeof value === "boolean") return String(value);
  return Array.isArray(value) ? "[array]" : "{object}";
}

/**
 * The line handler shared by the text and the streaming JSONL readers: each non-blank line is one JSON
 * object; its keys add columns in order of first appearance and those the sink wants are passed on. Nested
 * values are never walked (see {@link jsonCell}), so a line nested thousands of levels deep is a
 * non-numeric cell, not a stack overflow.
 *
 * @returns `onLine(text, lineNumber)` (1-based, counting blank lines).
 * @throws InputError (from `onLine`) naming the line.
 */
export function jsonlSink(builder: RowSink) {
  return (line: string, lineNumber: number): void => {
    if (line.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new InputError(`line ${lineNumber}`, line, JSONL_EXPECTED);
    }
    if (!jsonDepthAtMost(value, MAX_JSON_DEPTH))
      throw new InputError(
        `line ${lineNumber}`,
        `JSON nested over ${MAX_JSON_DEPTH} levels`,
        `at most ${MAX_JSON_DEPTH} levels`,
      );
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new InputError(`line ${lineNumber}`, line, JSONL_EXPECTED);
    }
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      if (builder.addColumn(key)) builder.cell(key, jsonCell((value as Record<string, unknown>)[key]));
    }
    builder.endRow();
  };
}
