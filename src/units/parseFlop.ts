// Hand-written: training compute as papers quote it (FLOP, FLOPs, PFLOP, PF-days).
import { InputError } from "./InputError.js";
import { DECIMAL_PREFIXES, prefixFactor } from "./prefixes.js";
import { scaled, splitQuantity } from "./quantity.js";

/** Seconds in a day: 86 400. */
export const SECONDS_PER_DAY = 86_400;

/**
 * FLOP in one petaflop/s-day: 1e15 FLOP/s × 86 400 s = 8.64e19 FLOP.
 * Source: Kaplan et al. 2020, "Scaling Laws for Neural Language Models", section 1.3 (PF-days).
 */
export const FLOP_PER_PF_DAY = 1e15 * SECONDS_PER_DAY;

const FLOP_EXPECTED =
  'a non-negative compute amount such as 1.5e21 FLOP, 5.88e23 FLOPs, 10 PFLOP, 6806 PF-days or a plain number of FLOP (decimal prefixes k/M/G/T/P/E; "FLOPS" means per second)';

// "FLOP", "FLOPs", "flop", "flops" with an optional decimal prefix. Capital "FLOPS" is a rate and is refused.
const FLOP_UNIT = /^([A-Za-z]?)(?:FLOPs?|flops?)$/;
const PF_DAY_UNIT = /^(?:PF|pf|PFLOP\/s|pfs|petaflop\/s|petaflops?|petaflop-s)[-\s]?days?$/;

/**
 * Parse an amount of compute in FLOP: `"1.5e21 FLOP"`, `"3.14e23"` (a plain number is FLOP),
 * `"5.88e23 FLOPs"`, `"10 PFLOP"` (1e16), `"6806 PF-days"` (× {@link FLOP_PER_PF_DAY}; also
 * `PF-day`, `pfs-days`, `petaflop/s-days`). A FLOP is one floating-point operation; a multiply-add is 2.
 * `"FLOPS"` (capital S) is rejected: it is a rate, see {@link parseFlopsPerSecond}.
 *
 * @param text - the text to parse.
 * @param field - named in the error message.
 * @returns FLOP, a finite number ≥ 0.
 * @throws InputError naming `field`, the text and the accepted forms.
 */
export function parseFlop(text: string, field: string): number {
  const { value, unit } = splitQuantity(text, field, FLOP_EXPECTED);
  let factor: number | undefined;
  if (unit === "") factor = 1;
  else if (PF_DAY_UNIT.test(unit)) factor = FLOP_PER_PF_DAY;
  else {
    const match = FLOP_UNIT.exec(unit);
    if (match) factor = prefixFactor(DECIMAL_PREFIXES, match[1] ?? "");
  }
  if (factor === undefined) throw new InputError(field, text, FLOP_EXPECTED);
  return scaled(value, factor, text, field, FLOP_EXPECTED);
}
