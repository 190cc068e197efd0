import { VERSION } from "../../src/version.js";
import { h } from "./ui.js";

/** Offer `data` as a file download (a blob: URL; nothing is sent anywhere). */
export function download(fileName: string, data: string, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = h("a", { href: url, download: fileName });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Download a result as pretty-printed JSON. */
export function downloadJson(fileName: string, value: unknown): void {
  download(fileName, `${JSON.stringify(value, null, 2)}\n`, "application/json");
}

const REPORT_CSS = `body{font:14px/1.4 system-ui,sans-serif;margin:2rem auto;max-width:1000px;padding:0 1rem}
table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #ccc;padding:2px 8px;text-align:right}
th[scope=row],thead th{text-align:left}dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 1rem}
dd{margin:0}figure{margin:1rem 0}svg{max-width:100%;height:auto}.warning{color:#8a5300}
.tiles{display:flex;flex-wrap:wrap;gap:1rem}.tile{display:flex;flex-direction:column}.tile-value{font-size:1.3em}`;

/**
 * A self-contained HTML report of a page's results: its tables, facts and SVG plots serialised as they
 * are shown, with a small inline stylesheet (no scripts, no external resources).
 */
export function reportHtml(title: string, results: HTMLElement, inputs: Record<string, string>): string {
  const clone = results.cloneNode(true) as HTMLElement;
  clone.querySelectorAll("button, input, select, textarea, .job, .status .note").forEach((e) => e.remove());
  clone.querySelectorAll("[hidden]").forEach((e) => e.removeAttribute("hidden")); // explanations, expanded
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const rows = Object.entries(inputs)
    .filter(([k]) => k !== "runs" && k !== "text")
    .map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td>${esc(v)}</td></tr>`)
    .join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${REPORT_CSS}</style></head>
<body><h1>${esc(title)}</h1><h2>Inputs</h2><table><tbody>${rows}</tbody></table>
${clone.innerHTML}
<p><small>Made by scalecast ${esc(VERSION)} in the browser on ${new Date().toISOString().slice(0, 10)}.</small></p></body></html>
`;
}

/** The two download buttons every page shows under its results. */
export function downloadButtons(name: string, json: () => unknown, html: () => string): HTMLElement {
  const j = h("button", { type: "button", class: "download-json" }, "Download JSON");
  const r = h("button", { type: "button", class: "download-html" }, "Download HTML report");
  j.addEventListener("click", () => downloadJson(`${name}.json`, json()));
  r.addEventListener("click", () => download(`${name}.html`, html(), "text/html"));
  return h("div", { class: "downloads" }, j, r);
}
