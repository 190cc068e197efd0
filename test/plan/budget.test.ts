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

describe("a budget is a constraint: the plan fits inside it after shaping and whole steps (issue 13)", () => {
  it("budget --dollars 1e6 (Epoch's law, 256 H100s): at most $1M, and less than one step short", () => {
    const f = forecastCore({ law: epoch, accelerator: h100, devices: 256, budget: { dollars: 1e6 }, cache });
    expect(f.cost.dollars!.value).toBeLessThanOrEqual(1e6);
    expect(1e6 - f.cost.dollars!.value).toBeLessThan(oneStep(f).dollars);
    expect(f.budget).toMatchObject({ kind: "dollars", limit: 1e6 });
    expect(f.budget!.used).toBeCloseTo(f.cost.dollars!.value, 6);
  });

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

  it("a budget too small for one step of a fixed model is refused with what one step needs", () => {
    // one step of a 70B model on 256 H100s (about 4M tokens × 6 × 7e10 FLOP ≈ 1.7e18 FLOP at ~4e17
    // FLOP/s) takes seconds: 256 devices × a few s / 3600 × ~$3/h is more than $1
    expect(() =>
      forecastCore({
        law: epoch,
        accelerator: h100,
        devices: 256,
        fixed: { params: 7e10 },
        budget: { dollars: 1 },
        cache,
      }),
    ).toThrow(/1 step of the 7\.\d+e\+10-parameter model on 256 x h100-sxm need \$\d.*x the budget/);
  });

  it("N and D both fixed over a budget: refused with the amount the run needs", () => {
    expect(() =>
      forecastCore({
        law: epoch,
        accelerator: h100,
        devices: 256,
        fixed: { params: 6.74e9, tokens: 2e12 },
        budget: { dollars: 1e4 },
        cache,
      }),
    ).toThrow(/need \$[\d.e+]+, [\d.]+x the budget/);
  });
});
