import type { z } from "zod";
import { InputError } from "../units/InputError.js";

/**
 * Validate one case file of a validation corpus (`{"cases": [...]}`): the file's zod schema, every case's
 * `source.id` equal to the file's name (one file per source), and case names unique within the file.
 *
 * @param schema - the file schema (an object with a `cases` array).
 * @param where - the file as named in messages, e.g. `corpus/bloom2022.json`.
 * @param file - the source id the file is named after.
 * @param data - the parsed JSON.
 * @throws InputError naming the file, the case (by name, else index) and the field, with the value found.
 */
export function parseCaseFile<C extends { name: string; source: { id: string } }>(
  schema: z.ZodType<{ cases: C[] }>,
  where: string,
  file: string,
  data: unknown,
): C[] {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const [, index, ...rest] = issue.path;
    const cases = (data as { cases?: unknown } | null)?.cases;
    const raw =
      Array.isArray(cases) && typeof index === "number"
        ? (cases[index] as Record<string, unknown>)
        : undefined;
    const label = typeof raw?.name === "string" ? `case "${raw.name}"` : `case #${String(index ?? "?")}`;
    let value: unknown = raw;
    for (const key of rest)
      value = value && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[key] : undefined;
    throw new InputError(
      `${where} ${label} field ${rest.map(String).join(".") || "(case)"}`,
      value,
      issue.message,
    );
  }
  const seen = new Set<string>();
  for (const c of parsed.data.cases) {
    if (c.source.id !== file)
      throw new InputError(
        `${where} case "${c.name}" field source.id`,
        c.source.id,
        `"${file}" (the file's name)`,
      );
    if (seen.has(c.name)) throw new InputError(`${where} case name`, c.name, "a name used once");
    seen.add(c.name);
  }
  return parsed.data.cases;
}
