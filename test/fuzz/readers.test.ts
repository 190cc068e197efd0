import { describe, expect, it } from "vitest";
import { fuzzReaders } from "./fuzzReaders.js";

// Issue 16 acceptance, quick slice: seeded mutations (truncation, byte flips, 1e308/NaN/Infinity/-1 in
// a field, empty fields, extra or missing columns, wrong JSON types, nesting 64..5000 deep, BOM, CRLF,
// repeated rows) of the input of every reader: runs CSV/TSV/JSONL, model spec, catalog, system and fit
// JSON, ONNX, the sweep file, metric logs and TensorBoard event files. More seeds: readers.slow.test.ts.
describe("fuzz: every reader under mutated input (seeded sample)", () => {
  it("1 mutation per reader keep the exit, one-line and bounds properties", async () => {
    const { failures, ran } = await fuzzReaders({ seed: 1, perReader: 1 });
    expect(ran).toBeGreaterThanOrEqual(16);
    expect(failures).toEqual([]);
  });
});
