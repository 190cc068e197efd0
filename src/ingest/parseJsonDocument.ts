import { InputError } from "../units/InputError.js";
import { jsonDepth, MAX_JSON_DEPTH } from "./jsonDepth.js";

/**
 * Parse a user's JSON document (a model spec, a catalog, a system file, a fit JSON, a sweep file) and
 * refuse one nested deeper than {@link MAX_JSON_DEPTH} levels before any recursive code (schema
 * validation, error formatting) walks it. A byte-order mark is ignored.
 *
 * @param text - the document.
 * @param field - where it came from, for the error (a flag or a path).
 * @param expected - what the document should be, for a syntax error (default "valid JSON").
 * @param shown - the value named in a syntax error (default: the document's first 40 characters; a
 *   caller reading a file passes its path).
 * @throws InputError naming `field` on a syntax error or excessive nesting.
 */
export function parseJsonDocument(
  text: string,
  field: string,
  expected = "valid JSON",
  shown: unknown = text.slice(0, 40),
): unknown {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new InputError(field, shown, `${expected} (${(e as Error).message})`);
  }
  const depth = jsonDepth(doc);
  if (depth > MAX_JSON_DEPTH)
    throw new InputError(field, `JSON nested ${depth} levels deep`, `at most ${MAX_JSON_DEPTH} levels`);
  return doc;
}
