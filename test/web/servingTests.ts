/**
 * The pages beyond training, in Chromium: Serve (`scalecast inference`), Fine-tune (`scalecast
 * finetune`), the Forecast page's lifetime optimum (`forecast --serve-tokens`), and the Plan page's
 * system file, fixed layout and attention kind (`plan --system --layout --attention`). The numbers shown
 * are checked against the core or the built CLI for the same inputs, and against hand derivations where
 * one exists. Registered by app.test.ts, which owns the browser.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { accelerator } from "../../src/hardware/catalog.js";
import { lawFromPreset } from "../../src/laws/law.js";
import { lawPreset } from "../../src/laws/presets/index.js";
import { frameworkProfile } from "../../src/parallel/frameworkProfiles.js";
import { systemFor } from "../../src/parallel/systemFor.js";
import { finetunePlan } from "../../src/plan/finetunePlan.js";
import { inferencePlan } from "../../src/plan/inferencePlan.js";
import { lifetimeForecast } from "../../src/plan/lifetimeForecast.js";
import { modelPreset } from "../../src/workload/presets/index.js";
import { type App, output, plotCount, settled } from "./harness.js";

/** Equal to 1e-9 relative: the page runs the same code, in Chromium's V8. */
const close = (a: number, b: number, rel = 1e-9) =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.abs(b));

const CLI = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

export function servingTests(ctx: { app: App }): void {
  it("Serve: the core's serving plan under a TPOT target, its curve, and every number explained", async () => {
    const page = await ctx.app.open("page=serve&preset=llama3-70b&hardware=h100-sxm&devices=8&tpot-ms=50");
    expect(await settled(page)).toBe("done");
    const plan = inferencePlan({
      model: modelPreset("llama3-70b").spec,
      accelerator: accelerator("h100-sxm"),
      devices: 8,
      tpotSeconds: 0.05,
    });
    close((await output(page, "tile-tokens-per-second")).value, plan.tokensPerSecond);
    close((await output(page, "tile-tpot")).value, plan.tpotSeconds);
    close((await output(page, "tile-dollars")).value, plan.dollarsPerMillionTokens!);
    close((await output(page, "tile-memory")).value, plan.memory.perDeviceBytes);
    expect((await output(page, "batch")).value).toBe(plan.batch);
    // the target holds: the chosen batch's time per output token is within the 50 ms typed
    expect((await output(page, "tile-tpot")).value).toBeLessThanOrEqual(0.05);
    // $ per million output tokens by hand: device-hours per million tokens times the catalog's price
    const hours = 1e6 / plan.tokensPerSecondPerDevice / 3600;
    close(plan.dollarsPerMillionTokens!, hours * accelerator("h100-sxm").price!.dollarsPerHour, 1e-6);
    expect(await plotCount(page)).toBeGreaterThanOrEqual(2);
    // every number in the facts has its formula and source behind a "?"
    const why = page.locator('[data-key="dollars-per-million"]').locator("xpath=..").locator("button.why");
    await why.click();
    const text = await page.locator(`#${await why.getAttribute("aria-controls")}`).textContent();
    expect(text).toMatch(/=.*Source: \w/);

    // a tighter target and int8 weights recompute as the user changes them
    await page.getByLabel("TPOT target (ms)").fill("20");
    await page.getByLabel("Weights").selectOption("int8");
    expect(await settled(page)).toBe("done");
    const tight = inferencePlan({
      model: modelPreset("llama3-70b").spec,
      accelerator: accelerator("h100-sxm"),
      devices: 8,
      tpotSeconds: 0.02,
      weights: "int8",
    });
    close((await output(page, "tile-tokens-per-second")).value, tight.tokensPerSecond);
    await expect.poll(() => page.url()).toContain("weights=int8");
    // a bad count names its field, beside it, and keeps the last result
    await page.getByLabel("Prompt (tokens)").fill("12.5");
    await page.getByLabel("Prompt (tokens)").press("Enter");
    expect(await settled(page)).toMatch(/^error: prompt: got "12.5", expected a positive integer/);
    expect(await page.getByLabel("Prompt (tokens)").getAttribute("aria-invalid")).toBe("true");
    close((await output(page, "tile-tokens-per-second")).value, tight.tokensPerSecond);
    await page.close();
  });

  it("Fine-tune: LoRA r=8 on q,v of Llama-2-7B trains 4,194,304 parameters; QLoRA follows the core", async () => {
    const page = await ctx.app.open("page=finetune&preset=llama2-7b&method=lora&rank=8&targets=q,v");
    expect(await settled(page)).toBe("done");
    // by hand: 32 layers × 2 matrices × r·(d_in + d_out) = 32·2·8·(4096 + 4096) (Hu et al. 2021, §4.1);
    // the Hugging Face PEFT library prints the same 4,194,304 for this configuration
    expect((await output(page, "params-trainable")).value).toBe(32 * 2 * 8 * (4096 + 4096));
    const lora = finetunePlan({
      model: modelPreset("llama2-7b").spec,
      finetune: { method: "lora", rank: 8, targets: ["q", "v"], recompute: "full" },
      accelerator: accelerator("h100-sxm"),
      devices: 1,
      tokens: 100e6,
    });
    close((await output(page, "memory-per-device")).value, lora.memory.perDeviceBytes);
    close((await output(page, "flops-per-token")).value, lora.step.flopsPerToken);
    close((await output(page, "checkpoint")).value, lora.checkpointBytes);
    close((await output(page, "days")).value, lora.train!.days);
    close((await output(page, "dollars")).value, lora.cost!.dollars!);
    expect(await plotCount(page)).toBeGreaterThanOrEqual(1);

    await page.getByLabel("Method").selectOption("qlora");
    expect(await settled(page)).toBe("done");
    const qlora = finetunePlan({
      model: modelPreset("llama2-7b").spec,
      finetune: { method: "qlora", rank: 8, targets: ["q", "v"], recompute: "full" },
      accelerator: accelerator("h100-sxm"),
      devices: 1,
      tokens: 100e6,
    });
    close((await output(page, "memory-per-device")).value, qlora.memory.perDeviceBytes);
    // a 4-bit base holds less than the bf16 one
    expect(qlora.memory.perDeviceBytes).toBeLessThan(lora.memory.perDeviceBytes);
    await expect.poll(() => page.url()).toContain("method=qlora");
    await page.close();
  });

  it("Forecast: served tokens give the lifetime optimum beside the Chinchilla-optimal model, with its plots", async () => {
    const page = await ctx.app.open("page=forecast&serve-tokens=12T");
    expect(await settled(page)).toBe("done");
    const l = lifetimeForecast(
      {
        law: lawFromPreset(lawPreset("chinchilla-epoch")),
        target: 2.0,
        accelerator: accelerator("h100-sxm"),
        devices: 256,
        precision: "bf16",
        region: "world",
      },
      { servedTokens: 12e12 },
    ).lifetime;
    // the optimum N comes from a numerical search (a power law fitted through sampled serving costs, then
    // minimised), which stops within its tolerance: a last-bit difference between Chromium's and Node's
    // V8 moves it by ~1e-9 relative (measured 1.5e-9), so these compare at 1e-7
    close((await output(page, "lifetime-params")).value, l.params, 1e-7);
    close((await output(page, "lifetime-total")).value, l.totalDollars, 1e-7);
    close((await output(page, "chinchilla-total")).value, l.chinchillaTotalDollars, 1e-7);
    // Sardana et al. 2023: with heavy serving the optimum is a smaller model trained longer, and cheaper
    expect((await output(page, "lifetime-params")).value).toBeLessThan(l.chinchilla.params);
    expect((await output(page, "lifetime-total")).value).toBeLessThan(l.chinchillaTotalDollars);
    expect(await page.locator('[data-chart="lifetime-cost"] svg').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-chart="lifetime-break-even"] svg').count()).toBeGreaterThan(0);
    // a bad volume is reported in the section and beside its field
    await page.getByLabel("Tokens served over its life").fill("lots");
    await page.getByLabel("Tokens served over its life").press("Enter");
    await expect.poll(() => page.locator(".lifetime .error").textContent()).toMatch(/serve tokens/);
    expect(await page.getByLabel("Tokens served over its life").getAttribute("aria-invalid")).toBe("true");
    await page.close();
  });

  it("Plan: a system file, a fixed layout and the attention kind give what scalecast plan gives", async () => {
    const dir = mkdtempSync(join(tmpdir(), "scalecast-web-system-"));
    try {
      // a system as calibrate writes it: its calibration block says how it was fitted
      const system = {
        ...systemFor(accelerator("a100-80gb")),
        framework: frameworkProfile("deepspeed"),
        calibration: {
          runs: 5,
          kept: 3,
          fitted: ["accelerator.efficiency.gemm.ceiling.bf16"],
          rmsPctBefore: 15.2,
          rmsPctAfter: 5.3,
        },
      };
      const file = join(dir, "system.json");
      writeFileSync(file, JSON.stringify(system));
      const cli = JSON.parse(
        execFileSync(process.execPath, [
          CLI,
          "plan",
          "llama2-7b",
          `--system=${file}`,
          "--devices=16",
          "--global-batch=256",
          "--layout=tp=2,ep=1,cp=1",
          "--attention=standard",
          "--tokens=100B",
          "--search",
          "--workers=1",
          "--json",
        ]).toString(),
      );
      const page = await ctx.app.open(
        "page=plan&preset=llama2-7b&devices=16&batch=256&tokens=100B&layout=tp%3D2%2Cep%3D1%2Ccp%3D1&attention=standard",
      );
      await settled(page);
      await page.getByLabel("System file (scalecast calibrate --out)").setInputFiles(file);
      await expect.poll(() => output(page, "system").then((o) => o.text)).toContain("deepspeed");
      expect(await settled(page)).toBe("done");
      expect(await page.getByLabel("Hardware").isDisabled()).toBe(true);
      expect((await output(page, "layout")).text).toContain("tp=2");
      close((await output(page, "step-seconds")).value, cli.step.seconds);
      close((await output(page, "mfu")).value, cli.mfu);
      close((await output(page, "memory-per-device")).value, cli.memory.perDeviceBytes);
      // the model's error band, and the system's own fit beside it, as plan's model err line says them
      expect((await output(page, "step-seconds-95")).text).toContain(
        "this system was calibrated on 3 of your 5 runs, RMS error 15.2% before and 5.3% after",
      );
      close((await output(page, "step-seconds-95")).value, cli.modelError.stepSeconds95[1]);
      // a layout that needs more devices than given is refused, naming the product
      await page
        .getByLabel("Fix layout fields")
        .fill("dp=4,tp=2,pp=4,cp=2,ep=1,vp=1,mb=1,recompute=none,sp=on,zero=1");
      await page.getByLabel("Fix layout fields").press("Enter");
      expect(await settled(page)).toMatch(
        /^error: layout: .*dp·tp·pp·cp = devices \(16\); this layout uses 64/,
      );
      await page.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
