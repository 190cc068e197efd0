import { describe, expect, it } from "vitest";
import { checkpointBytesOf, layoutRunCost } from "../../src/plan/layoutRunCost.js";

const base = { units: 1e12, unitsPerSecond: 1e6, devices: 1000, tdpWatts: 400, dollarsPerHour: 2, pue: 1.1 };

describe("layoutRunCost", () => {
  it("divides the steps' time by the goodput fraction: checkpoint writes alone, by hand", () => {
    // no failures; a 1 TB checkpoint at 10 GB/s is δ = 100 s, written every τ = 3600 s of compute:
    // wall / steps = 1 + δ/τ = 1.027778 (Daly 2006 with M = ∞), so 1e6 s of steps take 1,027,778 s
    const c = layoutRunCost({
      ...base,
      checkpointBytes: 1e12,
      goodput: { failuresPerDeviceHour: 0, checkpointBytesPerSecond: 1e10, checkpointIntervalSeconds: 3600 },
    });
    expect(c.train.productiveSeconds).toBe(1e6);
    expect(c.train.seconds).toBeCloseTo(1e6 * (1 + 100 / 3600), 3);
    expect(c.goodput.fraction).toBeCloseTo(1 / (1 + 100 / 3600), 9);
    expect(c.goodput.overhead.checkpoints).toBeCloseTo(100 / 3600, 9);
    // device-hours, dollars and energy follow the wall time: 1000 × 1,027,778 s / 3600 = 285,494 h
    expect(c.train.deviceHours).toBeCloseTo((1000 * 1e6 * (1 + 100 / 3600)) / 3600, 3);
    expect(c.cost.dollars).toBeCloseTo(2 * c.train.deviceHours, 3);
    // 1000 × 400 W × 1,027,778 s × 1.1 / 3.6e6 = 125,617 kWh
    expect(c.energy.kWh).toBeCloseTo(125617.28, 1);
  });

  it("with goodput off is the steps' cost (runCost)", () => {
    const c = layoutRunCost({ ...base, checkpointBytes: 1e12, goodput: false });
    expect(c.train.seconds).toBe(1e6);
    expect(c.goodput.enabled).toBe(false);
  });

  it("with the defaults loses more on more devices (interrupts scale with the device count)", () => {
    const small = layoutRunCost({ ...base, devices: 256, checkpointBytes: 1e12 });
    const large = layoutRunCost({ ...base, devices: 16_384, checkpointBytes: 1e12 });
    expect(small.goodput.fraction).toBeGreaterThan(large.goodput.fraction);
    // Llama 3's own scale (16,384 GPUs) loses a few percent to failures: its report says > 90% effective
    expect(large.goodput.fraction).toBeGreaterThan(0.9);
    expect(large.goodput.fraction).toBeLessThan(0.99);
  });

  it("a checkpoint is the weights and the optimizer state", () => {
    // 7e9 parameters × (2 bytes of bf16 weights + 12 of fp32 master, m and v) = 98 GB
    expect(
      checkpointBytesOf({ params: { total: 7e9 }, weightBytesPerParam: 2, optimizerStateBytesPerParam: 12 }),
    ).toBe(98e9);
  });
});
