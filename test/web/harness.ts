/**
 * Browser-test harness: build the app with Vite (once per change of its sources), serve it with the
 * `scalecast serve` core on 127.0.0.1, and drive Debian's chromium through playwright-core (never a
 * downloaded browser). Every request the page makes is recorded, so tests can assert none left the origin.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type BrowserContext, chromium, type Page, type Download } from "playwright-core";
import { build } from "vite";
import { serveStatic } from "../../src/cli/commands/serve.js";

/** Debian's chromium (installed by .ci/run); browser tests skip without it. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const HAS_CHROMIUM = existsSync(CHROMIUM);

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Where screenshots go (outside the repository). */
export const SCREENSHOTS = join(tmpdir(), "scalecast-web-screenshots");

export interface App {
  origin: string;
  context: BrowserContext;
  /** Every URL the pages requested. */
  requests: string[];
  /** Console errors and uncaught page errors. */
  errors: string[];
  open(query: string): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Build into a temp dir with the app's own Vite config, unminified: the same modules, bundled the same
 * way, in a third of the time (minifying is ~4 of ~6 s on 2 cores; `npm run build:web` minifies).
 */
export async function buildApp(outDir: string): Promise<void> {
  await build({
    configFile: join(ROOT, "web/vite.config.ts"),
    logLevel: "error",
    build: { outDir, emptyOutDir: true, minify: false, reportCompressedSize: false },
  });
}

/** Every file the build reads from the repository: the app, the core it imports, the lockfile. */
function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, e.name);
    if (e.isDirectory()) sourceFiles(path, out);
    else out.push(path);
  }
  return out;
}

const CACHE = join(ROOT, "node_modules/.cache/scalecast-web");

/**
 * The built app, shared by every run that builds the same sources (the default web tests, the slow
 * benchmark, `npm run screenshots`, the next `npm test`): built once into node_modules/.cache, keyed by
 * the SHA-256 of web/, src/ and package-lock.json, so a changed source always builds afresh. Only the
 * newest build is kept. Written by hand: Vite has no build cache of its own.
 */
export async function builtApp(): Promise<string> {
  const hash = createHash("sha256");
  for (const f of [...sourceFiles(join(ROOT, "web")), ...sourceFiles(join(ROOT, "src"))]) {
    hash.update(f.slice(ROOT.length));
    hash.update(readFileSync(f));
  }
  hash.update(readFileSync(join(ROOT, "package-lock.json")));
  const key = hash.digest("hex").slice(0, 16);
  const out = join(CACHE, key);
  if (existsSync(join(out, "index.html"))) return out;
  mkdirSync(CACHE, { recursive: true });
  const tmp = mkdtempSync(join(CACHE, "build-"));
  await buildApp(tmp);
  // another run may have finished the same build meanwhile: either copy will do
  if (existsSync(out)) rmSync(tmp, { recursive: true, force: true });
  else renameSync(tmp, out);
  for (const old of readdirSync(CACHE))
    if (old !== key && !old.startsWith("build-")) rmSync(join(CACHE, old), { recursive: true, force: true });
  return out;
}

/** Build (or reuse the build), serve and launch: one browser context for a test file. */
export async function startApp(): Promise<App> {
  const dir = mkdtempSync(join(tmpdir(), "scalecast-web-"));
  const out = await builtApp();
  const { server, url } = await serveStatic({ root: out, port: 0 });
  const origin = url.replace(/\/$/, "");
  const context = await chromium.launchPersistentContext(join(dir, "profile"), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: { width: 1200, height: 900 },
    acceptDownloads: true,
  });
  const requests: string[] = [];
  const errors: string[] = [];
  context.on("request", (r) => void requests.push(r.url()));
  context.on("page", (p) => {
    p.on("console", (m) => void (m.type() === "error" && errors.push(m.text())));
    p.on("pageerror", (e) => void errors.push(e.message));
  });
  return {
    origin,
    context,
    requests,
    errors,
    async open(query) {
      const page = await context.newPage();
      await page.goto(`${origin}/?${query}`);
      return page;
    },
    async close() {
      await context.close();
      await new Promise<void>((r) => (server as Server).close(() => r()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Requests that went anywhere but the app's origin (data: and blob: URLs are not network requests). */
export function foreignRequests(app: App): string[] {
  return app.requests.filter(
    (u) => !u.startsWith(`${app.origin}/`) && !u.startsWith("data:") && !u.startsWith("blob:"),
  );
}

/**
 * Wait until the page's results region has finished recomputing; returns its state ("done", or "error:
 * message"). The page marks its results "pending" as soon as an input changes (typing is debounced, a
 * file is read first) and "busy" while it recomputes, so no fixed wait is needed.
 */
export async function settled(page: Page, timeout = 60_000): Promise<string> {
  const handle = await page.waitForFunction(
    () => {
      const r = document.querySelector(".results");
      const state = r?.getAttribute("data-state");
      // charts below the screen are drawn in the frames after "done"
      if (!r || state === "busy" || state === "pending" || r.hasAttribute("data-charts")) return false;
      // a section computed after the results (the Forecast page's lifetime optimum) is busy too
      if (state === "done" && r.querySelector('[data-state="busy"]')) return false;
      return state === "error"
        ? `error: ${r.querySelector(".status .error")?.textContent ?? ""}`
        : (state ?? "");
    },
    null,
    { timeout },
  );
  return (await handle.jsonValue()) as string;
}

/** The exact number behind an output (`data-key` / `data-value`), and the text shown for it. */
export async function output(page: Page, key: string): Promise<{ value: number; text: string }> {
  const el = page.locator(`[data-key="${key}"]`).first();
  return { value: Number(await el.getAttribute("data-value")), text: (await el.textContent()) ?? "" };
}

/** Count of drawn plots: the app's figures holding an SVG (a legend's swatches are not counted apart). */
export function plotCount(page: Page): Promise<number> {
  return page
    .locator("figure.plot")
    .filter({ has: page.locator("svg") })
    .count();
}

/**
 * Click a download button and return the download. A recompute can replace the results (and the
 * button) just as it is clicked; the click is then retried, up to three times, before failing.
 */
export async function downloadFrom(page: Page, button: string): Promise<Download> {
  let last: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const [d] = await Promise.all([
        page.waitForEvent("download", { timeout: 10_000 }),
        page.getByRole("button", { name: button }).click(),
      ]);
      return d;
    } catch (e) {
      last = e;
    }
  }
  throw last;
}
