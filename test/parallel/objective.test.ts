import { describe, expect, it } from "vitest";
import type { TimedLayout } from "../../src/parallel/evaluateLayout.js";
import { SINGLE_DEVICE_LAYOUT } from "../../src/parallel/layout.js";
import { preferenceNote } from "../../src/parallel/explainWinner.js";
import {
  goodputFraction,
  headroomFactor,
  RUN_TIME_PREFERENCE,
  scoreOf,
  simplicityFactor,
} from "../../src/parallel/objective.js";

const GiB = 2 ** 30;
// 80 GiB device, 5 GiB reserve: 75 GiB usable
const memory = (usedGiB: number) => ({
  perDeviceBytes: usedGiB * GiB,
  reserve: 5 * GiB,
  capacityBytes: 80 * GiB,
});
const ways = (tp: number, pp: number, cp: number, ep = 1) => ({ tp, pp, cp, ep });

describe("search preferences", () => {
  it("headroom: no penalty up to 90% of the usable memory, then linear to 3% at a full device", () => {
    expect(headroomFactor({ memory: memory(5 + 0.9 * 75) })).toBe(1);
    // fill 0.95: 1 + 0.03 × 0.05 / 0.1 = 1.015
    expect(headroomFactor({ memory: memory(5 + 0.95 * 75) })).toBeCloseTo(1.015, 12);
  });

  it("simplicity: 0.1% per doubling of tp·pp·cp·ep", () => {
    expect(simplicityFactor(ways(1, 1, 1))).toBe(1);
    // tp 8 · pp 2 · cp 4 = 64 = 2⁶: 1.006
    expect(simplicityFactor(ways(8, 2, 4))).toBeCloseTo(1.006, 12);
  });

  it("throughput score: −tokens/s over both factors; a 0.1% faster layout with twice the ways ties", () => {
    const c = { objective: "throughput" as const };
    // fill 0.5, 16-way: −1e6 / 1.004
    expect(scoreOf(ways(8, 2, 1), 64, 1e6, memory(42.5), c)).toBeCloseTo(-1e6 / 1.004, 6);
    const simple = scoreOf(ways(8, 2, 1), 64, 1e6, memory(42.5), c);
    const busier = scoreOf(ways(8, 2, 2), 64, 1.0009e6, memory(42.5), c);
    expect(simple).toBeLessThan(busier);
  });

  it("time and cost scores count the goodput model's wall time, so a deadline met by steps alone can be missed", () => {
    // 1e11 tokens at 1e6 tokens/s is 1e5 s of steps; checkpoint writes only (no failures): 100 s every
    // 3600 s of compute make the wall time 1e5 × (1 + 100/3600) = 102,778 s, past a 101,000 s deadline
    const goodput = {
      checkpointBytes: 1e12,
      options: { failuresPerDeviceHour: 0, checkpointBytesPerSecond: 1e10, checkpointIntervalSeconds: 3600 },
    };
    const c = { objective: "time" as const, units: 1e11, deadlineSeconds: 101_000, dollarsPerHour: 3600 };
    expect(goodputFraction(64, { ...c, goodput })).toBeCloseTo(1 / (1 + 100 / 3600), 12);
    // steps only: within the deadline, scored by cost per token (64 devices × $1/s / 1e6 tokens/s)
    expect(scoreOf(ways(1, 1, 1), 64, 1e6, memory(42.5), c)).toBeCloseTo(64 / 1e6, 12);
    // with goodput: past it, ordered after every layout that meets it by its wall seconds
    expect(scoreOf(ways(1, 1, 1), 64, 1e6, memory(42.5), { ...c, goodput })).toBeGreaterThan(1e29);
    // cost: dollars per token times (wall seconds per token)^log2(1.01), the run-time preference
    const cost = { objective: "cost" as const, dollarsPerHour: 3600, goodput };
    const wallPerToken = (1 / 1e6) * (1 + 100 / 3600);
    expect(scoreOf(ways(1, 1, 1), 64, 1e6, memory(42.5), cost)).toBeCloseTo(
      64 * wallPerToken * wallPerToken ** Math.log2(1.01),
      12,
    );
  });

  it("cost: a run half as long wins unless it costs more than 1% extra (RUN_TIME_PREFERENCE)", () => {
    const cost = { objective: "cost" as const, dollarsPerHour: 3600 };
    const at = (devices: number, tps: number) => scoreOf(ways(1, 1, 1), devices, tps, memory(42.5), cost);
    // 64 devices at 1e6 tokens/s against 128 at 2e6/1.009 (0.9% more per token, half the time): the
    // faster wins; at 2e6/1.011 (1.1% more) the cheaper does. Hand ratio: 1.009 / 1.01 < 1 < 1.011 / 1.01
    expect(at(128, 2e6 / 1.009)).toBeLessThan(at(64, 1e6));
    expect(at(128, 2e6 / 1.011)).toBeGreaterThan(at(64, 1e6));
    expect(RUN_TIME_PREFERENCE.perHalving).toBe(0.01);
  });

  it("the note names the preference that decided", () => {
    const t = (tps: number, l: ReturnType<typeof ways>, usedGiB: number) =>
      ({
        tokensPerSecond: tps,
        memory: memory(usedGiB),
        layout: { dp: 1, vp: 1, mb: 1, recompute: "none", sp: true, zero: 1, ...l },
      }) as unknown as TimedLayout;
    const best = t(1e6, ways(8, 2, 1), 42.5);
    const busier = t(1.0005e6, ways(8, 2, 4), 42.5);
    expect(preferenceNote(best, [best, busier])).toMatch(/16-way model parallel.*0\.05% faster, 64-way/);
    const full = t(1.01e6, ways(8, 2, 1), 79);
    expect(preferenceNote(best, [best, full])).toMatch(
      /fills 50% of the usable memory.*1\.0% faster, fills 99%/,
    );
    expect(preferenceNote(best, [best])).toMatch(/winner fills 50%/);
    const tied = t(1.00001e6, ways(8, 2, 2), 42.5);
    expect(preferenceNote(best, [best, tied])).toMatch(/\(as fast within 0\.01%, 32-way\)/);
  });

  it("under the cost objective the note weighs device-seconds per token and names the run-time preference", () => {
    const t = (devices: number, tps: number, usedGiB: number) =>
      ({
        devices,
        tokensPerSecond: tps,
        memory: memory(usedGiB),
        layout: { ...SINGLE_DEVICE_LAYOUT, dp: devices, zero: 1 },
      }) as unknown as TimedLayout;
    // 128 devices at 1.98e6 tokens/s against 64 at 1e6: the smaller run does 1.0% more tokens per
    // device-second (1e6/64 ÷ 1.98e6/128 = 1.0101) in a run 1.98x as long
    const best = t(128, 1.98e6, 42.5);
    const cheaper = t(64, 1e6, 42.5);
    expect(preferenceNote(best, [best, cheaper], "cost")).toBe(
      "preferred the winner (128 devices) over dp=64,tp=1,pp=1,cp=1,ep=1,vp=1,mb=1,recompute=none,sp=off,zero=1 (1.0% more tokens per device-second, a run 2.0x as long on 64 devices); the cost objective counts each halving of the run time as worth 1% of its cost",
    );
    // the cheaper one fills 99% of the usable memory: the headroom decided, and the note says so
    expect(preferenceNote(best, [best, t(64, 1e6, 79)], "cost")).toMatch(
      /fills 50% of the usable memory\) over .* \(1\.0% more tokens per device-second, fills 99%\)/,
    );
    expect(preferenceNote(best, [best], "cost")).toMatch(/winner fills 50% .*worth 1% of its cost$/);
  });
});
