/**
 * The `--command` template of `sweep run`: placeholders in braces are replaced by a point's values,
 * each quoted for a POSIX shell when it needs to be.
 */

import { InputError } from "../units/InputError.js";
import type { SweepPoint } from "./sweepFile.js";

/** Placeholders a template may use. */
export const TEMPLATE_FIELDS = [
  "data",
  "width",
  "batch",
  "lr",
  "seed",
  "optimizer",
  "out",
  "id",
  "index",
  "target",
] as const;

/** Quote a value for a POSIX shell: bare when it is made of safe characters, else in single quotes. */
export function shellQuote(value: string): string {
  if (/^[A-Za-z0-9_./:=@%+,-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * Check a template: every `{name}` must be a known field.
 *
 * @throws InputError naming the first unknown placeholder
 */
export function checkTemplate(template: string): void {
  for (const m of template.matchAll(/\{([^{}\s]*)\}/g))
    if (!(TEMPLATE_FIELDS as readonly string[]).includes(m[1]!))
      throw new InputError(
        "--command",
        `{${m[1]}}`,
        `placeholders among ${TEMPLATE_FIELDS.map((f) => `{${f}}`).join(" ")}`,
      );
}

/** Fill a template for one point; `out` is the point's output folder, `target` the sweep's (or empty). */
export function fillTemplate(template: string, p: SweepPoint, out: string, target: number | null): string {
  checkTemplate(template);
  const values: Record<(typeof TEMPLATE_FIELDS)[number], string> = {
    data: String(p.data),
    width: String(p.width),
    batch: String(p.batch),
    lr: String(p.lr),
    seed: String(p.seed),
    optimizer: p.optimizer,
    out,
    id: p.id,
    index: String(p.index),
    target: target === null ? "" : String(target),
  };
  return template.replace(/\{([a-z]+)\}/g, (_, k: keyof typeof values) => shellQuote(values[k]));
}
