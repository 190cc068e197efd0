import { InputError } from "../../units/InputError.js";

/** A comma-separated list of positive numbers (`--data 500,1000,2000`), or undefined when absent. */
export function numberList(value: string | undefined, field: string, integer = false): number[] | undefined {
  if (value === undefined || value === "") return undefined;
  return value.split(",").map((s) => {
    const n = Number(s.trim());
    if (!Number.isFinite(n) || !(n > 0) || (integer && !Number.isInteger(n)))
      throw new InputError(
        field,
        value,
        `a comma-separated list of positive ${integer ? "integers" : "numbers"}`,
      );
    return n;
  });
}
