import { InputError } from "../units/InputError.js";
import { LIMITS } from "./limits.js";

/** The `--starts` flag of `fit`, `forecast` and `batch`. */
export const STARTS_ARG = {
  type: "string",
  description:
    "multi-start: auto (default: stop once the best fit is reached from 5 starts), all (the full grid) or N",
} as const;

/**
 * Parse `--starts`: `auto`, `all` or a positive integer N (the first N starts of the seeded order), at
 * most {@link LIMITS}.starts (`batch` runs N starts, so an unbounded N was unbounded work; issue 16).
 * Undefined when the flag is absent.
 */
export function startsOption(value: string | undefined): "auto" | "all" | number | undefined {
  if (value === undefined) return undefined;
  if (value === "auto" || value === "all") return value;
  const n = Number(value);
  if (!(Number.isInteger(n) && n >= 1))
    throw new InputError("--starts", value, "auto, all or an integer ≥ 1");
  if (n > LIMITS.starts)
    throw new InputError(
      "--starts",
      value,
      `at most ${LIMITS.starts.toLocaleString("en-US")} starts (Epoch's Chinchilla refit grid, the largest in use, has 4,500)`,
    );
  return n;
}
