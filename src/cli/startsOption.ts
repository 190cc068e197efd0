import { InputError } from "../units/InputError.js";

/** The `--starts` flag of `fit`, `forecast` and `batch`. */
export const STARTS_ARG = {
  type: "string",
  description:
    "multi-start: auto (default: stop once the best fit is reached from 5 starts), all (the full grid) or N",
} as const;

/**
 * Parse `--starts`: `auto`, `all` or a positive integer N (the first N starts of the seeded order).
 * Undefined when the flag is absent.
 */
export function startsOption(value: string | undefined): "auto" | "all" | number | undefined {
  if (value === undefined) return undefined;
  if (value === "auto" || value === "all") return value;
  const n = Number(value);
  if (!(Number.isInteger(n) && n >= 1))
    throw new InputError("--starts", value, "auto, all or an integer ≥ 1");
  return n;
}
