import { describe, expect, it } from "vitest";
import { run } from "./run.js";

// through the real CLI entry (runCli), in-process
const plan = (argv: string[]) => run(["plan", ...argv]);

describe("scalecast plan", () => {
  it("times a fixed layout and prints the issue's JSON keys", async () => {
    const r = await plan([
      "gpt3-1.3b",
      "--hardware",
      "a100-80gb",
      "--devices",
      "16",
      "--global-batch",
      "64",
      "--layout",
      "tp=2,pp=2,dp=4,vp=1,mb=2,recompute=selective,sp=on,zero=1",
      "--tokens",
      "26B",
      "--region",
      "world",
      "--json",
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    for (const k of ["mfu", "hfu", "tokensPerSecond", "layout"]) expect(j).toHaveProperty(k);
    expect(j.step.seconds).toBeGreaterThan(0);
    expect(Object.keys(j.step.breakdown).sort()).toEqual([
      "bubble",
      "compute",
      "exposedCommunication",
      "memoryBound",
      "optimizer",
    ]);
    expect(j.memory.perDeviceBytes).toBeGreaterThan(0);
    // train.seconds = tokens / tokens per second; device-hours = 16 × seconds / 3600
    expect(j.train.seconds).toBeCloseTo(26e9 / j.tokensPerSecond, -1);
    expect(j.train.deviceHours).toBeCloseTo((16 * j.train.seconds) / 3600, 3);
    expect(j.cost.dollars).toBeGreaterThan(0);
    expect(j.energy.kWh).toBeGreaterThan(0);
    expect(j.co2.kg).toBeGreaterThan(0);
  });

  it("--search returns top, search {evaluated, pruned, seconds} and why", async () => {
    const r = await plan([
      "gpt3-1.3b",
      "--hardware",
      "a100-80gb",
      "--devices",
      "16",
      "--global-batch",
      "64",
      "--search",
      "--workers",
      "0",
      "--json",
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.top.length).toBe(5);
    expect(j.search.evaluated).toBeGreaterThan(0);
    expect(j.search).toHaveProperty("pruned");
    expect(j.search).toHaveProperty("seconds");
    expect(j.why.length).toBeGreaterThan(0);
    expect(j.top[0].tokensPerSecond).toBeGreaterThanOrEqual(j.top[1].tokensPerSecond);
  });

  it("an infeasible fixed layout is bad input (exit 2) with the numbers on stderr, not timed", async () => {
    const r = await plan([
      "gpt3-175b",
      "--hardware",
      "a100-80gb",
      "--devices",
      "8",
      "--global-batch",
      "8",
      "--layout",
      "tp=8,pp=1,dp=1,vp=1,mb=1,recompute=none,sp=off,zero=0",
    ]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^scalecast: --layout: .*needs [\d.]+ [GT]iB per device, has 74\.5 GiB.*\n$/);
  });

  it("bad input names the field", async () => {
    const r = await plan([
      "gpt3-1.3b",
      "--hardware",
      "a100-80gb",
      "--devices",
      "16",
      "--global-batch",
      "64",
      "--layout",
      "zero=7",
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--layout zero: got "7"/);
  });

  it("--model had19 gives the roofline step time", async () => {
    const r = await plan([
      "gpt3-1.3b",
      "--hardware",
      "a100-80gb",
      "--devices",
      "8",
      "--global-batch",
      "8",
      "--layout",
      "tp=1,pp=1,dp=8,vp=1,mb=1,recompute=none,sp=off,zero=0",
      "--model",
      "had19",
      "--json",
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).step.model).toBe("had19");
  });
});
