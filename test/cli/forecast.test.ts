import { describe, expect, it } from "vitest";
import { run } from "./run.js";

describe("scalecast forecast / budget", () => {
  it("forecast --json prints the documented keys, and --report writes a self-contained HTML report", async () => {
    const r = await run([
      "forecast",
      "--law",
      "had19-word-lm",
      "--devices",
      "128",
      "--report",
      "r.html",
      "--json",
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    for (const k of [
      "model",
      "data",
      "compute",
      "layout",
      "batch",
      "steps",
      "devices",
      "train",
      "cost",
      "energy",
      "co2",
      "sensitivity",
      "warnings",
    ])
      expect(j).toHaveProperty(k);
    expect(j.model).toHaveProperty("spec");
    expect(j.model.params).toHaveProperty("value");
    expect(j.data.tokens).toHaveProperty("ci95");
    expect(j.train.days).toHaveProperty("value");
    expect(j.devices).toBe(128);
    const html = r.written["r.html"]!;
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script|https?:\/\//i); // no scripts, no network
    // learning curve, step-time breakdown, steps against batch, days and dollars against devices
    expect((html.match(/<figure class="plot">/g) ?? []).length).toBe(5);
    expect(html).toContain("scalecast version");
    expect(html).toMatch(/<td>date<\/td><td>\d{4}-\d{2}-\d{2}<\/td>/); // the CLI's clock dates the report
  });

  it("forecast from a runs file fits it first and carries the bootstrap into intervals", async () => {
    const r = await run([
      "forecast",
      "examples/word-lm-runs.csv",
      "--law",
      "power-no-floor",
      "--x",
      "words",
      "--y",
      "loss",
      "--params",
      "params",
      "--target",
      "2.48",
      "--bootstrap",
      "200",
      "--devices",
      "64",
      "--json",
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    const [lo, hi] = j.compute.flops.ci95;
    expect(lo).toBeLessThan(j.compute.flops.value);
    expect(hi).toBeGreaterThan(j.compute.flops.value);
    expect(j.train.days.ci95).not.toBeNull();
  });

  it("fit --target and forecast give the same intervals for the same runs and target (every draw used)", async () => {
    const runs = ["examples/word-lm-runs.csv", "--law", "power-no-floor", "--x", "words", "--y", "loss"];
    const flags = [...runs, "--params", "params", "--target", "2.48", "--bootstrap", "500", "--json"];
    const fit = JSON.parse((await run(["fit", ...flags])).stdout).projection;
    const f = JSON.parse((await run(["forecast", ...flags, "--devices", "64"])).stdout);
    expect(f.draws).toBe(500); // before: every second draw (at most 400)
    expect(f.data.tokens.ci95).toEqual(fit.data.ci95);
    expect(f.model.params.ci95).toEqual(fit.model.ci95);
    expect(f.data.dataScale.ci95).toEqual(fit.dataScale.ci95);
    expect(f.data.modelScale.ci95).toEqual(fit.modelScale.ci95);
  });

  it("--format md writes the same tables as Markdown", async () => {
    const r = await run([
      "forecast",
      "--law",
      "chinchilla-epoch",
      "--target",
      "2.1",
      "--devices",
      "256",
      "--report",
      "r.md",
      "--format",
      "md",
    ]);
    expect(r.code).toBe(0);
    expect(r.written["r.md"]).toMatch(/^# scalecast forecast: chinchilla-epoch to 2.1/);
    expect(r.written["r.md"]).toMatch(/\| compute \|/);
  });

  it("budget under Epoch's Chinchilla: N = 7.31e10, D = 1.34e12 at 5.88e23 FLOP", async () => {
    const r = await run([
      "budget",
      "--flops",
      "5.88e23",
      "--law",
      "chinchilla-epoch",
      "--devices",
      "1024",
      "--json",
    ]);
    const j = JSON.parse(r.stdout);
    // the budget holds the shaped model's FLOP (attention included): the law's 6ND is a little less,
    // and N, D are Hoffmann's closed form at that compute (N ∝ C^0.5126, D ∝ C^0.4874 for Epoch's fit)
    expect(j.flops).toBeLessThanOrEqual(5.88e23);
    const c = 6 * j.params.value * j.tokens.value;
    expect(j.params.value / (7.31e10 * (c / 5.88e23) ** 0.5126)).toBeCloseTo(1, 2);
    expect(j.tokens.value / (1.34e12 * (c / 5.88e23) ** 0.4874)).toBeCloseTo(1, 2);
    expect(j.loss.value).toBeGreaterThan(1.82);
  });

  it("budget under the HF rule scales a reference run: 10x compute -> 7.41x parameters", async () => {
    const r = await run([
      "budget",
      "--law",
      "hf",
      "--flops",
      "1e22",
      "--reference-params",
      "1e9",
      "--reference-flops",
      "1e21",
      "--devices",
      "64",
      "--json",
    ]);
    const j = JSON.parse(r.stdout);
    expect(j.params.value / 7.41e9).toBeCloseTo(1, 6);
    expect(j.hf.stepsRatio).toBeCloseTo(1.35, 2);
    expect(j.loss).toBeNull();
    // the budget holds after shaping and whole steps (issue 13: budget --law hf --flops 1e23 used 1.11e23)
    expect(j.flops).toBeLessThanOrEqual(1e22);
    expect(j.budgetUse).toMatchObject({ kind: "flops", limit: 1e22 });
    expect(1e22 - j.flops).toBeLessThan(j.flops / j.steps);
  });

  it("a target below the irreducible loss is one clear line, exit 2", async () => {
    const r = await run(["forecast", "--law", "chinchilla-epoch", "--target", "1.7"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/target: got 1.7, expected a loss the law chinchilla-epoch can reach/);
  });
});
