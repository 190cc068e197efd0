/** Issue 16 item 7: the local server's headers, Host check, symlinks and flag checks. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { request, type IncomingHttpHeaders, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveStatic } from "../../src/cli/commands/serve.js";
import { run } from "./run.js";

function get(
  url: string,
  path: string,
  host = "127.0.0.1",
): Promise<{ status: number; headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url.replace(/\/$/, "")}${path}`, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on("error", reject);
    req.setHeader("host", host);
    req.end();
  });
}

describe("serve hardening", () => {
  const dir = mkdtempSync(join(tmpdir(), "scalecast-serve-h-"));
  const root = join(dir, "app");
  let server: Server;
  let url: string;
  beforeAll(async () => {
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, "index.html"), "<!doctype html><title>app</title>");
    writeFileSync(join(dir, "secret.txt"), "outside");
    symlinkSync(join(dir, "secret.txt"), join(root, "link.txt"));
    ({ server, url } = await serveStatic({ root, port: 0 }));
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    rmSync(dir, { recursive: true, force: true });
  });

  it("a 404 carries the security headers, and no site may frame the app", async () => {
    for (const path of ["/", "/missing.js"]) {
      const r = await get(url, path);
      expect(r.headers["x-content-type-options"]).toBe("nosniff");
      expect(r.headers["x-frame-options"]).toBe("DENY");
      expect(String(r.headers["content-security-policy"])).toContain("frame-ancestors 'none'");
    }
  });

  it("refuses a foreign Host header (DNS rebinding) and answers localhost", async () => {
    expect((await get(url, "/", "evil.example")).status).toBe(403);
    expect((await get(url, "/", "localhost:8080")).status).toBe(200);
  });

  it("does not follow a symlink out of the served directory", async () => {
    expect((await get(url, "/link.txt")).status).toBe(403);
  });

  it("--port '' is refused, --host 999.1.1.1 blames --host", async () => {
    const empty = await run(["serve", "--port", ""]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/^scalecast: --port: got "", expected an integer from 0 to 65535/);
    const bad = await run(["serve", "--host", "999.1.1.1"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^scalecast: --host: got "999\.1\.1\.1"/);
  });
});
