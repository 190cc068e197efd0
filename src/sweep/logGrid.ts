import { InputError } from "../units/InputError.js";

/**
 * Integers on a geometric grid from `from` to `to` (both included): from·r^k rounded, duplicates dropped.
 * Learning curves space data sizes this way (HAD19 §3: "shards ... growing by a factor of 2").
 */
export function logGrid(from: number, to: number, ratio = 2): number[] {
  if (!(from >= 1 && to >= from && ratio > 1))
    throw new InputError("grid", `${from}..${to} x${ratio}`, "1 <= from <= to and a ratio > 1");
  const out: number[] = [];
  for (let k = 0; ; k++) {
    const v = Math.round(from * ratio ** k);
    if (v > to * (1 + 1e-9)) break;
    if (out[out.length - 1] !== v) out.push(v);
  }
  if (out[out.length - 1] !== Math.round(to)) out.push(Math.round(to));
  return out;
}

/** Checks a list of sizes: positive integers, strictly increasing after sorting, no duplicates. */
export function sizeList(values: readonly number[], field: string): number[] {
  if (values.length === 0) throw new InputError(field, "[]", "one or more positive integers");
  for (const v of values)
    if (!(Number.isInteger(v) && v > 0)) throw new InputError(field, v, "positive integers");
  const sorted = [...values].sort((a, b) => a - b);
  for (let i = 1; i < sorted.length; i++)
    if (sorted[i] === sorted[i - 1]) throw new InputError(field, sorted[i], "each size once");
  return sorted;
}
