import { describe, expect, it } from "vitest";
import { goodputSetting, parseGoodputOptions } from "../../src/plan/goodputOptions.js";

describe("parseGoodputOptions: the goodput overrides as typed, in the CLI and the web app", () => {
  it("reads each override in its unit: per device-hour, minutes, bytes/s, a duration, a fraction", () => {
    expect(
      parseGoodputOptions({
        failureRate: "4e-5",
        restartMinutes: "30",
        checkpointBandwidth: "100GB/s",
        checkpointEvery: "45min",
        evalFraction: "0.02",
      }),
    ).toEqual({
      failuresPerDeviceHour: 4e-5,
      restartSeconds: 1800, // 30 min × 60
      checkpointBytesPerSecond: 1e11, // 100 GB/s, decimal
      checkpointIntervalSeconds: 2700, // 45 min × 60
      evalFraction: 0.02,
    });
  });

  it("leaves empty fields to the defaults and names a bad one as it was typed", () => {
    expect(parseGoodputOptions({ failureRate: "", restartMinutes: "  " })).toEqual({});
    expect(() => parseGoodputOptions({ failureRate: "-1" })).toThrow(
      '--failure-rate: got "-1", expected interrupts per device-hour ≥ 0',
    );
    const labels = {
      failureRate: "failure rate",
      restartMinutes: "restart minutes",
      checkpointBandwidth: "checkpoint write bandwidth",
      checkpointEvery: "checkpoint interval",
      evalFraction: "evaluation fraction",
    };
    expect(() => parseGoodputOptions({ restartMinutes: "soon" }, labels)).toThrow(
      'restart minutes: got "soon", expected minutes ≥ 0',
    );
  });

  it("left out, it refuses an override that would be ignored, naming it as typed; blank fields pass", () => {
    expect(goodputSetting(false, { failureRate: " " })).toBe(false);
    expect(() => goodputSetting(false, { failureRate: "", checkpointEvery: "1h" })).toThrow(
      '--checkpoint-every: got "1h", expected nothing with --no-goodput',
    );
    expect(goodputSetting(true, { restartMinutes: "30" })).toEqual({ restartSeconds: 1800 });
  });
});
