import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { isIP } from "node:net";
import { createServer, type Server } from "node:http";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { defineCommand } from "citty";
import { InputError } from "../../units/InputError.js";
import type { Io } from "../io.js";
import { countOption } from "../limits.js";

/** Where `npm run build:web` writes the app: dist/web at the package root (from src/ or dist/). */
export const WEB_ROOT = fileURLToPath(new URL("../../../dist/web/", import.meta.url));

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".wasm": "application/wasm",
  ".txt": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
};

/**
 * The app may reach nothing but its own origin: scripts, workers and fetches from 'self' only, so a
 * page served here cannot send data anywhere (inline styles are Observable Plot's SVG attributes).
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; worker-src 'self'; connect-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Headers on every response, errors included: no MIME sniffing, no framing by another site
 * (clickjacking: CSP frame-ancestors plus the older X-Frame-Options for browsers without it), no
 * referrer leaving the machine.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "x-content-type-options": "nosniff",
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "cache-control": "no-cache",
};

/** Host header names a local server answers to; others are refused (DNS rebinding). */
function allowedHosts(listenHost: string): Set<string> {
  return new Set(["localhost", "127.0.0.1", "[::1]", "::1", listenHost.toLowerCase()]);
}

/**
 * A static file server for a directory (GET and HEAD only; "/" serves index.html; paths that leave the
 * directory are refused). Nothing else: no directory listings, no uploads.
 */
export function staticServer(root: string, listenHost = "127.0.0.1"): Server {
  const base = realpathSync(resolve(root));
  const hosts = allowedHosts(listenHost);
  return createServer((req, res) => {
    const send = (status: number, body: string) => {
      res.writeHead(status, { ...SECURITY_HEADERS, "content-type": "text/plain; charset=utf-8" });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    // DNS rebinding: a page on evil.example resolving to 127.0.0.1 sends Host: evil.example
    const hostName = (req.headers.host ?? "").replace(/:\d+$/, "").toLowerCase();
    if (!hosts.has(hostName)) return send(403, "forbidden host\n");
    if (req.method !== "GET" && req.method !== "HEAD") return send(405, "method not allowed\n");
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    } catch {
      return send(400, "bad request\n");
    }
    const file = resolve(join(base, normalize(path.endsWith("/") ? `${path}index.html` : path)));
    if (file !== base && !file.startsWith(base + sep)) return send(403, "forbidden\n");
    if (!existsSync(file) || !statSync(file).isFile()) return send(404, "not found\n");
    // a symlink inside the directory must not lead out of it
    const real = realpathSync(file);
    if (!real.startsWith(base + sep)) return send(403, "forbidden\n");
    const body = readFileSync(real);
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      "content-type": TYPES[extname(file).toLowerCase()] ?? "application/octet-stream",
      "content-length": body.length,
    });
    res.end(req.method === "HEAD" ? undefined : body);
  });
}

/** Start {@link staticServer} on host:port (port 0 picks a free one); resolves with its URL. */
export function serveStatic(o: {
  root: string;
  port?: number;
  host?: string;
}): Promise<{ server: Server; url: string }> {
  const { root, port = 8080, host = "127.0.0.1" } = o;
  const server = staticServer(root, host);
  return new Promise((res, rej) => {
    server.once("error", rej);
    server.listen(port, host, () => {
      const addr = server.address();
      const p = typeof addr === "object" && addr ? addr.port : port;
      res({ server, url: `http://${host}:${p}/` });
    });
  });
}

/**
 * `scalecast serve [--port P]`: serve the built browser app on localhost until interrupted (or until
 * the server given to `onStart` is closed; tests use it).
 */
export function serveCommand(io: Io, onStart?: (started: { server: Server; url: string }) => void) {
  return defineCommand({
    meta: {
      name: "serve",
      description: "Serve the browser app on localhost (build it first: npm run build:web)",
    },
    args: {
      port: { type: "string", description: "port (default 8080; 0 for any free port)" },
      host: { type: "string", description: "address to listen on (default 127.0.0.1)" },
      dir: { type: "string", description: "directory of the built app (default dist/web)" },
    },
    async run({ args }) {
      const port =
        countOption(args.port, "--port", { min: 0, max: 65535, limitName: "the TCP port range" }) ?? 8080;
      const host = args.host;
      if (host !== undefined && host !== "localhost" && isIP(host) === 0)
        throw new InputError("--host", host, "an IP address such as 127.0.0.1 or ::1, or localhost");
      if (host !== undefined && /^(0\.0\.0\.0|::)$/.test(host))
        io.stderr(
          `scalecast: warning: --host ${host} serves the app to every machine that can reach this one, not only this one\n`,
        );
      const root = args.dir ?? WEB_ROOT;
      if (!existsSync(join(root, "index.html")))
        throw new InputError(
          "--dir",
          root,
          "a directory with the built app's index.html (run npm run build:web)",
        );
      let started: { server: Server; url: string };
      try {
        started = await serveStatic({ root, port, ...(host ? { host } : {}) });
      } catch (e) {
        const code = (e as { code?: string }).code ?? String(e);
        if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND")
          throw new InputError("--host", host, `an address of this machine (${code})`);
        throw new InputError("--port", port, `a free port (${code})`);
      }
      io.stdout(`scalecast app at ${started.url} (serving ${root}; Ctrl-C to stop)\n`);
      onStart?.(started);
      await new Promise<void>((done) => started.server.once("close", () => done()));
    },
  });
}
