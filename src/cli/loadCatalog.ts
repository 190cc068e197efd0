import type { Accelerator } from "../hardware/accelerator.js";
import { parseJsonDocument } from "../ingest/parseJsonDocument.js";
import { ACCELERATORS } from "../hardware/catalog.js";
import { mergeCatalog } from "../hardware/mergeCatalog.js";
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
  return mergeCatalog(ACCELERATORS, parseJsonDocument(text, "--catalog", "a JSON file", path));
}
