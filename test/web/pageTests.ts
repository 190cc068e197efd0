/**
 * Each page of the web app driven through its inputs in Chromium; the numbers it shows are checked
 * against the core's own output for the same inputs (registered by app.test.ts, which owns the browser).
 */
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { analyzeBatchSweep, type BatchAnalysis } from "../../src/batch/analyzeBatchSweep.js";
import { estimateNoiseScale } from "../../src/batch/gradientNoiseScale.js";
import { onnxWorkload } from "../../src/graph/onnxWorkload.js";
import { accelerator } from "../../src/hardware/catalog.js";
import { lawFromPreset } from "../../src/laws/law.js";
import { lawPreset } from "../../src/laws/presets/index.js";
import { checkpointBytesOf, layoutRunCost } from "../../src/plan/layoutRunCost.js";
import { stepProfile } from "../../src/parallel/stepProfile.js";
import { bestLayout } from "../../src/plan/bestLayout.js";
import { forecast } from "../../src/plan/forecast.js";
import { stepTimeError } from "../../src/validation/stepTimeError.js";
import { ci } from "../../web/src/fmt.js";
import { OnnxBuilder } from "../graph/buildOnnx.js";
import { readTable } from "../../src/ingest/readTable.js";
import { selectColumns } from "../../src/ingest/selectColumns.js";
import { fitLaw, type LawFit } from "../../src/laws/fitLaw.js";
import { fitToJson, lawFromJson } from "../../src/laws/lawJson.js";
import { projectTarget } from "../../src/project/projectTarget.js";
import { formatNumber } from "../../src/units/formatNumber.js";
import { modelPreset } from "../../src/workload/presets/index.js";
import { trainingStep } from "../../src/workload/trainingStep.js";
import { type App, downloadFrom, output, plotCount, settled } from "./harness.js";

const EXAMPLE = new URL("../../examples/word-lm-runs.csv", import.meta.url);
/** Equal to 1e-9 relative: the page runs the same code, but in Chromium's V8, not Node's. */
const close = (a: number, b: number, rel = 1e-9) =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.abs(b));
/**
 * Fitted values: an L-BFGS fit stops within its tolerance, so a last-bit difference between two V8
 * versions' Math.pow can move a poorly conditioned optimum (3 parameters, 6 points) by ~1e-7 relative.
 */
const FIT_REL = 1e-5;

/** The per-page tests; `ctx.app` is set by the caller's beforeAll. */
export function pageTests(ctx: { app: App }): void {
  it("Fit: uploads the word-LM runs and shows the core's fit, projection, row report and plot", async () => {
    const page = await ctx.app.open("page=fit&bootstrap=100");
    await page.getByLabel("Runs file").setInputFiles(EXAMPLE.pathname);
    await settled(page);
    await page.getByLabel("Law", { exact: true }).selectOption("power-no-floor");
    await page.getByLabel("Target loss or error").fill("2.48");
    await page.getByLabel("Target loss or error").press("Tab");
    expect(await settled(page)).toBe("done");
    await page.getByLabel("x column (data size)").selectOption("words");
    await page.getByLabel("y column (loss or error)").selectOption("loss");
    await page.getByLabel(/Model-size column/).selectOption("params");
    expect(await settled(page)).toBe("done");

    const run = selectColumns(
      readTable(readFileSync(EXAMPLE, "utf8")),
      { x: "words", y: "loss", p: "params" },
      { positive: ["x", "y", "p"] },
    );
    const fit = fitLaw(
      "power-no-floor",
      { inputs: [run.columns.x], y: run.columns.y },
      { bootstrap: 100, seed: 0 },
    ) as LawFit;
    const size = fitLaw(
      "power-no-floor",
      { inputs: [run.columns.x], y: run.columns.p },
      { bootstrap: 100, seed: 0 },
    ) as LawFit;
    const projection = projectTarget(lawFromJson(fitToJson(fit, size), "word-lm-runs.csv"), { target: 2.48 });
    for (const k of ["alpha", "beta"]) {
      const shown = await output(page, `param-${k}`);
      close(shown.value, fit.params[k]!.value, FIT_REL);
      expect(shown.text).toBe(formatNumber(fit.params[k]!.value, 4));
    }
    expect((await output(page, "param-alpha")).text).toBe("12.63"); // README: scalecast fit ... alpha 12.63
    close((await output(page, "param-sigma")).value, size.params.alpha!.value, FIT_REL);
    close((await output(page, "projection-data")).value, projection.data.value, FIT_REL);
    close((await output(page, "projection-model")).value, projection.model!.value, FIT_REL);
    close((await output(page, "rmse-log")).value, fit.diagnostics.rmseLog, FIT_REL);
    expect((await output(page, "rows-read")).value).toBe(9);
    expect((await output(page, "rows-kept")).value).toBe(9);
    expect(await plotCount(page)).toBeGreaterThanOrEqual(1);
    await expect.poll(() => page.url()).toContain("law=power-no-floor");

    // the fitted law carries its bootstrap draws into the Forecast page: intervals on every output
    await page.getByRole("button", { name: "Forecast with this law" }).click();
    await page.waitForURL(/page=forecast/);
    expect(await settled(page)).toBe("done");
    const law = lawFromJson(fitToJson(fit, size), "word-lm-runs.csv");
    const fc = forecast({
      sensitivity: false,
      law,
      target: 2.48,
      accelerator: accelerator("h100-sxm"),
      devices: 256,
      precision: "bf16",
      region: "world",
    });
    close((await output(page, "forecast-params")).value, fc.model.params.value, FIT_REL);
    close((await output(page, "forecast-days")).value, fc.train.days.value, FIT_REL);
    const interval = page.locator('[data-key="forecast-days"] + td');
    expect(await interval.textContent()).toMatch(/^\[.+, .+\]$/);
    await page.close();
  });

  it("Fit: a pasted file with bad rows lists every rejected row with its reason", async () => {
    const page = await ctx.app.open("page=fit");
    const csv = "x,y\n1e6,5.1\n2e6,abc\n4e6,4.7\n,4.5\n8e6,-1\n1.6e7,4.3\n3.2e7,4.2\n1.6e7,4.3\n";
    await page.getByLabel(/^Runs \(CSV/).fill(csv);
    await page.getByLabel("Bootstrap resamples").fill("100");
    await page.getByLabel("Bootstrap resamples").press("Tab");
    expect(await settled(page)).toBe("done");
    const table = readTable(csv);
    const run = selectColumns(table, { x: "x", y: "y" }, { positive: ["x", "y"] });
    expect((await output(page, "rows-read")).value).toBe(run.report.read);
    expect((await output(page, "rows-kept")).value).toBe(run.report.kept);
    expect((await output(page, "rows-rejected")).value).toBe(run.report.rejected.length);
    const reasons = await page.locator(".row-report tbody tr td:nth-child(2)").allTextContents();
    expect(reasons).toEqual(run.report.rejected.map((r) => r.reason));
    const fit = fitLaw(
      "power",
      { inputs: [run.columns.x!], y: run.columns.y! },
      { bootstrap: 100, seed: 0 },
    ) as LawFit;
    close((await output(page, "param-alpha")).value, fit.params.alpha!.value, FIT_REL);
    await page.close();
  });

  it("Workload: a preset with batch and recompute shows the core's step, tables and charts", async () => {
    const page = await ctx.app.open("page=workload");
    await settled(page);
    await page.getByLabel("Preset").selectOption("llama2-7b");
    await page.getByLabel("Batch (samples per step)").fill("4");
    await page.getByLabel("Recompute").selectOption("selective");
    expect(await settled(page)).toBe("done");
    const s = trainingStep(modelPreset("llama2-7b").spec, { batch: 4, recompute: "selective" });
    close((await output(page, "params-total")).value, s.params.total);
    close((await output(page, "step-flops")).value, s.step.flops);
    close((await output(page, "step-hardware-flops")).value, s.step.hardwareFlops);
    close((await output(page, "memory-total")).value, s.memory.total);
    close((await output(page, "memory-activations")).value, s.memory.activations);
    expect((await output(page, "params-total")).text).toBe(formatNumber(s.params.total, 4));
    expect(await plotCount(page)).toBe(2);
    await expect.poll(() => page.url()).toContain("recompute=selective");
    await page.close();
  });

  it("Workload: a Hugging Face config.json upload", async () => {
    const page = await ctx.app.open("page=workload&source=json");
    const config = {
      _name_or_path: "openai-community/gpt2",
      model_type: "gpt2",
      n_layer: 12,
      n_embd: 768,
      n_head: 12,
      vocab_size: 50257,
      n_positions: 1024,
    };
    await page.getByLabel("JSON file").setInputFiles({
      name: "config.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(config)),
    });
    await page.waitForFunction(() => document.querySelector('[data-key="params-total"]'));
    expect(await settled(page)).toBe("done");
    const { fromHuggingFaceConfig } = await import("../../src/workload/hf/fromHuggingFaceConfig.js");
    const s = trainingStep(fromHuggingFaceConfig(config), {});
    close((await output(page, "params-total")).value, s.params.total);
    // the config is named by its _name_or_path, and the sequence used is the config's n_positions
    expect((await output(page, "model")).text).toContain("openai-community/gpt2");
    expect((await output(page, "seq")).value).toBe(1024);
    await page.close();
  });

  it("Workload: an ONNX upload is analysed in the worker", async () => {
    const b = new OnnxBuilder();
    const x = b.input("x", ["batch", 256]);
    const hdn = b.node("Relu", [b.node("MatMul", [x, b.weight("w1", [256, 512])])]);
    b.output(b.node("MatMul", [hdn, b.weight("w2", [512, 10])]));
    const bytes = b.bytes();
    const page = await ctx.app.open("page=workload&source=onnx");
    await page.getByLabel(/^Free dimensions/).fill("batch=8");
    await page
      .getByLabel("ONNX file")
      .setInputFiles({ name: "mlp.onnx", mimeType: "application/octet-stream", buffer: Buffer.from(bytes) });
    await page.waitForFunction(() => document.querySelector('[data-key="params-total"]'));
    expect(await settled(page)).toBe("done");
    const r = onnxWorkload(bytes, "mlp.onnx", {
      dims: { batch: 8 },
      execution: { precision: "bf16", optimizer: "adamw", recompute: "none" },
    });
    close((await output(page, "params-total")).value, r.step.params.total);
    close((await output(page, "step-flops")).value, r.step.step.flops);
    expect(await plotCount(page)).toBe(2);
    await page.close();
  });

  it("Plan: the best layout, breakdown, memory, MFU and cost match the core's search", async () => {
    const page = await ctx.app.open("page=plan");
    await page.getByLabel("Preset").selectOption("llama2-7b");
    await page.getByLabel("Hardware").selectOption("h100-sxm");
    await page.getByLabel("Devices", { exact: true }).fill("64");
    await page.getByLabel("Global batch (samples)").fill("512");
    await page.getByLabel("Tokens to train").fill("2T");
    await page.getByLabel("Tokens to train").press("Tab");
    expect(await settled(page)).toBe("done");
    const acc = accelerator("h100-sxm");
    const profile = stepProfile(modelPreset("llama2-7b").spec, { precision: "bf16" });
    const best = bestLayout({
      profile,
      accelerator: acc,
      precision: "bf16",
      globalBatch: 512,
      devices: 64,
    }).best!;
    // the run as forecast costs it: steps / goodput (failures, restarts, checkpoint writes)
    const cost = layoutRunCost({
      units: 2e12,
      unitsPerSecond: best.tokensPerSecond,
      devices: 64,
      tdpWatts: acc.tdpWatts,
      dollarsPerHour: acc.price?.dollarsPerHour,
      checkpointBytes: checkpointBytesOf(profile),
    });
    close((await output(page, "step-seconds")).value, best.step.seconds);
    close((await output(page, "mfu")).value, best.mfu);
    close((await output(page, "memory-per-device")).value, best.memory.perDeviceBytes);
    close((await output(page, "goodput")).value, cost.goodput.fraction);
    close((await output(page, "dollars")).value, cost.cost.dollars!);
    close((await output(page, "co2")).value, cost.co2.kg);
    expect(await plotCount(page)).toBe(2);
    await page.close();
  });

  it("Batch: the example steps table gives the core's S(B) fit, regimes, critical batch and plot", async () => {
    const page = await ctx.app.open("page=batch&bootstrap=200");
    await page.getByRole("button", { name: "Load an example steps table" }).click();
    await page.waitForFunction(() => document.querySelector('[data-key="b-noise"]'));
    expect(await settled(page)).toBe("done");
    const text = await page.getByLabel(/^Sweep, steps table/).inputValue();
    const t = readTable(text);
    const rows = t.rows.map((r) => ({ batch: Number(r.batch), steps: Number(r.steps) }));
    const a = analyzeBatchSweep(
      { kind: "steps", rows },
      { bootstrap: 200, seed: 0, optimizer: "momentum" },
    ) as BatchAnalysis;
    close((await output(page, "b-noise")).value, a.fit.bNoise.value, FIT_REL);
    close((await output(page, "s-min")).value, a.fit.sMin.value, FIT_REL);
    close((await output(page, "critical-batch")).value, a.criticalBatch.value, FIT_REL);
    expect(await plotCount(page)).toBe(1);
    await page.close();
  });

  it("Batch: a gradient-norm log gives the core's B_simple", async () => {
    const page = await ctx.app.open("page=batch&mode=gns&bootstrap=200");
    const lines = ["step,b_small,b_big,g_small_sq,g_big_sq"];
    for (let i = 0; i < 40; i++)
      lines.push(
        `${i},32,512,${(2.1 + 0.1 * Math.sin(i)).toFixed(4)},${(1.05 + 0.02 * Math.cos(i)).toFixed(4)}`,
      );
    const csv = `${lines.join("\n")}\n`;
    await page
      .getByLabel("File")
      .setInputFiles({ name: "gns.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.waitForFunction(() => document.querySelector('[data-key="b-simple"]'));
    expect(await settled(page)).toBe("done");
    const samples = readTable(csv).rows.map((r) => ({
      step: Number(r.step),
      bSmall: 32,
      bBig: 512,
      gSmallSq: Number(r.g_small_sq),
      gBigSq: Number(r.g_big_sq),
    }));
    close(
      (await output(page, "b-simple")).value,
      estimateNoiseScale(samples, { bootstrap: 200, seed: 0 }).bSimple.value,
    );
    expect(await plotCount(page)).toBe(1);
    await page.close();
  });

  it("Forecast: the page shows the core's forecast, redraws on change, and downloads JSON and HTML", async () => {
    const page = await ctx.app.open("page=forecast");
    expect(await settled(page)).toBe("done");
    const input = {
      law: lawFromPreset(lawPreset("chinchilla-epoch")),
      target: 2.0,
      accelerator: accelerator("h100-sxm"),
      devices: 256,
      precision: "bf16" as const,
      region: "world",
    };
    const f = forecast({ ...input, sensitivity: false });
    close((await output(page, "forecast-params")).value, f.model.params.value);
    // the preset law has no draws: the days interval is the step-time model's error on h100-sxm alone,
    // the same the CLI's forecast gives (and "left out" removes it)
    const withError = forecast({ ...input, modelError: stepTimeError("h100-sxm"), sensitivity: false });
    const days = withError.train.days.ci95!;
    expect(await page.locator('[data-key="forecast-days"] + td').textContent()).toBe(ci(days));
    expect(
      await page.getByRole("table", { name: /Where the time and cost intervals come from/ }).count(),
    ).toBe(1);
    close((await output(page, "forecast-tokens")).value, f.data.tokens.value);
    close((await output(page, "forecast-days")).value, f.train.days.value);
    close((await output(page, "forecast-dollars")).value, f.cost.dollars!.value);
    expect(await plotCount(page)).toBeGreaterThanOrEqual(3);

    await page.getByLabel("Devices", { exact: true }).fill("512");
    await page.getByLabel("Grid region").selectOption("france");
    expect(await settled(page)).toBe("done");
    const g = forecast({ ...input, devices: 512, region: "france", sensitivity: false });
    close((await output(page, "forecast-days")).value, g.train.days.value);
    close((await output(page, "forecast-co2")).value, g.co2.kg.value);
    await expect.poll(() => page.url()).toContain("region=france");

    // the goodput fields are forecast's --failure-rate and --no-goodput
    await page.getByLabel("Failure rate (per device-hour)").fill("1e-3");
    await page.getByLabel("Failure rate (per device-hour)").press("Tab");
    expect(await settled(page)).toBe("done");
    const failing = { ...input, devices: 512, region: "france", sensitivity: false };
    const h = forecast({ ...failing, goodput: { failuresPerDeviceHour: 1e-3 } });
    close((await output(page, "forecast-days")).value, h.train.days.value);
    expect(h.train.days.value).toBeGreaterThan(g.train.days.value * 1.05);
    await page.getByLabel("Failure rate (per device-hour)").fill("");
    await page.getByLabel("Failures, restarts, checkpoints").selectOption("off");
    expect(await settled(page)).toBe("done");
    close(
      (await output(page, "forecast-days")).value,
      forecast({ ...failing, goodput: false }).train.days.value,
    );

    const json = await downloadFrom(page, "Download JSON");
    const doc = JSON.parse(readFileSync((await json.path())!, "utf8"));
    close(doc.train.days.value, forecast({ ...failing, goodput: false }).train.days.value);
    const html = await downloadFrom(page, "Download HTML report");
    const report = readFileSync((await html.path())!, "utf8");
    expect(report).toContain("<svg");
    expect(report).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    await page.close();
  });

  it("state lives in the URL: a shared link shows the same result", async () => {
    const page = await ctx.app.open("page=workload");
    await page.getByLabel("Preset").selectOption("gpt3-1.3b");
    await page.getByLabel("Batch (samples per step)").fill("8");
    await page.getByLabel("Precision").selectOption("fp16");
    expect(await settled(page)).toBe("done");
    const shown = await output(page, "step-bytes");
    // the URL is written after the results are drawn (web/src/state.ts)
    await expect.poll(() => page.url()).toContain("precision=fp16");
    const link = page.url();
    await page.close();
    const other = await ctx.app.context.newPage();
    await other.goto(link);
    expect(await settled(other)).toBe("done");
    expect((await output(other, "step-bytes")).value).toBe(shown.value);
    expect(await other.getByLabel("Precision").inputValue()).toBe("fp16");
    await other.close();
  });

  it("long work runs in a worker with a progress bar and can be cancelled", async () => {
    const page = await ctx.app.open("page=fit&bootstrap=200000");
    await page.getByRole("button", { name: "Load the word-LM example" }).click();
    const bar = page.getByRole("progressbar", { name: "bootstrap progress" });
    await bar.waitFor({ state: "visible" });
    await page.waitForFunction(() => Number(document.querySelector("progress")?.value ?? 0) > 0);
    await page.getByRole("button", { name: "Cancel" }).click();
    expect(await settled(page)).toMatch(/^error: cancelled/);
    await page.close();
  });
}
