import { describe, expect, it } from "vitest";
import { accelerator } from "../../src/hardware/catalog.js";
import { withGemmCeiling } from "../../src/parallel/calibrateSystem.js";
import { systemFor } from "../../src/parallel/systemFor.js";
import { run } from "./run.js";

// The costlier flag checks of issue 13 (several forecasts and budgets with layout searches): test:slow.
const small = ["--law", "chinchilla-epoch", "--devices", "8", "--json"];
const json = async (argv: string[], files: Record<string, string> = {}) => {
  const r = await run(argv, files);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
};

describe("forecast and budget take plan's system flags (issue 13)", () => {
  it("--system FILE and --max-fraction change the step time; budget --catalog FILE finds the chip", async () => {
    const sys = systemFor(accelerator("h100-sxm"));
    const base = await json(["budget", ...small, "--flops", "1e20", "--hardware", "h100-sxm"]);
    // a system file whose GEMMs reach 30% of peak (the catalog's H100 reaches 77%): the run is slower
    const slow = withGemmCeiling(sys, "bf16", 0.3);
    const files = {
      "sys.json": JSON.stringify(slow),
      "cat.json": JSON.stringify({ accelerators: [{ ...accelerator("h100-sxm"), name: "my-h100" }] }),
    };
    const withSystem = await json(["budget", ...small, "--flops", "1e20", "--system", "sys.json"], files);
    expect(withSystem.days).toBeGreaterThan(base.days * 1.5);
    expect(withSystem.mfu).toBeLessThan(0.3);
    const capped = await json([
      "forecast",
      ...small,
      "--target",
      "2.6",
      "--max-fraction",
      "0.3",
      "--no-sensitivity",
    ]);
    const free = await json(["forecast", ...small, "--target", "2.6", "--no-sensitivity"]);
    expect(capped.mfu).toBeLessThan(free.mfu);
    const mine = await json(
      ["budget", ...small, "--flops", "1e20", "--hardware", "my-h100", "--catalog", "cat.json"],
      files,
    );
    expect(mine.hardware).toBe("my-h100");
    expect(mine.days).toBeCloseTo(base.days, 6);
  });
});
