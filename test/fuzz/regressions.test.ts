import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { writeFileSync } from "node:fs";
import { FILES, sweepFixture } from "./commandCases.js";
import { runCase, violation } from "./fuzzHarness.js";

// Failures the fuzz suite found (issue 16), each fixed; before the fix each was an internal error
// (exit 1, "a bug; please report it") or a run of hours.
const deep = (d: number) => "[".repeat(d) + "]".repeat(d);

describe("fuzz findings, fixed", () => {
  it("batch --starts 1e9 is refused with the limit named (it ran 1e9 starts, for hours)", async () => {
    const r = await runCase(["batch", "batch.csv", "--bootstrap", "0", "--starts", "1e9"], FILES);
    expect(violation(r)).toBeUndefined();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^scalecast: --starts: got "1e9", expected at most 10,000 starts/);
  });

  it("plan --system with JSON nested 5,000 deep is exit 2 (it overflowed the stack in validation)", async () => {
    const r = await runCase(
      ["plan", "m.json", "--system", "s.json", "--devices", "8", "--global-batch", "64"],
      { ...FILES, "s.json": deep(5000) },
    );
    expect(violation(r)).toBeUndefined();
    expect(r.stderr).toMatch(
      /^scalecast: --system s\.json: got "JSON nested 5000 levels deep", expected at most 64 levels$/m,
    );
  });

  it("sweep fit --bootstrap 1e308 is refused with the limit named (it ran until the heap ran out)", async () => {
    const fx = await sweepFixture();
    try {
      const r = await runCase(["sweep", "fit", fx.results, "--bootstrap", "1e308"]);
      expect(violation(r)).toBeUndefined();
      expect(r.stderr).toMatch(/^scalecast: --bootstrap: got "1e308", expected an integer from 0 to 100000/);
    } finally {
      fx.remove();
    }
  });

  it("sweep collect|fit|run on a results folder whose sweep.json is not JSON is exit 2 naming the file", async () => {
    const fx = await sweepFixture();
    try {
      const path = join(fx.results, "sweep.json");
      writeFileSync(path, '{"kind":');
      for (const argv of [
        ["sweep", "collect", fx.results],
        ["sweep", "fit", fx.results],
        ["sweep", "run", fx.sweep, "--results", fx.results, "--executor", "print"],
      ]) {
        const r = await runCase(argv);
        expect(violation(r), argv.join(" ")).toBeUndefined();
        expect(r.code).toBe(2);
        expect(r.stderr).toContain(`${path}: got "${path}", expected a sweep file (JSON)`);
      }
    } finally {
      fx.remove();
    }
  });

  it.each([
    // budget's text table read the budget of a lifetime forecast, which has none (TypeError)
    [
      ["budget", "--flops", "1e21", "--hardware", "h100-sxm", "--devices", "8", "--serve-tokens", "1e9"],
      0,
      /tokens D/,
    ],
    // the trainer settings went through zod's parse, so a ZodError (a JSON array) was the message
    [
      [
        "sweep",
        "design",
        "--kind",
        "learning-curve",
        "--data",
        "100,200",
        "--widths",
        "8,16,32",
        "--out",
        "/nonexistent-fuzz/d.json",
        "--patience",
        "-1",
      ],
      2,
      /patience: got -1, expected a number at least 0/,
    ],
    // a width no device holds was a plain Error in the cost estimate (the model-size bound now meets it first)
    [
      [
        "sweep",
        "design",
        "--kind",
        "learning-curve",
        "--data",
        "100,200",
        "--widths",
        "4294967297",
        "--out",
        "/nonexistent-fuzz/d.json",
      ],
      2,
      /got 4294967297, expected (a width whose model fits one h100-sxm|a positive integer up to)/,
    ],
  ] as const)("%j is exit %i, not an internal error", async (argv, code, out) => {
    const r = await runCase([...argv], FILES);
    expect(violation(r)).toBeUndefined();
    expect(r.code).toBe(code);
    expect(r.stdout + r.stderr).toMatch(out);
  });

  it("a JSON syntax error quoting the input's line breaks is still one line (InputError joins them)", async () => {
    const text = JSON.stringify(JSON.parse(FILES["m.json"]!), null, 2).replace(
      '"layers": 4',
      '"layers": 4,\n,',
    );
    const r = await runCase(["workload", "m2.json"], { ...FILES, "m2.json": text });
    expect(violation(r)).toBeUndefined();
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
  });
});
