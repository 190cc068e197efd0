import type { ArgsDef } from "citty";
import { InputError } from "../../units/InputError.js";

/** A comma-separated list of positive numbers (`--data 500,1000,2000`), or undefined when absent. */
export function numberList(value: string | undefined, field: string, integer = false): number[] | undefined {
  if (value === undefined || value === "") return undefined;
  return value.split(",").map((s) => {
    const n = Number(s.trim());
    if (!Number.isFinite(n) || !(n > 0) || (integer && !Number.isInteger(n)))
      throw new InputError(
        field,
        value,
        `a comma-separated list of positive ${integer ? "integers" : "numbers"}`,
      );
    return n;
  });
}

/**
 * Unknown flags are errors (citty ignores them): every `--name` in `rawArgs` must be an argument of the
 * command (or `--no-name` of a boolean one).
 */
export function rejectUnknownFlags(rawArgs: readonly string[], args: ArgsDef): void {
  const known = new Set(["help", "h"]);
  for (const [name, def] of Object.entries(args)) {
    if (def.type === "positional") continue;
    known.add(name);
    if (def.type === "boolean") known.add(`no-${name}`);
    for (const a of ([] as string[]).concat((def as { alias?: string | string[] }).alias ?? [])) known.add(a);
  }
  for (const raw of rawArgs) {
    if (raw === "--") break;
    const m = /^--?([^=]+)/.exec(raw);
    if (!m || /^-\d/.test(raw)) continue;
    if (!known.has(m[1]!))
      throw new InputError(raw.split("=")[0]!, raw, `one of the options of this command (see --help)`);
  }
}
