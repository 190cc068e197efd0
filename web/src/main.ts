/** The scalecast browser app: seven pages over the same core as the CLI, state in the URL. */
import { batchPage } from "./pages/batch.js";
import { finetunePage } from "./pages/finetune.js";
import { fitPage } from "./pages/fit.js";
import { forecastPage } from "./pages/forecast.js";
import type { PageDef } from "./page.js";
import { planPage } from "./pages/plan.js";
import { servePage } from "./pages/serve.js";
import { workloadPage } from "./pages/workload.js";
import { flushState, param } from "./state.js";
import { warmWorker } from "./jobs.js";
import { h } from "./ui.js";

const PAGES: PageDef[] = [forecastPage, fitPage, workloadPage, planPage, servePage, finetunePage, batchPage];

function open(id: string, push: boolean): void {
  const page = PAGES.find((p) => p.id === id) ?? PAGES[0]!;
  const app = document.getElementById("app")!;
  // the page left behind keeps its last inputs in its history entry (a back press dropped them already)
  flushState(push);
  if (push) history.pushState(null, "", `${location.pathname}?page=${page.id}`);
  document.querySelectorAll<HTMLAnchorElement>("#nav a").forEach((a) => {
    if (a.dataset.page === page.id) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  });
  document.title = `scalecast: ${page.title}`;
  app.replaceChildren();
  page.mount(app);
}

const nav = document.getElementById("nav")!;
for (const p of PAGES) {
  const a = h("a", { href: `?page=${p.id}`, "data-page": p.id }, p.title);
  a.addEventListener("click", (e) => {
    e.preventDefault();
    open(p.id, true);
    document.getElementById("app")!.focus();
  });
  nav.append(a);
}
window.addEventListener("popstate", () => open(param("page", PAGES[0]!.id), false));
open(param("page", PAGES[0]!.id), false);
// load the core in the worker while the first page draws, so the first long job does not wait for it
warmWorker();
