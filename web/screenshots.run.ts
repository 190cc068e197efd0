/**
 * `npm run screenshots`: every page of the web app on a desktop (1400×900) and a phone (390×844), a
 * pinned-scenario comparison, the L(N, D) fit, and the HTML report, saved under docs/screenshots/ for
 * the README. Uses the browser tests' harness (Debian's chromium through playwright-core).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { accelerator } from "../src/hardware/catalog.js";
import { lawFromPreset } from "../src/laws/law.js";
import { lawPreset } from "../src/laws/presets/index.js";
import { forecast } from "../src/plan/forecast.js";
import { renderReportHtml } from "../src/report/html.js";
import { VERSION } from "../src/version.js";
import { type App, settled, startApp } from "../test/web/harness.js";

const OUT = fileURLToPath(new URL("../docs/screenshots/", import.meta.url));
const DESKTOP = { width: 1400, height: 900 };
const PHONE = { width: 390, height: 844 };

let app: App;
beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  app = await startApp();
});
afterAll(async () => app?.close());

/**
 * Lay out every chart: the app skips the layout of charts away from the screen (content-visibility:
 * auto), and a full-page capture does not scroll, so they would show blank below the first screen.
 */
async function renderAll(page: Page): Promise<void> {
  await page.addStyleTag({ content: "figure.plot { content-visibility: visible !important; }" });
}

/** Save the page (at most `maxHeight` px of it) as docs/screenshots/NAME.png. */
async function shot(page: Page, name: string, maxHeight: number): Promise<void> {
  await renderAll(page);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const width = page.viewportSize()!.width;
  await page.screenshot({
    path: join(OUT, `${name}.png`),
    fullPage: true,
    clip: { x: 0, y: 0, width, height: Math.min(height, maxHeight) },
  });
}

async function open(query: string, size: { width: number; height: number }): Promise<Page> {
  const page = await app.context.newPage();
  await page.setViewportSize(size);
  await page.goto(`${app.origin}/?${query}`);
  return page;
}

const PAGES: { id: string; prepare?: (p: Page) => Promise<void> }[] = [
  { id: "forecast" },
  {
    id: "fit",
    prepare: async (p) => {
      await p.getByRole("button", { name: "Load the word-LM example" }).click();
      await p.getByLabel(/Model-size column/).selectOption("params");
    },
  },
  { id: "workload" },
  { id: "plan" },
  { id: "serve" },
  { id: "finetune" },
  { id: "batch", prepare: (p) => p.getByRole("button", { name: "Load an example steps table" }).click() },
];

it("screenshots of every page, desktop and phone", async () => {
  for (const { id, prepare } of PAGES)
    for (const [size, suffix, max] of [
      [DESKTOP, "desktop", 2400],
      [PHONE, "phone", 3200],
    ] as const) {
      const page = await open(`page=${id}`, size);
      await settled(page);
      if (prepare) {
        await prepare(page);
        await settled(page);
      }
      expect(await settled(page)).toBe("done");
      await shot(page, `${id}-${suffix}`, max);
      await page.close();
    }
});

it("a pinned scenario compared with the current one", async () => {
  const page = await open("page=forecast", DESKTOP);
  await settled(page);
  await page.getByRole("button", { name: "Pin this scenario" }).click();
  await page.getByLabel("Devices", { exact: true }).fill("1024");
  await page.getByLabel("Devices", { exact: true }).press("Enter");
  expect(await settled(page)).toBe("done");
  await shot(page, "forecast-compare-desktop", 3000);
  await page.close();
});

it("the lifetime optimum on the Forecast page (12T tokens served)", async () => {
  const page = await open("page=forecast&serve-tokens=12T", DESKTOP);
  expect(await settled(page)).toBe("done");
  await renderAll(page);
  const box = (await page.locator(".lifetime").boundingBox())!;
  await page.screenshot({
    path: join(OUT, "forecast-lifetime-desktop.png"),
    fullPage: true,
    clip: { x: box.x - 16, y: Math.max(0, box.y - 16), width: box.width + 32, height: box.height + 32 },
  });
  await page.close();
});

it("the Plan page with a fixed layout, attention kind and framework profile", async () => {
  const page = await open(
    "page=plan&preset=llama2-13b&devices=32&layout=tp%3D4&attention=standard&framework=megatron-deepspeed",
    DESKTOP,
  );
  expect(await settled(page)).toBe("done");
  await shot(page, "plan-fixed-desktop", 2400);
  await page.close();
});

it("an L(N, D) fit with its iso-loss lines", async () => {
  const page = await open("page=fit", DESKTOP);
  await page.getByRole("button", { name: "Load an L(N, D) example" }).click();
  expect(await settled(page, 120_000)).toBe("done");
  await shot(page, "fit-nd-desktop", 2400);
  await page.close();
});

it("the HTML report", async () => {
  const law = lawFromPreset(lawPreset("chinchilla-epoch"));
  const acc = accelerator("h100-sxm");
  const f = forecast({ law, target: 2.0, accelerator: acc, devices: 256 });
  const dir = mkdtempSync(join(tmpdir(), "scalecast-shot-"));
  try {
    const file = join(dir, "report.html");
    const date = new Date().toISOString().slice(0, 10);
    writeFileSync(file, renderReportHtml(f, { law, accelerator: acc, version: VERSION, date }));
    const page = await app.context.newPage();
    await page.setViewportSize({ width: 1100, height: 900 });
    await page.goto(`file://${file}`);
    await shot(page, "report", 4000);
    await page.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
