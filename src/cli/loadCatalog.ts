import type { Accelerator } from "../hardware/accelerator.js";
import { parseJsonDocument } from "../ingest/parseJsonDocument.js";
import { ACCELERATORS } from "../hardware/catalog.js";
import { mergeCatalog } from "../hardware/mergeCatalog.js";
import { InputError } from "../units/InputError.js";
import type { Io } from "./io.js";
import { readFileText } from "./readRuns.js";

/**
 * The built-in catalog, merged with a user catalog JSON file when `path` is given (an array of accelerators
 * or `{ "accelerators": [...] }`, same schema; entries add or override by name). Its own module because
 * validating a user catalog loads zod: `hardware list` without --catalog imports it only when needed.
 */
export function loadCatalog(io: Io, path: string | undefined): Accelerator[] {
  if (path === undefined) return [...ACCELERATORS];
  const text = readFileText(io, path, "--catalog");
  const expected = 'a JSON catalog: an accelerator array or {"accelerators": [...]}';
  // a CSV or other text given as a catalog: say what the file is, on one line (JSON.parse's own
  // message quotes the file's first bytes, newlines and all; issue 16 item 8)
  const start = /^\uFEFF?\s*(.)/.exec(text)?.[1];
  if (start !== "{" && start !== "[") {
    const firstLine = text
      .replace(/^\uFEFF/, "")
      .trimStart()
      .split(/\r?\n/, 1)[0]!;
    throw new InputError(
      "--catalog",
      path,
      `${expected}; the file ${firstLine ? `starts with ${JSON.stringify(firstLine.slice(0, 40))}, not JSON` : "is empty"}`,
    );
  }
  return mergeCatalog(ACCELERATORS, parseJsonDocument(text, "--catalog", expected, path));
}
