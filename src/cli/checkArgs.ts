import type { ArgsDef } from "citty";
import { InputError } from "../units/InputError.js";
import { closest } from "./closest.js";

/**
 * A command-line usage error: an unknown flag, a flag without its value, a stray argument. An
 * {@link InputError} (exit 2, one line) whose message is written for the case.
 */
export class UsageError extends InputError {
  constructor(field: string, value: unknown, message: string) {
    super(field, value, message);
    this.message = message;
  }
}

const BOOLEAN_WORDS = new Set(["true", "false", "yes", "no", "on", "off", "0", "1"]);

/** A flag's definition as citty takes it. */
type Def = { type?: string; description?: string; alias?: string | string[] };

/** Commands whose name a user may take for another's: what they likely meant, after the refusal. */
const MEANT: Readonly<Record<string, string>> = {
  serve: "; serve runs the browser app: serving a model (batch, layout, tokens/s) is scalecast inference",
};

/**
 * The one check of a command's arguments, run by `runCli` before any command (and subcommand) runs, since
 * citty accepts anything: every `--flag` must be one the command defines (else "unknown flag --toknes;
 * did you mean --tokens?"), a value flag must have its value (not the end of the line, not another
 * `--flag`), a boolean flag takes no value (`--json false` is refused rather than read as a file
 * named "false"; write `--no-json`), no more bare arguments than the command's positionals, and no
 * flag given twice unless its description says "(repeatable)". Everything after `--` is positional.
 *
 * @param args - the command's citty argument definitions.
 * @param rawArgs - the arguments after the command's name.
 * @param command - the command's full name, e.g. "sweep run", for messages.
 * @throws UsageError on the first problem.
 */
export function checkArgs(args: ArgsDef, rawArgs: readonly string[], command: string): void {
  const flags = new Map<string, { name: string; def: Def }>();
  let positionals = 0;
  for (const [name, raw] of Object.entries(args)) {
    const def = raw as Def;
    if (def.type === "positional") {
      positionals++;
      continue;
    }
    for (const alias of [name, camel(name), ...([] as string[]).concat(def.alias ?? [])])
      flags.set(alias, { name, def });
  }
  const help = `(see scalecast ${command} --help)`;
  const names = [...new Set([...flags.values()].map((f) => f.name))];
  const seen = new Set<string>();
  let bare = 0;
  const positional = (token: string) => {
    bare++;
    if (bare > positionals)
      throw new UsageError(
        "argument",
        token,
        positionals === 0
          ? `unexpected argument ${JSON.stringify(token)}: scalecast ${command} takes no file or name, only flags${MEANT[command] ?? ""} ${help}`
          : `unexpected argument ${JSON.stringify(token)}: scalecast ${command} takes ${positionals} ${help}`,
      );
  };
  for (let i = 0; i < rawArgs.length; i++) {
    const token = rawArgs[i]!;
    if (token === "--") {
      for (const rest of rawArgs.slice(i + 1)) positional(rest);
      break;
    }
    if (!token.startsWith("-") || /^-\d|^-\.\d/.test(token) || token === "-") {
      positional(token);
      continue;
    }
    if (!token.startsWith("--"))
      throw new UsageError(token, token, `unknown option ${token} for scalecast ${command} ${help}`);
    const eq = token.indexOf("=");
    const written = token.slice(2, eq < 0 ? undefined : eq);
    const negated = !flags.has(written) && written.startsWith("no-") ? written.slice(3) : null;
    const found = flags.get(negated ?? written);
    if (!found) {
      const guess = closest(written, names);
      throw new UsageError(
        `--${written}`,
        token,
        `unknown flag --${written} for scalecast ${command}${guess ? `; did you mean --${guess}?` : ""} ${help}`,
      );
    }
    const { name, def } = found;
    if (seen.has(name) && !/\(repeatable\)/.test(def.description ?? ""))
      throw new UsageError(`--${name}`, token, `--${name} is given twice; give it once ${help}`);
    seen.add(name);
    const isBoolean = def.type === "boolean";
    if (negated !== null) {
      if (!isBoolean || eq >= 0)
        throw new UsageError(
          `--${written}`,
          token,
          `--${name} takes a value; --no-${name} is not a flag ${help}`,
        );
      continue;
    }
    if (isBoolean) {
      const value = eq >= 0 ? token.slice(eq + 1) : null;
      if (value !== null && value !== "true" && value !== "false")
        throw new UsageError(
          `--${name}`,
          token,
          `--${name} is a switch: write --${name} or --no-${name} ${help}`,
        );
      const next = rawArgs[i + 1];
      if (value === null && next !== undefined && BOOLEAN_WORDS.has(next.toLowerCase()))
        throw new UsageError(
          `--${name}`,
          next,
          `--${name} is a switch and takes no value (got ${JSON.stringify(next)}): write --${name} or --no-${name} ${help}`,
        );
      continue;
    }
    if (eq >= 0) continue;
    const value = rawArgs[i + 1];
    if (value === undefined || value.startsWith("--"))
      throw new UsageError(
        `--${name}`,
        value,
        `--${name} needs a value${value === undefined ? "" : ` (it is followed by the flag ${value})`} ${help}`,
      );
    i++;
  }
}

/** citty also accepts a kebab-case flag in camelCase (`--dropHighest`). */
function camel(name: string): string {
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}
