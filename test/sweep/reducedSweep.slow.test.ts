import { execFileSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { tempDir } from "./cliHelpers.js";
import { MAIN } from "./resume.js";

const tmp = tempDir("scalecast-reduced-");
afterAll(() => tmp.remove());

const sc = (...args: string[]) =>
  execFileSync(process.execPath, [MAIN, ...args], { encoding: "utf8", cwd: tmp.dir });

describe("a reduced learning-curve sweep with the built-in trainer", () => {
  it("designs, runs, collects and fits: the exponent comes with an interval", () => {
    sc(
      "sweep",
      "design",
      "--kind",
      "learning-curve",
      "--data",
      "64,256,1024,4096",
      "--widths",
      "8,32",
      "--input",
      "14",
      "--epochs",
      "1",
      "--min-steps",
      "40",
      "--max-steps",
      "100",
      "--test-samples",
      "1000",
      "--eval-samples",
      "500",
      "--out",
      "lc.json",
    );
    const run = sc("sweep", "run", "lc.json", "--results", "res", "--concurrency", "2");
    expect(run).toMatch(/8 of 8 points finished, 0 failed/);
    const collected = JSON.parse(sc("sweep", "collect", "res", "--json"));
    expect(collected.rows).toHaveLength(8);
    for (const r of collected.rows) {
      expect(r.params).toBe(196 * r.width + r.width + 10 * r.width + 10);
      expect(r.test_error).toBeGreaterThan(0);
      expect(r.test_error).toBeLessThan(0.9);
    }
    const fit = JSON.parse(sc("sweep", "fit", "res", "--law", "power", "--bootstrap", "100", "--json"));
    expect(fit.curve.params.beta.value).toBeLessThan(0);
    expect(fit.curve.params.beta.ci95).toHaveLength(2);
    expect(fit.best.map((b: { data: number }) => b.data)).toEqual([64, 256, 1024, 4096]);
    // the TensorBoard event files alone give the same runs table
    const fromEvents = JSON.parse(sc("sweep", "collect", "res", "--source", "tensorboard", "--json"));
    expect(fromEvents.rows.map((r: { test_error: number }) => r.test_error)).toEqual(
      collected.rows.map((r: { test_error: number }) => Math.fround(r.test_error)),
    );
  });
});
