import { describe, expect, it } from "vitest";
import { accelerator } from "../../src/hardware/catalog.js";
import type { WeightFormat } from "../../src/plan/inferenceFormats.js";
import { forwardTime } from "../../src/plan/inferenceForward.js";
import { inferencePlan, type InferencePlanInput, servingLayouts } from "../../src/plan/inferencePlan.js";
import { inferenceProfile } from "../../src/plan/inferenceProfile.js";
import { type ServingRun, servingRun, servingStages } from "../../src/plan/inferenceRun.js";
import { SERVING_CALIBRATION } from "../../src/plan/servingCalibration.js";
import { servingSystem } from "../../src/plan/servingSystem.js";
import { modelPreset } from "../../src/workload/presets/index.js";

// issue 17: the serving search skips timing what does not fit in memory and times a layout's alike
// stages and repeated passes once (servingRunner). Its answer must be the exhaustive one's: every layout
// at every batch timed by a fresh servingRun, the winner and the curve chosen by the rule
// inferencePlan documents (most output tokens/s per device, ties within 1e-9 to the lower TPOT; the
// winner among runs meeting the targets; the curve stops at the first batch nothing fits).

const H100 = accelerator("h100-sxm");

function exhaustive(input: InferencePlanInput) {
  const profile = inferenceProfile(input.model);
  const sys = servingSystem(input.accelerator, { bandwidthFraction: SERVING_CALIBRATION.bandwidthFraction });
  const better = (a: ServingRun, b: ServingRun | undefined) =>
    b === undefined ||
    a.tokensPerSecondPerDevice > b.tokensPerSecondPerDevice * (1 + 1e-9) ||
    (a.tokensPerSecondPerDevice >= b.tokensPerSecondPerDevice * (1 - 1e-9) && a.tpotSeconds < b.tpotSeconds);
  const meets = (r: ServingRun) => input.tpotSeconds === undefined || r.tpotSeconds <= input.tpotSeconds;
  let best: ServingRun | undefined;
  const curve: { batch: number; layout: ServingRun["layout"]; tpotSeconds: number }[] = [];
  for (let batch = 1; batch <= 8192; batch *= 2) {
    let atBatch: ServingRun | undefined;
    for (const layout of servingLayouts(profile, input.accelerator, input)) {
      const r = servingRun(profile, sys, {
        layout,
        batch,
        prompt: input.prompt ?? 1024,
        output: input.output ?? 256,
        weights: input.weights ?? "bf16",
        kv: input.kv ?? "bf16",
        stepOverheadSeconds: SERVING_CALIBRATION.stepOverheadSeconds,
      });
      if (!r.memory.fits) continue;
      if (better(r, atBatch)) atBatch = r;
      if (meets(r) && better(r, best)) best = r;
    }
    if (!atBatch) break;
    curve.push({ batch, layout: atBatch.layout, tpotSeconds: atBatch.tpotSeconds });
  }
  return { best: best!, curve };
}

const CASES: [preset: string, devices: number | undefined, weights: WeightFormat, tpotMs?: number][] = [
  ["llama3-70b", 8, "bf16", 50],
  ["llama3-70b", 16, "fp8", 30],
  ["llama3-8b", 16, "fp8", 30],
  ["llama3-405b", 16, "bf16"],
  ["mixtral-8x7b", undefined, "int4", 40],
  ["llama2-13b", 4, "bf16"],
];

describe("inferencePlan: the pruned search gives the exhaustive search's answer", () => {
  it.each(CASES)("%s on %s H100s, %s weights, TPOT ≤ %s ms", (preset, devices, weights, tpotMs) => {
    const input: InferencePlanInput = {
      model: modelPreset(preset).spec,
      accelerator: H100,
      weights,
      ...(devices !== undefined ? { devices } : {}),
      ...(tpotMs !== undefined ? { tpotSeconds: tpotMs / 1e3 } : {}),
    };
    const plan = inferencePlan(input);
    const ref = exhaustive(input);
    expect(plan.layout).toEqual(ref.best.layout);
    expect(plan.batch).toBe(ref.best.batch);
    expect(plan.tokensPerSecond).toBe(ref.best.tokensPerSecond);
    expect(plan.tpotSeconds).toBe(ref.best.tpotSeconds);
    expect(plan.memory).toEqual(ref.best.memory);
    expect(plan.curve.map((p) => ({ batch: p.batch, layout: p.layout, tpotSeconds: p.tpotSeconds }))).toEqual(
      ref.curve,
    );
  });
});

describe("servingRun: alike pipeline stages timed once", () => {
  it("the slowest stage of a 16-stage pipeline is the slowest of all 16 timed one by one", () => {
    const profile = inferenceProfile(modelPreset("llama3-70b").spec);
    const sys = servingSystem(H100);
    const layout = { tp: 1, pp: 16, dp: 1 };
    const r = servingRun(profile, sys, {
      layout,
      batch: 32,
      prompt: 512,
      output: 128,
      weights: "bf16",
      kv: "bf16",
      stepOverheadSeconds: 0,
    });
    const stages = servingStages(profile, 16, sys.devicesPerNode, 1);
    const base = { sequences: 2, tp: 1, weights: "bf16", kv: "bf16" } as const;
    const slowest = (phase: "prefill" | "decode", newTokens: number, context: number) =>
      Math.max(
        ...stages.map((s) => forwardTime(profile, sys, s, { ...base, phase, newTokens, context }).seconds),
      );
    // 32 sequences over 16 stages: micro-batches of 2; the mid-output decode is the third quarter's
    expect(r.prefill.seconds).toBe(slowest("prefill", 512, 512));
    expect(r.decode.seconds).toBe(slowest("decode", 1, 512 + (128 * 2.5) / 4));
  });
});
