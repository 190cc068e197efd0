// Type-only import: this module never loads zod itself (it reads the issues a caller's schema produced).
import type { z } from "zod";
import { InputError } from "./InputError.js";

/** A zod issue (version 4), as `safeParse` reports it. */
export type ZodIssue = z.core.$ZodIssue;

/** zod's own messages start like this; anything else was written by us (`{ error: "..." }`) and is kept. */
const ZOD_DEFAULT = /^(Too (big|small)|Invalid|Unrecognized|Expected|Input not)/;

const article = (t: string) => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`);

const TYPE_WORDS: Readonly<Record<string, string>> = {
  int: "an integer",
  number: "a number",
  string: "a string",
  boolean: "true or false",
  object: "an object",
  array: "an array",
  record: "an object",
  literal: "a fixed value",
};

/**
 * What a zod issue expected, phrased to follow "expected " in an {@link InputError}: the one translation
 * of zod's issues into scalecast's wording, used for every schema (model specs, catalogs, system files,
 * fit JSON, sweep files, validation corpora), so zod's own text ("Too small: expected number to be >0")
 * never reaches a user. A message a schema wrote itself (a refinement, a documented limit) is kept.
 */
export function expectedOf(issue: ZodIssue): string {
  if (issue.code === "custom" || !ZOD_DEFAULT.test(issue.message)) return issue.message;
  switch (issue.code) {
    case "invalid_type": {
      const words = TYPE_WORDS[issue.expected] ?? article(issue.expected);
      return issue.input === undefined ? `${words} (the field is missing)` : words;
    }
    case "too_small": {
      const { minimum, inclusive, origin } = issue;
      if (origin === "array" || origin === "set")
        return `at least ${minimum} item${minimum === 1 ? "" : "s"}`;
      if (origin === "string") return `at least ${minimum} character${minimum === 1 ? "" : "s"}`;
      if (minimum === 0 && !inclusive) return "a positive number";
      return `a number ${inclusive ? "at least" : "above"} ${minimum}`;
    }
    case "too_big": {
      const { maximum, inclusive, origin } = issue;
      if (origin === "array" || origin === "set") return `at most ${maximum} item${maximum === 1 ? "" : "s"}`;
      if (origin === "string") return `at most ${maximum} characters`;
      return `a number ${inclusive ? "at most" : "below"} ${maximum}`;
    }
    case "invalid_value":
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "unrecognized_keys":
      return `no field named ${issue.keys.map((k) => JSON.stringify(k)).join(", ")} here`;
    case "invalid_format":
      return `a string of the form ${issue.format}${"pattern" in issue && issue.pattern ? ` (${String(issue.pattern)})` : ""}`;
    case "not_multiple_of":
      return `a multiple of ${String(issue.divisor)}`;
    case "invalid_union": {
      // name the branch that got furthest: the one whose first issue lies deepest in the value
      const branches = issue.errors.filter((e) => e.length > 0);
      const deepest = branches.sort((a, b) => b[0]!.path.length - a[0]!.path.length)[0];
      return deepest && deepest[0]!.path.length > 0 ? expectedOf(deepest[0]!) : "one of the accepted forms";
    }
    case "invalid_key":
    case "invalid_element":
      return issue.issues[0] ? expectedOf(issue.issues[0]) : "valid entries";
    default:
      return "a valid value";
  }
}

/** The path of an issue as dotted text (`layers`, `accelerators.2.memory`), "" at the root. */
export function pathOf(issue: ZodIssue): string {
  const path = [...issue.path];
  if (issue.code === "invalid_union") {
    const deepest = issue.errors
      .filter((e) => e.length > 0)
      .sort((a, b) => b[0]!.path.length - a[0]!.path.length)[0];
    if (deepest) path.push(...deepest[0]!.path);
  }
  if (issue.code === "unrecognized_keys" && issue.keys.length === 1) path.push(issue.keys[0]!);
  return path.map(String).join(".");
}

/** The value at an issue's path in the input (undefined where the path leaves it). */
export function valueAt(input: unknown, path: string): unknown {
  let v: unknown = input;
  if (path === "") return v;
  for (const key of path.split(".")) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/**
 * The first problem of a failed `safeParse` as an InputError: `field` is `where` and the issue's path
 * ("MODEL.layers"; just `where` at the root, or the path alone when `where` is ""), the value found
 * there, and {@link expectedOf}.
 */
export function zodInputError(issues: readonly ZodIssue[], input: unknown, where: string): InputError {
  const issue = issues[0]!;
  const path = pathOf(issue);
  const field = path === "" ? where : where === "" ? path : `${where}.${path}`;
  return new InputError(field, valueAt(input, path), expectedOf(issue));
}
