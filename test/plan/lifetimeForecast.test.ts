import { describe, expect, it } from "vitest";
import { accelerator } from "../../src/hardware/catalog.js";
import { inferencePlan } from "../../src/plan/inferencePlan.js";
import { shapeDecoder } from "../../src/plan/shapeDecoder.js";
import { run } from "../cli/run.js";

describe("forecast --serve-tokens (the lifetime optimum in the forecast)", () => {
  it("chooses a smaller model than Chinchilla for a large serving volume and prices both lives", async () => {
    const r = await run([
      "forecast",
      "--law",
      "chinchilla-epoch",
      "--target",
      "2.3",
      "--hardware",
      "h100-sxm",
      "--devices",
      "64",
      "--serve-tokens",
      "2T",
      "--serve-prompt",
      "512",
      "--serve-output",
      "256",
      "--json",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const f = JSON.parse(r.stdout);
    const l = f.lifetime;
    for (const k of ["trainDollars", "serveDollars", "totalDollars", "chinchillaTotalDollars"])
      expect(l).toHaveProperty(k);
    expect(f.model.params.value).toBeCloseTo(l.params, -3);
    expect(l.totalDollars).toBeCloseTo(l.trainDollars + l.serveDollars, 6);
    expect(l.params).toBeLessThan(l.chinchilla.params);
    expect(l.totalDollars).toBeLessThan(l.chinchillaTotalDollars);
    // serving dollars = served tokens × $ per output token of the chosen size × output / (prompt + output),
    // within the power law fitted through the sizes the serving model was run at
    const plan = inferencePlan({
      model: shapeDecoder(l.params).spec,
      accelerator: accelerator("h100-sxm"),
      prompt: 512,
      output: 256,
    });
    const direct = 2e12 * (plan.dollarsPerMillionTokens! / 1e6) * (256 / 768);
    expect(l.serveDollars / direct).toBeGreaterThan(0.85);
    expect(l.serveDollars / direct).toBeLessThan(1.15);
    // serving cost grows about in proportion to N (Sardana et al.'s 2N per token)
    expect(l.serveCostExponent).toBeGreaterThan(0.6);
    expect(l.serveCostExponent).toBeLessThan(1.4);
  });

  it("needs a Chinchilla-form law, and --serve-* options need --serve-tokens", async () => {
    const a = await run([
      "forecast",
      "--law",
      "kaplan-nd",
      "--target",
      "2.3",
      "--hardware",
      "h100-sxm",
      "--serve-tokens",
      "1T",
    ]);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/--serve-tokens.*Chinchilla-form/);
    const b = await run(["budget", "--dollars", "$1M", "--serve-prompt", "100"]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/--serve-prompt.*only with --serve-tokens/);
  });
});
