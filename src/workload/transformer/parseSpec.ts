import type { z } from "zod";
import { InputError } from "../../units/InputError.js";
import { expectedOf } from "../../units/zodIssue.js";

/**
 * Parse a model spec with its zod schema, turning the first problem into an {@link InputError} that
 * names the field (dotted path), the value found there and what was expected (in scalecast's wording,
 * {@link expectedOf}).
 *
 * @param schema - the family's schema (omitted fields take their documented defaults).
 * @param input - the raw spec, e.g. parsed JSON.
 * @param what - the kind of spec, used in messages ("decoder spec").
 * @throws InputError on the first invalid or unknown field.
 */
export function parseSpec<S>(schema: z.ZodType<S>, input: unknown, what: string): S {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0]!;
    const path = [...issue.path, key];
    throw new InputError(path.join("."), valueAt(input, path), `no such field in a ${what}`);
  }
  const field = issue.path.length > 0 ? issue.path.join(".") : what;
  throw new InputError(field, valueAt(input, issue.path), expectedOf(issue));
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const key of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}
