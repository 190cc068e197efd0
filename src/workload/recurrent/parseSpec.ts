import type { WorkloadFamily } from "../family.js";
import { parseOrThrow } from "../zodInputError.js";

/**
 * Validate `input` against one family's zod schema and fill in its defaults, typed as that family's
 * spec. A thin wrapper over {@link parseOrThrow}: the first problem is an `InputError` naming the field
 * (`model.hidden`), the value received and what was expected (DESIGN.md, Conventions: errors).
 */
export function parseSpec<Spec extends { family: string }>(
  family: WorkloadFamily<Spec>,
  input: unknown,
): Spec {
  return parseOrThrow(family.schema, input, "model");
}
