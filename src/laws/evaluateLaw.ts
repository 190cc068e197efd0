import type { LawFamily, LawParams } from "./types.js";

/** Evaluate a family at published parameters: y for inputs (x) or (n, d) or (n, s). */
export function evaluateLaw(family: LawFamily, params: LawParams, a: number, b = 1): number {
  return Math.exp(family.logPredict(family.toInternal(params), Math.log(a), Math.log(b), null));
}
