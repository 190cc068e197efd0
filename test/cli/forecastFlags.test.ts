import { describe, expect, it } from "vitest";
import { run } from "./run.js";

// a small Chinchilla-law forecast: 8 H100s, a target a ~1B model reaches
const small = ["--law", "chinchilla-epoch", "--devices", "8", "--json"];
const json = async (argv: string[], files: Record<string, string> = {}) => {
  const r = await run(argv, files);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
};

describe("forecast and budget take the system and price flags plan takes (issue 13)", () => {
  it("--price-per-hour prices the same run: dollars = device-hours × the given price", async () => {
    const f = await json([
      "forecast",
      ...small,
      "--target",
      "2.6",
      "--price-per-hour",
      "$1.50",
      "--no-sensitivity",
    ]);
    expect(f.cost.dollarsPerDeviceHour).toBe(1.5);
    expect(f.cost.dollars.value).toBeCloseTo(f.train.deviceHours.value * 1.5, 6);
    const b = await json(["budget", ...small, "--dollars", "$10k", "--price-per-hour", "$1.50"]);
    expect(b.dollars).toBeLessThanOrEqual(1e4);
    // $10k at $1.50 per device-hour buys at most 6,667 device-hours
    expect(b.days * 24 * b.devices).toBeLessThanOrEqual(1e4 / 1.5);
  });

  it("budget takes --region and --pue as forecast does: energy scales with the PUE, CO2 with the grid", async () => {
    const base = await json(["budget", ...small, "--flops", "1e21"]);
    const b = await json(["budget", ...small, "--flops", "1e21", "--pue", "1.32", "--region", "france"]);
    // the same run: energy × 1.32 / 1.10 (the default PUE); CO2 = kWh × France's grid intensity
    expect(b.days).toBeCloseTo(base.days, 9);
    expect(b.kWh).toBeCloseTo((base.kWh * 1.32) / 1.1, 3);
    // Ember's 2023 intensities: France 56 g/kWh, the world 480 g/kWh
    expect(b.kgCO2 / b.kWh).toBeCloseTo(0.056, 6);
    expect(base.kgCO2 / base.kWh).toBeCloseTo(0.48, 6);
  });
});

describe("forecast with N and D both fixed (issue 13)", () => {
  it("--model-params 6.74e9 --model-tokens 2e12: trains 2e12 tokens and reports the law's loss, no target", async () => {
    const f = await json([
      "forecast",
      ...small,
      "--model-params",
      "6.74e9",
      "--model-tokens",
      "2e12",
      "--no-sensitivity",
    ]);
    // before: the tokens were ignored (7.16e11, the compute-optimal D for the default target)
    expect(f.data.tokens.value).toBeGreaterThanOrEqual(2e12);
    expect(f.data.tokens.value - 2e12).toBeLessThan(f.batch.tokensPerStep);
    // Epoch's fit (Besiroglu et al. 2024): L = 1.82 + 482.01/N^0.3478 + 2085.43/D^0.3658
    const d = f.data.tokens.value;
    expect(f.loss.value).toBeCloseTo(1.82 + 482.01 / 6.74e9 ** 0.3478 + 2085.43 / d ** 0.3658, 6);
    expect(f.target).toBeNull();
  });

  it("a target the fixed run cannot reach is refused with the loss it does reach", async () => {
    const r = await run([
      "forecast",
      ...small,
      "--model-params",
      "6.74e9",
      "--model-tokens",
      "2e12",
      "--target",
      "2.0",
    ]);
    expect(r.code).toBe(2);
    // 1.82 + 482.01/6.74e9^0.3478 + 2085.43/2e12^0.3658 = 1.82 + 0.1840 + 0.0660 = 2.070
    expect(r.stderr).toMatch(/reach 2\.07/);
    expect(r.stderr).not.toMatch(/floor/);
  });
});

describe("units and defaults travel (issue 13)", () => {
  it("a word-level LM's data is in words everywhere; its default batch respects the critical batch", async () => {
    const r = await run(["forecast", "--law", "had19-word-lm", "--devices", "128", "--no-sensitivity"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^data +[\d.e+]+ .* words$/m);
    expect(r.stdout).not.toMatch(/tokens \(samples\)/);
  });

  it("the default global batch is at most Kaplan's critical batch even on more devices, so no warning", async () => {
    // target 2.7: B_crit = B*/L^(1/αB) = 2e8 / 2.7^(1/0.21) / 2048 tokens = 862 samples; the old default
    // raised the batch to the device count (1024), past it, and then warned about its own choice
    const f = await json([
      "forecast",
      "--law",
      "chinchilla-epoch",
      "--devices",
      "1024",
      "--json",
      "--target",
      "2.7",
      "--no-sensitivity",
    ]);
    expect(f.batch.critical).toBeCloseTo(2e8 / 2.7 ** (1 / 0.21) / 2048, 0);
    expect(f.batch.global).toBe(512);
    expect(f.warnings.join("\n")).not.toMatch(/critical batch/);
  });
});

describe("goodput flags (issue 12 item 6)", () => {
  it("override the failure rate, checkpoint bandwidth and interval, or switch goodput off", async () => {
    const flags = ["forecast", ...small, "--target", "2.6", "--no-sensitivity"];
    const off = await json([...flags, "--no-goodput"]);
    expect(off.goodput.fraction).toBe(1);
    // no failures, a checkpoint of δ seconds every 30 min: wall = steps × step time × (1 + δ/1800)
    const f = await json([
      ...flags,
      "--failure-rate",
      "0",
      "--checkpoint-every",
      "30min",
      "--checkpoint-bandwidth",
      "1GB/s",
    ]);
    const delta = f.goodput.checkpointBytes / 1e9;
    expect(f.goodput.checkpointSeconds).toBeCloseTo(delta, 9);
    expect(f.train.days.value / off.train.days.value).toBeCloseTo(1 + delta / 1800, 9);
    const parts = f.train.breakdown.map((b: { days: number }) => b.days);
    expect(parts.reduce((a: number, b: number) => a + b, 0)).toBeCloseTo(f.train.days.value, 9);
    const bad = await run([...flags, "--no-goodput", "--failure-rate", "1e-5"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--failure-rate.*nothing with --no-goodput/);
  });
});
