/**
 * The one error type for bad input across scalecast: it names the field, the value received and what
 * was expected, on one line. The CLI turns it into exit code 2; anything else thrown is a bug.
 *
 * @example
 * ```ts
 * throw new InputError("--memory", "-3GB", "a non-negative byte size such as 80GiB");
 * // message: --memory: got "-3GB", expected a non-negative byte size such as 80GiB
 * ```
 */
export class InputError extends Error {
  /**
   * @param field - where the value came from: an option name, a column, `line 7`, a config key.
   * @param value - the offending value, shown in the message (strings quoted, long values truncated).
   * @param expected - what would have been accepted, phrased to follow "expected ".
   */
  constructor(
    public readonly field: string,
    public readonly value: unknown,
    public readonly expected: string,
  ) {
    // one line whatever the parts hold (a JSON parser's message quotes the input, line breaks and all)
    super(`${field}: got ${showValue(value)}, expected ${expected}`.replace(/[\r\n]+\s*/g, " "));
    this.name = "InputError";
  }
}

const MAX_SHOWN_CHARS = 80;

/** Render a value for a one-line message: strings JSON-quoted, numbers as written, long text cut. */
function showValue(value: unknown): string {
  let shown: string;
  if (typeof value === "string") {
    shown = JSON.stringify(value);
  } else if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") {
    shown = String(value);
  } else if (value === undefined) {
    shown = "nothing";
  } else {
    try {
      shown = JSON.stringify(value) ?? String(value);
    } catch {
      shown = String(value);
    }
  }
  shown = shown.replace(/[\r\n]+/g, " ");
  return shown.length > MAX_SHOWN_CHARS ? `${shown.slice(0, MAX_SHOWN_CHARS - 1)}…` : shown;
}
