import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { accelerator } from "../../src/hardware/catalog.js";
import { fitLaw, type LawFit } from "../../src/laws/fitLaw.js";
import { lawFromFit } from "../../src/laws/law.js";
import { forecast } from "../../src/plan/forecast.js";
import { renderReportHtml } from "../../src/report/html.js";

// Debian's chromium, installed by .ci/run (never a downloaded browser)
const CHROMIUM = "/usr/bin/chromium";

describe("the HTML report in headless Chromium", () => {
  it("states the law, system, price, version and date, and opens offline with every chart drawn", async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium (.ci/run does)`).toBe(
      true,
    );
    // a fitted learning curve, so the report has all five plots' data: eps = 20·m^-0.3 + 0.5 with a wiggle
    const x = Float64Array.from({ length: 12 }, (_, i) => 10 ** (4 + i / 3));
    const y = x.map((m, i) => (20 * m ** -0.3 + 0.5) * (1 + 0.01 * Math.sin(i)));
    const fit = fitLaw("power", { inputs: [x], y }, { bootstrap: 100, seed: 1 }) as LawFit;
    const law = {
      ...lawFromFit(fit, "synthetic"),
      modelSize: { sigma: 50, betaP: 0.7, paramsPerUnit: 1 },
      units: { x: "tokens", y: "loss" },
    };
    const f = forecast({ law, target: 0.8, accelerator: accelerator("a100-80gb"), devices: 64 });
    const dir = mkdtempSync(join(tmpdir(), "scalecast-report-"));
    const file = join(dir, "report.html");
    const acc = accelerator("a100-80gb");
    const html = renderReportHtml(f, {
      points: Array.from(x, (v, i) => ({ x: v, y: y[i]! })),
      law,
      accelerator: acc,
      version: "9.8.7",
      date: "2024-05-06",
    });
    // the report states the law with its parameters and source, the system and price, version and date
    expect(html).toContain("eps(m) = alpha * m^beta + gamma"); // the power law with a floor (HAD19 eq. 1)
    expect(html).toMatch(/alpha = \d/);
    expect(html).toMatch(/beta = -0\.\d/);
    expect(html).toContain("64 × a100-80gb");
    expect(html).toContain(acc.price!.source.replace(/&/g, "&amp;"));
    expect(html).toContain(acc.price!.date);
    expect(html).toContain("9.8.7");
    expect(html).toContain("2024-05-06");
    expect(html).toContain("How each number is computed");
    writeFileSync(file, html);

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on("request", (r) => requests.push(r.url()));
      await page.goto(pathToFileURL(file).href);
      // one figure per plot (a plot with a colour legend is a figure holding the legend and the chart)
      const marks = await page.$$eval("figure.plot", (figs) =>
        figs.map((f) => ({
          svgs: f.querySelectorAll("svg").length,
          marks: f.querySelectorAll("svg path, svg rect, svg circle").length,
          axes: Array.from(f.querySelectorAll('[aria-label$="axis label"]')).map((a) => a.textContent ?? ""),
        })),
      );
      // learning curve, breakdown, steps vs batch, days vs devices, dollars vs devices (no L(N, D) frontier)
      expect(marks).toHaveLength(5);
      for (const m of marks) {
        expect(m.svgs).toBeGreaterThan(0);
        expect(m.marks).toBeGreaterThan(0);
        expect(m.axes.length).toBeGreaterThan(0); // every chart names its axes
      }
      // the rendered report fits its width: no chart wider than the page
      const wide = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
      expect(wide).toBe(true);
      await page.screenshot({ path: join(dir, "report.png"), fullPage: true });
      expect(existsSync(join(dir, "report.png"))).toBe(true);
      expect(requests.filter((u) => !u.startsWith("file:"))).toEqual([]);
    } finally {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
