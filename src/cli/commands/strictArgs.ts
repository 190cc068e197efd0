import type { ArgsDef } from "citty";
import { InputError } from "../../units/InputError.js";

/**
 * Reject flags a command does not define (citty accepts them silently): `--name`, `--name=value` and
 * `--no-name` are checked against the command's argument names; anything after `--` is left alone.
 *
 * @throws InputError naming the unknown flag and listing the command's flags.
 */
export function rejectUnknownFlags(rawArgs: readonly string[], args: ArgsDef, command: string): void {
  const known = new Set(Object.keys(args));
  for (const raw of rawArgs) {
    if (raw === "--") break;
    if (!raw.startsWith("--")) continue;
    const name = raw.slice(2).split("=")[0]!;
    const bare = name.startsWith("no-") ? name.slice(3) : name;
    if (known.has(name) || known.has(bare) || name === "help") continue;
    const flags = [...known]
      .filter((k) => args[k]!.type !== "positional")
      .map((k) => `--${k}`)
      .join(", ");
    throw new InputError(`scalecast ${command}`, raw.split("=")[0]!, `one of its flags: ${flags}`);
  }
}

/** Two left-aligned columns, a label and its value, for a command's summary. */
export function keyValues(rows: readonly (readonly [string, string] | string[])[]): string {
  const width = Math.max(...rows.map((r) => r[0]!.length));
  return rows.map((r) => `${r[0]!.padEnd(width)}  ${r[1]}`).join("\n");
}
