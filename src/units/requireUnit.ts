import { InputError } from "./InputError.js";
import { parseDuration } from "./parseDuration.js";

/**
 * Refuse a plain non-zero number where the quantity's unit is the user's to say: a deadline of "30" is
 * 30 seconds to the parsers (their base unit), and a memory reserve of "6" six bytes, where the user
 * meant days or GiB. Zero needs no unit. Returns the text for the parser.
 *
 * @param text - what was typed.
 * @param field - named in the error message.
 * @param example - forms that would be accepted, e.g. "30d, 720h or 2 weeks".
 * @throws InputError naming `field` and the text.
 */
export function requireUnit(text: string, field: string, example: string): string {
  const t = text.trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) && Number(t) !== 0)
    throw new InputError(
      field,
      text,
      `a quantity with its unit, e.g. ${example} (a plain number's unit would be a guess)`,
    );
  return text;
}

/**
 * A deadline in seconds: a duration with its unit ("30d", "720h", "2 weeks"; parseDuration), a plain
 * number refused rather than read as seconds.
 */
export function parseDeadline(text: string, field: string): number {
  return parseDuration(requireUnit(text, field, "30d, 720h or 2 weeks"), field);
}
