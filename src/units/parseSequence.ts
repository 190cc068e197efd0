import { InputError } from "./InputError.js";
import { parseCount } from "./parseCount.js";

/** The longest sequence accepted, tokens: far above the contexts models train at (Llama 3.1: 131,072). */
export const MAX_SEQUENCE = 10_000_000;

/**
 * Parse a sequence length in tokens: a whole number from 1 to {@link MAX_SEQUENCE}. A plain count
 * ("8192", "8.192e3") is taken as typed; "8k" is refused, since context lengths are written in binary
 * thousands by convention (Llama 3.1's "128k" is 131,072) while every other count here is SI
 * (8k = 8,000): the error offers both readings.
 *
 * @param text - the text to parse.
 * @param field - named in the error message.
 * @returns tokens per sequence.
 * @throws InputError naming `field`, the text and the two readings of a k, or the range.
 */
export function parseSequence(text: string, field: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*[kK]\s*$/.exec(text);
  if (m) {
    const x = Number(m[1]);
    throw new InputError(
      field,
      text,
      `tokens as a number: ${Math.round(x * 1024)} (${x}k in binary, as context lengths are quoted) or ${Math.round(x * 1000)}`,
    );
  }
  const n = parseCount(text, field);
  if (!(Number.isInteger(n) && n >= 1 && n <= MAX_SEQUENCE))
    throw new InputError(
      field,
      text,
      `a whole number of tokens from 1 to ${MAX_SEQUENCE.toLocaleString("en-US")}`,
    );
  return n;
}
