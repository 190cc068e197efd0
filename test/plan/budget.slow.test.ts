import { describe, expect, it } from "vitest";
import { accelerator } from "../../src/hardware/catalog.js";
import { lawFromPreset } from "../../src/laws/law.js";
import { lawPreset } from "../../src/laws/presets/index.js";
import { forecastCache } from "../../src/plan/forecastCache.js";
import { forecastCore } from "../../src/plan/forecastCore.js";
import type { Forecast } from "../../src/plan/forecastTypes.js";

const h100 = accelerator("h100-sxm");
const epoch = lawFromPreset(lawPreset("chinchilla-epoch"));
const cache = forecastCache();

/** What one more optimizer step would cost in each budget's unit (wall time includes goodput losses). */
function oneStep(f: Forecast) {
  const wall = f.step.seconds / f.goodput.fraction;
  return {
    dollars: ((f.devices * wall) / 3600) * f.cost.dollarsPerDeviceHour!,
    seconds: wall,
    flops: f.compute.flops.value / f.steps.value,
  };
}

// The costlier budget cases of issue 13 (several layout searches each: a few seconds): `npm run test:slow`.
describe("budgets are constraints: the costlier cases (issue 13)", () => {
  it("budget --flops 1e24 (was 1.038e24): the shaped model's training FLOP, attention included, at most 1e24", () => {
    const f = forecastCore({ law: epoch, accelerator: h100, devices: 256, budget: { flops: 1e24 }, cache });
    expect(f.compute.flops.value).toBeLessThanOrEqual(1e24);
    expect(1e24 - f.compute.flops.value).toBeLessThan(oneStep(f).flops);
    // the split is the law's compute-optimal one at its own compute 6ND (Hoffmann's closed form with
    // Epoch's parameters, E 1.82, A 482.01, B 2085.43, α 0.3478, β 0.3658): N_opt = G·(C/6)^(β/(α+β)),
    // G = (αA/(βB))^(1/(α+β))
    const [A, B, a, b] = [482.01, 2085.43, 0.3478, 0.3658];
    const G = ((a * A) / (b * B)) ** (1 / (a + b));
    const c = 6 * f.model.params.value * f.data.tokens.value;
    expect(f.model.params.value / (G * (c / 6) ** (b / (a + b)))).toBeCloseTo(1, 2);
  });
  it("--budget-dollars $1M --template llama2-70b on 1024 A100s (was $1.14e6): at most $1M", async () => {
    const { modelPreset } = await import("../../src/workload/presets/index.js");
    const f = forecastCore({
      law: epoch,
      accelerator: accelerator("a100-80gb"),
      devices: 1024,
      template: modelPreset("llama2-70b").spec,
      budget: { dollars: 1e6 },
      series: false,
      cache,
    });
    expect(f.cost.dollars!.value).toBeLessThanOrEqual(1e6);
    expect(1e6 - f.cost.dollars!.value).toBeLessThan(oneStep(f).dollars);
    expect(f.model.spec.family).toBe("decoder");
  });
  it("--deadline 30d --max-devices 1024 (was 16 H100s and a 13B model): the devices that train the most in time", () => {
    const input = {
      law: epoch,
      accelerator: h100,
      maxDevices: 1024,
      budget: { deadlineSeconds: 30 * 86400 },
      series: false,
      cache,
    };
    const f = forecastCore(input);
    expect(f.train.days.value).toBeLessThanOrEqual(30);
    expect(f.optimised).toMatch(/most tokens per second on up to 1024 devices/);
    // no smaller count buys a better model in the same 30 days: 512 devices reach a higher loss
    const half = forecastCore({ ...input, maxDevices: undefined, devices: f.devices / 2 });
    expect(half.loss.value).toBeGreaterThan(f.loss.value);
  });
  it("--deadline 30d on 1024 H100s (was 31.6 days): at most 30 days of wall time, failures included", () => {
    const f = forecastCore({
      law: epoch,
      accelerator: h100,
      devices: 1024,
      budget: { deadlineSeconds: 30 * 86400 },
      cache,
    });
    expect(f.train.days.value).toBeLessThanOrEqual(30);
    expect(30 * 86400 - f.train.days.value * 86400).toBeLessThan(oneStep(f).seconds);
    // the days are wall time: steps × step time / goodput
    expect(f.train.days.value).toBeCloseTo((f.steps.value * f.step.seconds) / f.goodput.fraction / 86400, 6);
  });
});
