/**
 * Using the app, in Chromium: the phone layout, charts sized to their container with labelled axes,
 * keyboard-only use of every input, budgets typed as on the command line, live update while typing, and
 * a pinned scenario compared with the current one. Registered by app.test.ts, which owns the browser.
 */
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { accelerator } from "../../src/hardware/catalog.js";
import { GRID_REGIONS } from "../../src/hardware/grid.js";
import { lawFromPreset } from "../../src/laws/law.js";
import { lawPreset } from "../../src/laws/presets/index.js";
import { forecast } from "../../src/plan/forecast.js";
import type { ForecastInput } from "../../src/plan/forecastTypes.js";
import { modelPreset } from "../../src/workload/presets/index.js";
import { trainingStep } from "../../src/workload/trainingStep.js";
import { type App, output, settled } from "./harness.js";

/** Equal to 1e-9 relative: the page runs the same code, in Chromium's V8. */
const close = (a: number, b: number, rel = 1e-9) =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.abs(b));

/** The forecast the Forecast page starts with (its defaults: chinchilla-epoch to 2.0 on 256 H100s). */
const BASE: ForecastInput = {
  law: lawFromPreset(lawPreset("chinchilla-epoch")),
  target: 2.0,
  accelerator: accelerator("h100-sxm"),
  devices: 256,
  precision: "bf16",
  region: "world",
};

/** Every page, with what to do to get results worth looking at. */
const PAGES: { id: string; query?: string; prepare?: (p: Page) => Promise<void> }[] = [
  { id: "forecast", query: "serve-tokens=12T" },
  {
    id: "fit",
    query: "bootstrap=100",
    prepare: (p) => p.getByRole("button", { name: "Load the word-LM example" }).click(),
  },
  { id: "workload" },
  { id: "plan" },
  { id: "serve" },
  { id: "finetune" },
  {
    id: "batch",
    query: "bootstrap=100",
    prepare: (p) => p.getByRole("button", { name: "Load an example steps table" }).click(),
  },
];

/** What the charts of a page draw: their widths and every axis's label and tick labels with their boxes. */
function chartAxes(page: Page) {
  return page.$$eval("figure.plot", (figs) =>
    figs.map((f) => {
      const svg = Array.from(f.querySelectorAll(".chart svg")).find((s) =>
        s.querySelector('[aria-label$="axis tick label"]'),
      )!;
      const axis = (k: "x" | "y") => ({
        label: svg.querySelector(`[aria-label="${k}-axis label"]`)?.textContent ?? "",
        ticks: Array.from(svg.querySelectorAll(`[aria-label="${k}-axis tick label"] text`)).map((t) => {
          const r = t.getBoundingClientRect();
          return { text: t.textContent ?? "", left: r.left, right: r.right };
        }),
      });
      return {
        id: f.getAttribute("data-chart"),
        width: svg.getBoundingClientRect().width,
        host: f.querySelector(".chart")!.clientWidth,
        x: axis("x"),
        y: axis("y"),
      };
    }),
  );
}

/**
 * Keyboard-only use of a page's form: every input has a label, and Tab from the top of the page reaches
 * every visible control of the form (run on a page already loaded, by the per-page test below).
 */
async function keyboardReachesEveryInput(page: Page, id: string): Promise<void> {
  const unlabelled = await page.$$eval("input:not([type=hidden]), select, textarea", (els) =>
    els.filter((el) => !(el as HTMLInputElement).labels?.length).map((el) => el.outerHTML),
  );
  expect(unlabelled, `${id}: inputs without a label`).toEqual([]);
  const controls = await page.$$eval("form.inputs :is(input, select, textarea, button)", (els) =>
    els
      .filter((e) => (e as HTMLElement).offsetParent !== null && (e as HTMLInputElement).type !== "hidden")
      .map((e) => e.id || e.textContent || ""),
  );
  await page.evaluate(() => {
    const w = window as unknown as { reached: string[] };
    w.reached = [];
    document.addEventListener("focusin", (e) => {
      const t = e.target as HTMLElement;
      w.reached.push(t.id || t.textContent || "");
    });
  });
  await page.locator("main").focus();
  for (let i = 0; i < controls.length + 1; i++) await page.keyboard.press("Tab");
  const reached = new Set(await page.evaluate(() => (window as unknown as { reached: string[] }).reached));
  expect(
    controls.filter((c) => !reached.has(c)),
    `${id}: not reached by Tab`,
  ).toEqual([]);
}

export function usabilityTests(ctx: { app: App }): void {
  it("every page: no horizontal scrolling on a 390 px phone; charts drawn to their container with labelled axes; Tab reaches every input", async () => {
    const page = await ctx.app.context.newPage();
    for (const { id, query, prepare } of PAGES) {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${ctx.app.origin}/?page=${id}${query ? `&${query}` : ""}`);
      await settled(page);
      if (prepare) await prepare(page);
      expect(await settled(page), id).toBe("done");
      const fit = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        inner: window.innerWidth,
      }));
      expect(fit.scroll, `${id} is wider than the phone`).toBeLessThanOrEqual(fit.inner);
      const narrow = await chartAxes(page);
      expect(narrow.length, id).toBeGreaterThan(0);
      for (const c of narrow) expect(c.width, `${id} ${c.id}`).toBeLessThanOrEqual(c.host + 1);

      // wider screen: the charts are redrawn at their (wider) containers' width, each when it is in
      // view (figures below the screen are not laid out, content-visibility: auto, so their resize is
      // seen when they are scrolled to): bring each one into view in turn
      await page.setViewportSize({ width: 1400, height: 900 });
      await page.evaluate(async () => {
        for (const f of Array.from(document.querySelectorAll("figure.plot"))) {
          f.scrollIntoView();
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        }
        window.scrollTo(0, 0);
      });
      await expect
        .poll(async () => (await chartAxes(page)).every((c) => Math.abs(c.width - c.host) <= 2))
        .toBe(true);
      for (const c of await chartAxes(page)) {
        const name = `${id} ${c.id}`;
        expect(c.width, name).toBeGreaterThan(380);
        expect(c.x.label, `${name}: x axis label`).toMatch(/\w{3}/);
        // bar charts name their bars on the y axis instead of labelling it
        expect(c.y.label || c.y.ticks.map((t) => t.text).join(""), `${name}: y axis`).toMatch(/\w{3}/);
        for (const [t, longest] of [
          ...c.x.ticks.map((t) => [t, 9] as const),
          ...c.y.ticks.map((t) => [t, c.y.label ? 9 : 30] as const),
        ]) {
          expect(t.text, `${name}: tick ${t.text}`).not.toMatch(/\d,\d{3}|\d{7}/); // SI, not 20,000,000,000
          expect(t.text.length, `${name}: tick ${t.text}`).toBeLessThanOrEqual(longest);
        }
        const xs = c.x.ticks.filter((t) => t.text).sort((a, b) => a.left - b.left);
        for (let i = 1; i < xs.length; i++)
          expect(xs[i]!.left, `${name}: ${xs[i - 1]!.text} overlaps ${xs[i]!.text}`).toBeGreaterThanOrEqual(
            xs[i - 1]!.right,
          );
      }
      // the same page, by keyboard only (one load per page serves both checks)
      await keyboardReachesEveryInput(page, id);
    }
    await page.close();
  });

  it("keyboard only: Tab and Enter follow the page links; typing, arrow keys and Enter drive the inputs", async () => {
    const page = await ctx.app.open("page=workload");
    await settled(page);
    // the page links: Tab from the top, Enter follows one
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.url()).toContain("page=fit");
    await page.goto(`${ctx.app.origin}/?page=forecast`);
    await settled(page);
    await page.getByLabel("Devices", { exact: true }).focus();
    await page.keyboard.press("Control+A");
    await page.keyboard.type("512");
    await page.keyboard.press("Enter");
    expect(await settled(page)).toBe("done");
    close(
      (await output(page, "forecast-days")).value,
      forecast({ ...BASE, devices: 512, sensitivity: false }).train.days.value,
    );
    await page.getByLabel("Grid region").focus();
    await page.keyboard.press("ArrowDown"); // world → the next region
    expect(await settled(page)).toBe("done");
    close(
      (await output(page, "forecast-co2")).value,
      forecast({ ...BASE, devices: 512, region: GRID_REGIONS[1]!, sensitivity: false }).co2.kg.value,
    );
    // the "?" beside a number opens its formula and source
    const why = page.locator("button.why").first();
    await why.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => why.getAttribute("aria-expanded")).toBe("true");
    const explained = page.locator(`#${await why.getAttribute("aria-controls")}`);
    expect(await explained.isVisible()).toBe(true);
    expect(await explained.textContent()).toMatch(/=.*Source: \w/);
    await page.close();
  });

  it("budgets are typed as on the command line: $1M, 1M and 2.5e6 dollars; bad input keeps the last result", async () => {
    const page = await ctx.app.open("page=forecast&goal=dollars&value=%241M");
    expect(await settled(page)).toBe("done");
    const { target: _t, ...budgetBase } = BASE;
    const million = forecast({ ...budgetBase, budget: { dollars: 1e6 }, sensitivity: false });
    close((await output(page, "forecast-params")).value, million.model.params.value);
    close((await output(page, "forecast-dollars")).value, million.cost.dollars!.value);
    const value = page.getByLabel("Target or budget");
    await value.fill("1M");
    await value.press("Enter");
    expect(await settled(page)).toBe("done");
    await expect.poll(() => page.url()).toContain("value=1M");
    close((await output(page, "forecast-params")).value, million.model.params.value);
    await value.fill("2.5e6");
    await value.press("Enter");
    expect(await settled(page)).toBe("done");
    const more = forecast({ ...budgetBase, budget: { dollars: 2.5e6 }, sensitivity: false });
    close((await output(page, "forecast-params")).value, more.model.params.value);

    await value.fill("$1X");
    await value.press("Enter");
    expect(await settled(page)).toMatch(
      /^error: target or budget: got "\$1X", expected a non-negative amount in US dollars/,
    );
    expect(await value.getAttribute("aria-invalid")).toBe("true");
    // the last good result stays on screen, marked stale
    close((await output(page, "forecast-params")).value, more.model.params.value);
    expect(await page.locator(".results.stale").count()).toBe(1);
    await page.close();
  });

  it("live update: typing recomputes without Tab or Enter, and the cursor stays in the field", async () => {
    const page = await ctx.app.open("page=workload&preset=llama2-7b&batch=1");
    await settled(page);
    const box = page.getByLabel("Batch (samples per step)");
    await box.focus();
    await page.keyboard.press("End");
    await page.keyboard.type("6");
    // no Tab, no Enter: the recompute starts once typing pauses, and writes the inputs to the URL
    await page.waitForURL(/batch=16/);
    expect(await settled(page)).toBe("done");
    close(
      (await output(page, "step-flops")).value,
      trainingStep(modelPreset("llama2-7b").spec, { batch: 16 }).step.flops,
    );
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.close();
  });

  it("a pinned forecast beside the current one: both values, the change, and both scenarios on the charts", async () => {
    const page = await ctx.app.open("page=forecast");
    expect(await settled(page)).toBe("done");
    await page.getByRole("button", { name: "Pin this scenario" }).click();
    await page.getByLabel("Devices", { exact: true }).fill("512");
    await page.getByLabel("Devices", { exact: true }).press("Enter");
    expect(await settled(page)).toBe("done");
    const a = forecast({ ...BASE, sensitivity: false });
    const b = forecast({ ...BASE, devices: 512, sensitivity: false });
    close((await output(page, "pinned-days")).value, a.train.days.value);
    close((await output(page, "compare-days")).value, b.train.days.value);
    const shown = (await output(page, "change-days")).text.replace("−", "-");
    expect(Number.parseFloat(shown)).toBeCloseTo(100 * (b.train.days.value / a.train.days.value - 1), 1);
    expect(await page.locator(".pin-bar").textContent()).toContain("devices 256 → 512");
    const legend = await page.locator('[data-chart="devices-days"]').textContent();
    expect(legend).toContain("current");
    expect(legend).toContain("pinned");
    expect(await page.locator('[data-chart="devices-days"] g[aria-label="line"]').count()).toBe(2);
    await page.getByRole("button", { name: "Unpin" }).click();
    await expect.poll(() => page.locator('[data-key="compare-days"]').count()).toBe(0);
    await page.close();
  });
}
