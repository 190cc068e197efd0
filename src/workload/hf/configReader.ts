import { InputError } from "../../units/InputError.js";

/** Typed reads from a Hugging Face `config.json` object, each naming the key when it is missing or wrong. */
export interface ConfigReader {
  /** A required positive integer; the first key present among `keys` (aliases such as n_ctx/n_positions). */
  int(...keys: string[]): number;
  /** An optional positive integer (absent or null gives undefined). */
  optInt(key: string): number | undefined;
  /** An optional number (absent or null gives undefined). */
  optNumber(key: string): number | undefined;
  /** An optional boolean. */
  optBool(key: string): boolean | undefined;
  /** An optional string. */
  optString(key: string): string | undefined;
  /** An optional list (absent or null gives an empty one). */
  optList(key: string): unknown[];
}

/**
 * Wrap a parsed `config.json` (any JSON value) in a {@link ConfigReader}.
 *
 * @throws InputError("config.json", …) when the value is not a JSON object.
 */
export function configReader(json: unknown): ConfigReader {
  if (json === null || typeof json !== "object" || Array.isArray(json))
    throw new InputError("config.json", json, "a JSON object (a Hugging Face model config)");
  const cfg = json as Record<string, unknown>;
  const present = (key: string) => cfg[key] !== undefined && cfg[key] !== null;
  const checkInt = (key: string): number => {
    const v = cfg[key];
    if (typeof v !== "number" || !Number.isInteger(v) || v < 1)
      throw new InputError(key, v, "a positive integer");
    return v;
  };
  return {
    int(...keys) {
      const key = keys.find(present);
      if (key === undefined)
        throw new InputError(keys[0]!, undefined, `a positive integer (config key ${keys.join(" or ")})`);
      return checkInt(key);
    },
    optInt: (key) => (present(key) ? checkInt(key) : undefined),
    optNumber(key) {
      if (!present(key)) return undefined;
      const v = cfg[key];
      if (typeof v !== "number" || !Number.isFinite(v)) throw new InputError(key, v, "a number");
      return v;
    },
    optBool(key) {
      if (!present(key)) return undefined;
      const v = cfg[key];
      if (typeof v !== "boolean") throw new InputError(key, v, "true or false");
      return v;
    },
    optList(key) {
      if (!present(key)) return [];
      const v = cfg[key];
      if (!Array.isArray(v)) throw new InputError(key, v, "a list");
      return v;
    },
    optString(key) {
      if (!present(key)) return undefined;
      const v = cfg[key];
      if (typeof v !== "string") throw new InputError(key, v, "a string");
      return v;
    },
  };
}
