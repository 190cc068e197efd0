import { readdirSync } from "node:fs";
import { expect } from "vitest";
import { NUMERIC_VALUES, picker } from "./fuzzGen.js";
import {
  basesOf,
  FILES,
  NOT_FUZZED,
  OPTIONS_NOT_FUZZED,
  stringOptions,
  sweepFixture,
  withOption,
} from "./commandCases.js";
import { describeCase, runCase, violation } from "./fuzzHarness.js";
import { KNOWN_FAILURES } from "./knownFailures.js";

/** Every fuzzed option: [command path, option, bases], each a command's value option (all are strings in citty). */
export async function fuzzedOptions(): Promise<[string, string, string[][]][]> {
  const all = await stringOptions();
  const out: [string, string, string[][]][] = [];
  for (const [cmd, opt] of all) {
    if (Object.hasOwn(NOT_FUZZED, cmd.split(" ")[0]!) || Object.hasOwn(OPTIONS_NOT_FUZZED, `${cmd} --${opt}`))
      continue;
    const bases = basesOf(cmd);
    // a command without a base has no value options to fuzz (its parent, e.g. `hardware`, has subcommands)
    expect(bases.length, `a fuzz base for ${cmd} (test/fuzz/commandCases.ts BASES)`).toBeGreaterThan(0);
    out.push([cmd, opt, bases]);
  }
  return out;
}

/**
 * Run option cases. With `cases`: case k of seed `seed` sets one seeded option of one base to one
 * seeded fuzz value. With `perOption`: every option on every base of its command is tried with that
 * many distinct seeded values of {@link NUMERIC_VALUES} (all of them when it is their count).
 * Returns the failures (a reproducer each) that are not in the known list, and the number of cases.
 */
export async function fuzzOptions(opts: { seed: number; cases?: number; perOption?: number }) {
  const fx = await sweepFixture();
  const fill = { dir: fx.dir, sweep: fx.sweep, results: fx.results };
  const options = await fuzzedOptions();
  const failures: string[] = [];
  const cwdBefore = new Set(readdirSync("."));
  let ran = 0;
  const one = async (base: string[], opt: string, value: string) => {
    const r = await runCase(withOption(base, opt, value, fill), FILES);
    ran++;
    const why = violation(r);
    if (why === undefined) return;
    const line = describeCase(r, why).replaceAll(fx.dir, "$TMP");
    if (!KNOWN_FAILURES.some((k) => k.test(line))) failures.push(line);
  };
  try {
    if (opts.perOption !== undefined) {
      for (const [i, [, opt, bases]] of options.entries()) {
        const p = picker(opts.seed, i);
        const values = [...NUMERIC_VALUES];
        for (let j = values.length - 1; j > 0; j--) {
          const r = p.int(j + 1); // Fisher–Yates: a seeded order of the values, the first perOption tried
          [values[j], values[r]] = [values[r]!, values[j]!];
        }
        for (const base of bases) for (const v of values.slice(0, opts.perOption)) await one(base, opt, v);
      }
    } else
      for (let k = 0; k < opts.cases!; k++) {
        const p = picker(opts.seed, k);
        const [, opt, bases] = p.pick(options);
        await one(p.pick(bases), opt, p.pick(NUMERIC_VALUES));
      }
  } finally {
    fx.remove();
  }
  // a fuzz value taken as a path must not leave files in the working directory (the repository)
  const left = readdirSync(".").filter((f) => !cwdBefore.has(f));
  if (left.length > 0) failures.push(`cases left ${left.join(", ")} in the working directory`);
  return { failures, ran, options: options.length };
}
