import { describe, expect, it } from "vitest";
import { accelerator } from "../../src/hardware/catalog.js";
import { lawFromPreset } from "../../src/laws/law.js";
import { lawPreset } from "../../src/laws/presets/index.js";
import { forecastCache } from "../../src/plan/forecastCache.js";
import { forecast } from "../../src/plan/forecast.js";
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

describe("budgets on other systems, sensitivity rows and the device budget (issue 13)", () => {
  it("a dollar budget +10% spends +10% less at most one step, on the same devices; each row is a sentence", () => {
    const f = forecast({
      law: epoch,
      accelerator: h100,
      devices: 256,
      budget: { dollars: 1e6 },
      series: false,
      cache,
    });
    const row = f.sensitivity.find((r) => r.input === "budget +10%")!;
    // before: +7.5% (the re-run changed the batch and the layout); now the same devices and batch, and
    // the budget is spent to within one step of $1.1M
    const spent = f.cost.dollars!.value * (1 + row.outputs.dollars! / 100);
    expect(spent).toBeLessThanOrEqual(1.1e6);
    expect(row.outputs.dollars!).toBeGreaterThan(9.5);
    expect(row.sentence).toMatch(/budget \$1\.10e\+6 instead of \$1\.00e\+6/);
    for (const r of f.sensitivity) {
      expect(r.sentence.split(/[.;] /)).toHaveLength(1);
      expect(r.held.length).toBeGreaterThan(0);
    }
    // the same run re-priced: dollars move by exactly the price change, nothing else moves
    const price = f.sensitivity.find((r) => r.input === "price per device-hour +10%")!;
    expect(price.outputs.dollars).toBeCloseTo(10, 9);
    expect(price.outputs.days).toBeCloseTo(0, 9);
  });
});
