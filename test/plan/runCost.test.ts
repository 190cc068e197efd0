import { describe, expect, it } from "vitest";
import { runCost } from "../../src/plan/runCost.js";

describe("run cost", () => {
  it("device-hours, dollars and energy by hand", () => {
    // 1e12 tokens at 1e6 tokens/s on 1000 devices of 400 W, $2/h, PUE 1.1
    const c = runCost({
      units: 1e12,
      unitsPerSecond: 1e6,
      devices: 1000,
      tdpWatts: 400,
      dollarsPerHour: 2,
      pue: 1.1,
    });
    expect(c.train.seconds).toBe(1e6);
    expect(c.train.deviceHours).toBeCloseTo((1000 * 1e6) / 3600, 6);
    expect(c.cost.dollars).toBeCloseTo((2 * 1000 * 1e6) / 3600, 3);
    // 1000 × 400 W × 1e6 s × 1.1 / 3.6e6 = 122,222 kWh
    expect(c.energy.kWh).toBeCloseTo(122222.2222, 2);
  });
});
