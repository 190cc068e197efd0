import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  FLOP_PER_PF_DAY,
  parseBytes,
  parseBytesPerSecond,
  parseCount,
  parseDollars,
  parseDuration,
  parseFlop,
  parseFlopsPerSecond,
  parseRate,
} from "../../src/units/index.js";

// Expected values are hand derivations of the SI/IEC definitions written next to each case.

describe("parseCount", () => {
  it.each([
    ["7B", 7e9],
    ["2T", 2e12],
    ["1.5e21", 1.5e21],
    ["70M", 70e6],
    ["300k", 300e3],
    ["300K", 300e3],
    ["1.3e6", 1.3e6],
    ["7 B", 7e9],
    ["5G", 5e9],
    ["2P", 2e15],
    ["1E", 1e18],
    [" 42 ", 42],
    ["0", 0],
    [".5k", 500],
  ])("%s → %d", (text, expected) => {
    expect(parseCount(text, "n")).toBeCloseTo(expected, -Math.floor(Math.log10(expected || 1)) + 10);
  });

  it("accepts unit words only with allowUnit", () => {
    expect(parseCount("7B tokens", "d", { allowUnit: true })).toBe(7e9);
    expect(parseCount("70M params", "n", { allowUnit: true })).toBe(7e7);
    expect(parseCount("1e6 samples", "n", { allowUnit: true })).toBe(1e6);
    expect(parseCount("300 steps", "n", { allowUnit: ["steps"] })).toBe(300);
    expect(() => parseCount("7B tokens", "d")).toThrow(/^d: got "7B tokens", expected a non-negative count/);
    expect(() => parseCount("7B apples", "d", { allowUnit: true })).toThrow(/^d: got "7B apples"/);
    expect(() => parseCount("7B tokens", "d", { allowUnit: ["params"] })).toThrow(
      /optionally followed by params/,
    );
  });

  it("is case-sensitive: rejects m (milli), lowercase b, and thousands separators", () => {
    for (const text of ["7m", "7b", "2t", "1,000"]) {
      expect(() => parseCount(text, "n")).toThrow(`n: got "${text}", expected a non-negative count`);
    }
  });
});

describe("parseBytes", () => {
  it.each([
    ["80GiB", 80 * 1024 ** 3],
    ["40GB", 40e9],
    ["1.5 TB", 1.5e12],
    ["512MiB", 512 * 1024 ** 2],
    ["6MB", 6e6],
    ["32 GB", 32e9],
    ["1024", 1024],
    ["1 KiB", 1024],
    ["1kB", 1000],
    ["1KB", 1000],
    ["2 TiB", 2 * 1024 ** 4],
    ["1 PiB", 1024 ** 5],
    ["3 bytes", 3],
    ["7 B", 7],
  ])("%s → %d bytes", (text, expected) => {
    expect(parseBytes(text, "memory")).toBe(expected);
  });

  it("rejects a bare prefix and bits", () => {
    expect(() => parseBytes("80G", "memory")).toThrow('memory: got "80G", expected a non-negative byte size');
    expect(() => parseBytes("80Gb", "memory")).toThrow('memory: got "80Gb"');
  });
});

describe("parseRate", () => {
  it.each([
    ["3.35TB/s", "bytesPerSecond", 3.35e12],
    ["898 GB/s", "bytesPerSecond", 898e9],
    ["56GB/s", "bytesPerSecond", 56e9],
    // Bits: 400 Gb/s = 400e9 bits/s / 8 = 50e9 bytes/s.
    ["400Gb/s", "bytesPerSecond", 50e9],
    ["100 Gbps", "bytesPerSecond", 12.5e9],
    ["25 Gbit/s", "bytesPerSecond", 25e9 / 8],
    ["2 GiB/s", "bytesPerSecond", 2 * 1024 ** 3],
    ["600 GBps", "bytesPerSecond", 600e9],
    ["989TFLOP/s", "flopsPerSecond", 989e12],
    ["15.67 TFLOPS", "flopsPerSecond", 15.67e12],
    ["1.5 PFLOP/s", "flopsPerSecond", 1.5e15],
    ["312 TFLOPs/s", "flopsPerSecond", 312e12],
    ["100 GFLOP/s", "flopsPerSecond", 100e9],
  ])("%s → %s %d", (text, kind, value) => {
    const rate = parseRate(text, "rate");
    expect(rate.kind).toBe(kind);
    expect(rate.value).toBeCloseTo(value, 0);
  });

  it("refuses plain numbers and the ambiguous TFLOPs", () => {
    expect(() => parseRate("1000", "rate")).toThrow('rate: got "1000", expected a non-negative rate');
    expect(() => parseRate("312 TFLOPs", "rate")).toThrow('rate: got "312 TFLOPs"');
  });

  it("parseBytesPerSecond and parseFlopsPerSecond require their kind", () => {
    expect(parseBytesPerSecond("3.35TB/s", "hbm")).toBeCloseTo(3.35e12, 0);
    expect(parseBytesPerSecond("1e9", "hbm")).toBe(1e9);
    expect(parseFlopsPerSecond("989 TFLOP/s", "peak")).toBe(989e12);
    expect(parseFlopsPerSecond("2e14", "peak")).toBe(2e14);
    expect(() => parseBytesPerSecond("989 TFLOP/s", "hbm")).toThrow(
      'hbm: got "989 TFLOP/s", expected a non-negative bandwidth',
    );
    expect(() => parseFlopsPerSecond("3.35TB/s", "peak")).toThrow(
      'peak: got "3.35TB/s", expected a non-negative compute',
    );
  });
});

describe("parseFlop", () => {
  it("has 1 PF-day = 1e15 FLOP/s × 86400 s = 8.64e19 FLOP (Kaplan et al. 2020)", () => {
    expect(FLOP_PER_PF_DAY).toBe(8.64e19);
  });

  it("every PF-days example shown beside 5.88e23 FLOP is 5.88e23 FLOP (5.88e23 / 8.64e19 = 6,806)", () => {
    // issue 13: help and README gave 3.1e8 PF-days (2.68e28 FLOP) as the same budget
    const files = [
      "README.md",
      "src/cli/commands/budget.ts",
      "src/cli/commands/project.ts",
      "src/units/parseFlop.ts",
    ];
    let seen = 0;
    for (const f of files)
      for (const line of readFileSync(f, "utf8").split("\n")) {
        if (!/5\.88e23/.test(line) && !/PF-days`; `--n/.test(line)) continue;
        for (const m of line.matchAll(/([\d.e+]+) PF-days/g)) {
          seen++;
          expect(parseFlop(`${m[1]} PF-days`, "compute") / 5.88e23, `${f}: ${m[0]}`).toBeCloseTo(1, 3);
        }
      }
    expect(seen).toBeGreaterThanOrEqual(4);
  });

  it.each([
    ["1.5e21 FLOP", 1.5e21],
    ["3.14e23", 3.14e23],
    ["5.88e23 FLOPs", 5.88e23],
    ["3.1e8 PF-days", 3.1e8 * 8.64e19],
    ["1 PF-day", 8.64e19],
    ["2 petaflop/s-days", 2 * 8.64e19],
    ["10 PFLOP", 1e16],
    ["4 EFLOP", 4e18],
    ["7 flops", 7],
  ])("%s → %d FLOP", (text, expected) => {
    expect(parseFlop(text, "compute") / expected).toBeCloseTo(1, 12);
  });

  it("refuses FLOPS (a rate)", () => {
    expect(() => parseFlop("5 TFLOPS", "compute")).toThrow(
      'compute: got "5 TFLOPS", expected a non-negative compute amount',
    );
  });
});

describe("parseDuration", () => {
  it.each([
    ["30d", 30 * 86400],
    ["14.8 days", 14.8 * 86400],
    ["2h", 7200],
    ["90min", 5400],
    ["45 s", 45],
    ["1.5w", 1.5 * 7 * 86400],
    ["2 weeks", 14 * 86400],
    ["1y", 365 * 86400],
    ["250ms", 0.25],
    ["3600", 3600],
  ])("%s → %d s", (text, expected) => {
    expect(parseDuration(text, "time")).toBeCloseTo(expected, 6);
  });

  it("refuses m (minute or month?)", () => {
    expect(() => parseDuration("3m", "time")).toThrow('time: got "3m", expected a non-negative duration');
  });
});

describe("parseDollars", () => {
  it.each([
    ["$1.2M", 1.2e6],
    ["1200000", 1.2e6],
    ["$3.5k", 3500],
    ["USD 40", 40],
    ["40 USD", 40],
    ["$2,005", 2005],
    ["$1,200,000", 1.2e6],
    ["$2,005.50", 2005.5],
    ["$4B", 4e9],
    ["12 dollars", 12],
  ])("%s → $%d", (text, expected) => {
    expect(parseDollars(text, "budget")).toBeCloseTo(expected, 6);
  });

  it("accepts commas only as thousands separators", () => {
    for (const text of ["2,5", "$20,05", "$1,2345"]) {
      expect(() => parseDollars(text, "budget")).toThrow(
        `budget: got "${text}", expected a non-negative amount in US dollars`,
      );
    }
  });
});
