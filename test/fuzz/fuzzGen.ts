import { type Rng, rngFor, uniform01 } from "../../src/fit/random.js";

// Seeded mutations for the fuzz suite (issue 16 acceptance). Draws come from the project's own seeded
// generator (src/fit/random.ts: xoroshiro128+ seeded by hashing (seed, stream)), so case k of seed s is
// the same on every machine and a failure's (seed, k) reproduces it.

/** A seeded picker: `int(n)` in [0, n), `pick(list)`, `chance(p)`. */
export function picker(seed: number, stream: number) {
  const rng: Rng = rngFor(seed, stream);
  const int = (n: number) => Math.floor(uniform01(rng) * n);
  return {
    int,
    pick: <T>(list: readonly T[]): T => list[int(list.length)]!,
    chance: (p: number) => uniform01(rng) < p,
  };
}
export type Picker = ReturnType<typeof picker>;

/**
 * Values every numeric option is tried with: zero, negatives, fractions, the largest doubles, what
 * `Number()` reads as NaN or Infinity, text, empty, huge counts, and values with units (SI, dollars,
 * durations) that a count option may or may not take.
 */
export const NUMERIC_VALUES: readonly string[] = [
  "0",
  "-1",
  "1.5",
  "1e308",
  "-1e308",
  "1e-320",
  "NaN",
  "Infinity",
  "-Infinity",
  "abc",
  "",
  " ",
  "1e9",
  "4294967297",
  "9007199254740993",
  "1T",
  "$1M",
  "30d",
  "0x10",
  "1,000",
  "1e",
  "--",
];

/** Numbers a data field is overwritten with. */
const BAD_NUMBERS = [
  "1e308",
  "-1e308",
  "NaN",
  "Infinity",
  "-1",
  "0",
  "1e-320",
  "abc",
  "",
  "9".repeat(400),
  "1e999",
];

/**
 * One seeded mutation of a text input (runs CSV/TSV/JSONL, model, catalog or system JSON): a
 * truncation, byte flips, a number replaced by a bad one, an emptied or extra field, a dropped or
 * added column, a wrong JSON type, deep nesting, a BOM, CRLF line ends, or a repeated block.
 */
export function mutateText(text: string, p: Picker): string {
  const numbers = [...text.matchAll(/-?\d+(\.\d+)?(e[+-]?\d+)?/gi)];
  switch (p.int(12)) {
    case 0:
      return text.slice(0, p.int(text.length + 1));
    case 1: {
      const chars = [...text];
      for (let e = 1 + p.int(6); e > 0; e--) chars[p.int(chars.length)] = String.fromCharCode(p.int(128));
      return chars.join("");
    }
    case 2:
    case 3: {
      if (numbers.length === 0) return `${text}${p.pick(BAD_NUMBERS)}`;
      const m = p.pick(numbers);
      return text.slice(0, m.index) + p.pick(BAD_NUMBERS) + text.slice(m.index! + m[0].length);
    }
    case 4:
      return text.replace(/,[^,\n]*/, ","); // an empty field (CSV) or a missing value (JSON)
    case 5:
      return text.replace(/\n/, p.chance(0.5) ? ",extra,1\n" : "\n1,2,3,4,5,6,7,8,9\n"); // extra columns
    case 6:
      return text.replace(/^[^,\n]*,/, ""); // a column name missing
    case 7:
      return text.replace(/: ?-?\d+(\.\d+)?/, p.pick([':"12"', ":[1]", ":{}", ":null", ":true", ':"1T"']));
    case 8: {
      const d = p.pick([64, 65, 1000, 5000]);
      return text.replace(/: ?-?\d+(\.\d+)?/, `:${"[".repeat(d)}${"]".repeat(d)}`);
    }
    case 9:
      return `\uFEFF${text}`;
    case 10:
      return text.replace(/\n/g, "\r\n");
    default: {
      const lines = text.split("\n");
      const i = p.int(lines.length);
      return [
        ...lines.slice(0, i),
        ...Array<string>(1 + p.int(50)).fill(lines[i] ?? ""),
        ...lines.slice(i),
      ].join("\n");
    }
  }
}

/** One seeded mutation of a binary input (ONNX, TensorBoard events): a truncation or 1–8 byte overwrites. */
export function mutateBytes(bytes: Uint8Array, p: Picker): Uint8Array {
  if (p.chance(0.3)) return bytes.slice(0, p.int(bytes.length));
  const out = bytes.slice();
  for (let e = 1 + p.int(8); e > 0; e--) out[p.int(out.length)] = p.int(256);
  return out;
}
