import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lambInit, lambStep } from "../../src/batch/lamb.js";
import { larsInit, larsStep } from "../../src/batch/lars.js";
import { loadTf } from "../../src/cli/train/tf.js";
import { trainRun } from "../../src/cli/train/trainRun.js";
import { readEventFile } from "../../src/ingest/tensorboard/readEventFile.js";
import { parseMetricLog, scalarsToRows } from "../../src/sweep/metricLog.js";
import { tempDir } from "./cliHelpers.js";

const tmp = tempDir("scalecast-train-");
afterAll(() => tmp.remove());

describe("LARS and LAMB against TensorFlow.js's own updates", () => {
  // With the trust ratio masked off and no weight decay, optax's LARS is heavy-ball momentum
  // (t <- -lr g + 0.9 t, w <- w + t) and LAMB is Adam (m/(sqrt(v) + eps) with bias correction), which are
  // tf.train.momentum (accum <- 0.9 accum + g, w <- w - lr accum) and tf.train.adam: three steps of each
  // must agree to float32 rounding.
  const w0 = [Float32Array.of(0.5, -1.25, 2, 0.75), Float32Array.of(0.1, -0.2)];
  const grads = [
    [Float32Array.of(0.3, -0.1, 0.7, 0.2), Float32Array.of(-0.5, 0.25)],
    [Float32Array.of(-0.2, 0.4, 0.1, -0.6), Float32Array.of(0.15, 0.05)],
    [Float32Array.of(0.05, 0.05, -0.3, 0.9), Float32Array.of(-0.35, 0.6)],
  ];
  it("LARS without the trust ratio is tf.train.momentum", async () => {
    const tf = await loadTf("cpu");
    const vars = w0.map((w) => tf.variable(tf.tensor(w)));
    const opt = tf.train.momentum(0.1, 0.9);
    const ours = w0.map((w) => Float32Array.from(w));
    const state = larsInit(ours);
    for (const g of grads) {
      opt.applyGradients(vars.map((v, i) => ({ name: v.name, tensor: tf.tensor(g[i]!) })));
      larsStep(ours, g, state, { learningRate: 0.1, trustRatioMask: [false, false] });
    }
    vars.forEach((v, i) => {
      const lib = v.dataSync();
      ours[i]!.forEach((x, j) => expect(x).toBeCloseTo(lib[j]!, 6));
    });
    // and with the trust ratio on, the first step scales by 0.001 ||w|| / ||g|| per tensor (optax)
    const one = w0.map((w) => Float32Array.from(w));
    const ratios = larsStep(one, grads[0]!, larsInit(one), { learningRate: 1, momentum: 0 });
    const norm = (a: Float32Array) => Math.hypot(...a);
    expect(ratios[0]).toBeCloseTo((0.001 * norm(w0[0]!)) / norm(grads[0]![0]!), 9);
    opt.dispose();
    tf.dispose(vars);
  });
  it("LAMB without the trust ratio is tf.train.adam", async () => {
    const tf = await loadTf("cpu");
    const vars = w0.map((w) => tf.variable(tf.tensor(w)));
    const opt = tf.train.adam(0.01, 0.9, 0.999, 1e-6);
    const ours = w0.map((w) => Float32Array.from(w));
    const state = lambInit(ours);
    for (const g of grads) {
      opt.applyGradients(vars.map((v, i) => ({ name: v.name, tensor: tf.tensor(g[i]!) })));
      lambStep(ours, g, state, { learningRate: 0.01, trustRatioMask: [false, false] });
    }
    vars.forEach((v, i) => {
      const lib = v.dataSync();
      ours[i]!.forEach((x, j) => expect(x).toBeCloseTo(lib[j]!, 6));
    });
    opt.dispose();
    tf.dispose(vars);
  });
});

describe("the trainer", () => {
  it("trains on MNIST and logs the same scalars as JSONL and TensorBoard events, with gradient noise", async () => {
    const out = join(tmp.dir, "run");
    const s = await trainRun({
      data: 512,
      width: 16,
      input: 14,
      batch: 32,
      steps: 60,
      lr: 0.003,
      gnsEvery: 15,
      testSamples: 1000,
      evalSamples: 500,
      out,
      backend: "wasm",
    });
    expect(s.steps).toBe(60);
    expect(s.params).toBe(196 * 16 + 16 + 16 * 10 + 10);
    expect(s.testError).toBeLessThan(0.5); // ten classes: chance is 0.9
    expect(s.stepsPerSecond).toBeGreaterThan(0);
    const jsonl = parseMetricLog(readFileSync(join(out, "metrics.jsonl"), "utf8"), "jsonl", "metrics.jsonl");
    expect(jsonl.rejected).toEqual([]);
    const events = readdirSync(out).filter((f) => f.startsWith("events.out.tfevents."));
    expect(events).toHaveLength(1);
    const tb = readEventFile(new Uint8Array(readFileSync(join(out, events[0]!))), events[0]);
    expect(tb.fileVersion).toBe("brain.Event:2");
    expect(tb.rejected).toEqual([]);
    const tbRows = scalarsToRows(tb.scalars);
    const evals = jsonl.rows.filter((r) => r.val_error !== undefined);
    expect(evals.length).toBeGreaterThan(10);
    for (const r of evals) {
      const t = tbRows.find((x) => x.step === r.step && x.val_error !== undefined)!;
      expect(t.val_error).toBe(Math.fround(r.val_error!)); // simple_value is a float32
    }
    const gns = jsonl.rows.filter((r) => r.g_small_sq !== undefined);
    expect(gns.map((r) => r.step)).toEqual([1, 16, 31, 46]); // one window of 10 gradients every 15 steps
    for (const r of gns) {
      expect(r.b_big).toBe(10 * r.b_small!);
      expect(r.g_small_sq!).toBeGreaterThan(r.g_big_sq!); // E|G_B|^2 = |G|^2 + tr(Sigma)/B falls with B
    }
  });

  it("stops at a target and reports its steps", async () => {
    const s = await trainRun({
      data: 2048,
      width: 32,
      input: 14,
      batch: 64,
      lr: 0.01,
      target: 0.5,
      steps: 500,
      testSamples: 500,
      evalSamples: 500,
      gnsEvery: 0,
      out: join(tmp.dir, "target"),
    });
    expect(s.stepsToTarget).not.toBeNull();
    expect(s.steps).toBe(s.stepsToTarget);
    expect(s.bestValError).toBeLessThan(0.5);
  });
});
