import { describe, expect, it } from "vitest";
import { accelerator } from "../../src/hardware/catalog.js";
import { memo4 } from "../../src/parallel/memo4.js";
import { type SearchJob, searchLayouts } from "../../src/parallel/searchLayouts.js";
import { stepProfile } from "../../src/parallel/stepProfile.js";
import { bindSystem, systemFor } from "../../src/parallel/systemFor.js";
import { modelPreset } from "../../src/workload/presets/index.js";

describe("memo4", () => {
  it("computes each distinct argument tuple once and returns what the function gave", () => {
    const calls: number[][] = [];
    const f = memo4((a: number, b: number, c: number, d: number) => {
      calls.push([a, b, c, d]);
      return a * 1000 + b * 100 + c * 10 + d;
    });
    expect(f(1, 2, 3, 4)).toBe(1234);
    expect(f(1, 2, 4, 3)).toBe(1243);
    expect(f(1, 2, 3, 4)).toBe(1234);
    expect(f(0.5, 2, 3, 4)).toBe(734);
    expect(calls).toEqual([
      [1, 2, 3, 4],
      [1, 2, 4, 3],
      [0.5, 2, 3, 4],
    ]);
  });

  it("keys on strings too, and a zero value is kept", () => {
    let n = 0;
    const f = memo4((op: string, b: number, _c: number, _d: number) => (n++, op === "p2p" ? 0 : b));
    expect([f("p2p", 5, 1, 1), f("p2p", 5, 1, 1), f("all-reduce", 5, 1, 1)]).toEqual([0, 0, 5]);
    expect(n).toBe(2);
  });
});

// issue 17: the web worker binds a system once and reuses it (with its memoised GEMM and collective
// times) across searches; every search must find what it finds on a fresh binding
describe("a system bound once serves several searches with the answers of fresh bindings", () => {
  const acc = accelerator("h100-sxm");
  const system = systemFor(acc);
  const job = (preset: string, devices: number): SearchJob => ({
    profile: stepProfile(modelPreset(preset).spec, { precision: "bf16" }),
    accelerator: acc,
    system,
    precision: "bf16",
    space: { devices, globalBatch: 512 },
    evaluate: { attention: "flash" },
    objective: { objective: "throughput" },
    top: 5,
  });
  it("llama2-7b on 32 and 128 devices, then llama2-13b on 64", () => {
    const shared = bindSystem(system, "bf16");
    for (const [preset, devices] of [
      ["llama2-7b", 32],
      ["llama2-7b", 128],
      ["llama2-13b", 64],
    ] as const) {
      const reused = searchLayouts(job(preset, devices), shared);
      const fresh = searchLayouts(job(preset, devices));
      expect(reused.top.length).toBe(5);
      expect(reused).toEqual(fresh);
    }
  });
});
