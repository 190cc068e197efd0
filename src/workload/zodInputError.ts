import type { z } from "zod";
import { zodInputError } from "../units/zodIssue.js";

/**
 * Parse with a zod schema, turning the first issue into an InputError that names the field (its path),
 * the value found there and what was expected, in scalecast's wording ({@link zodInputError}: zod's own
 * text never reaches a user).
 */
export function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown, where: string): T {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw zodInputError(r.error.issues, input, where);
}
