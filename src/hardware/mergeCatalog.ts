import { z } from "zod";
import { InputError } from "../units/InputError.js";
import { expectedOf, pathOf, valueAt } from "../units/zodIssue.js";
import { type Accelerator, AcceleratorSchema } from "./accelerator.js";

/** Validate one entry; the error names the entry (by name or index) and the first offending field. */
function validateEntry(raw: unknown, where: string): Accelerator {
  const parsed = AcceleratorSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const name =
    typeof raw === "object" && raw !== null && typeof (raw as { name?: unknown }).name === "string"
      ? `"${(raw as { name: string }).name}"`
      : where;
  const path = pathOf(issue);
  throw new InputError(
    `accelerator ${name}${path ? ` field ${path}` : ""}`,
    valueAt(raw, path),
    expectedOf(issue),
  );
}

const UserCatalogSchema = z.union([z.array(z.unknown()), z.object({ accelerators: z.array(z.unknown()) })]);

/**
 * Merge user entries into a catalog: an entry with a known name replaces it, a new name is appended.
 * `userEntries` is parsed JSON: an array of accelerators or `{ "accelerators": [...] }`, each with the full
 * {@link AcceleratorSchema} (a source per number).
 *
 * @throws InputError naming the entry and the field when an entry does not validate.
 */
export function mergeCatalog(base: readonly Accelerator[], userEntries: unknown): Accelerator[] {
  const shape = UserCatalogSchema.safeParse(userEntries);
  if (!shape.success) {
    throw new InputError("catalog", userEntries, 'an array of accelerators or { "accelerators": [...] }');
  }
  const list = Array.isArray(shape.data) ? shape.data : shape.data.accelerators;
  const merged = [...base];
  list.forEach((raw, i) => {
    const entry = validateEntry(raw, `#${i}`);
    const at = merged.findIndex((a) => a.name === entry.name);
    if (at >= 0) merged[at] = entry;
    else merged.push(entry);
  });
  return merged;
}
