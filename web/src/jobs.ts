import type { TaskKind, Tasks, WorkerMessage } from "./tasks.js";
import { h } from "./ui.js";

/** Raised when the user cancels a job (or a newer job replaces it). */
export class Cancelled extends Error {
  /** True when a newer job replaced this one (nothing to show), false when the user cancelled. */
  constructor(public readonly superseded = false) {
    super("cancelled");
    this.name = "Cancelled";
  }
}

/** Raised for bad input found in the worker (the message names the field, as the CLI's). */
export class JobError extends Error {
  constructor(
    message: string,
    public readonly field?: string,
  ) {
    super(message);
  }
}

/**
 * A job still running after this long is stopped (the worker terminated) when a newer one arrives;
 * a shorter one is left to finish, its result dropped, so the warm worker (loaded modules, compiled
 * code, caches) is kept for the next one.
 */
const LONG_JOB_MS = 400;

/** Results kept per kind, keyed by their arguments: going back to an input already seen is instant. */
const CACHE_SIZE = 24;
const CACHED: ReadonlySet<TaskKind> = new Set([
  "search",
  "forecast",
  "sensitivity",
  "batch",
  "fit",
  "inference",
  "finetune",
  "lifetime",
]);
const cache = new Map<string, unknown>();

let worker: Worker | null = null;
let nextId = 0;
let running: { id: number; since: number; reject: (e: Error) => void; stale: boolean } | null = null;

function getWorker(): Worker {
  worker ??= new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
  return worker;
}

/** Start the worker now, so the first job does not wait for it to load the core. */
export function warmWorker(): void {
  getWorker();
}

/** Stop the running job: the worker is terminated (a fresh one starts with the next job). */
export function cancelJob(superseded = false): void {
  if (!running) return;
  worker?.terminate();
  worker = null;
  const r = running;
  running = null;
  r.reject(new Cancelled(superseded));
}

function keyOf(kind: TaskKind, args: unknown): string | null {
  if (!CACHED.has(kind)) return null;
  return `${kind}:${JSON.stringify(args)}`;
}

/**
 * A progress bar with a cancel button, shown while a job runs. `run` starts a job in the web worker;
 * the newest input wins: a job it replaces is dropped (stopped when it has run long). Results are
 * cached by their arguments. The panel's `data-compute-KIND` says how long the last job of each kind
 * computed in the worker (0 for a cached result).
 */
export function jobPanel(label: string) {
  const bar = h("progress", { max: 1, "aria-label": `${label} progress` });
  const status = h("span", { class: "job-status", "aria-live": "polite" });
  const cancel = h("button", { type: "button", class: "cancel" }, "Cancel");
  const el = h("div", { class: "job", hidden: true }, h("span", {}, label), bar, status, cancel);
  cancel.addEventListener("click", () => cancelJob());
  let showTimer: ReturnType<typeof setTimeout> | undefined;
  async function run<K extends TaskKind>(
    kind: K,
    args: Tasks[K]["args"],
    transfer: Transferable[] = [],
  ): Promise<Tasks[K]["result"]> {
    const key = keyOf(kind, args);
    if (key !== null && cache.has(key)) {
      if (running) running.stale = true;
      const hit = cache.get(key) as Tasks[K]["result"];
      cache.delete(key); // most recently used last
      cache.set(key, hit);
      el.setAttribute(`data-compute-${kind}`, "0");
      return hit;
    }
    if (running) {
      if (performance.now() - running.since > LONG_JOB_MS) cancelJob(true);
      else {
        // let it finish on the warm worker; its result is dropped
        const r = running;
        r.stale = true;
        running = null;
        r.reject(new Cancelled(true));
      }
    }
    const id = ++nextId;
    status.textContent = "";
    bar.removeAttribute("value");
    clearTimeout(showTimer);
    // a quick job never flashes a progress bar
    showTimer = setTimeout(() => {
      if (running?.id === id) el.hidden = false;
    }, 150);
    return new Promise<Tasks[K]["result"]>((resolve, reject) => {
      const w = getWorker();
      const done = () => {
        if (running?.id === id) running = null;
        w.removeEventListener("message", onMessage);
        if (!running) el.hidden = true;
      };
      running = {
        id,
        since: performance.now(),
        stale: false,
        reject: (e) => {
          w.removeEventListener("message", onMessage);
          if (!(e instanceof Cancelled && e.superseded)) status.textContent = "cancelled";
          if (!running || running.id === id) el.hidden = true;
          reject(e);
        },
      };
      const onMessage = (e: MessageEvent<WorkerMessage>) => {
        const m = e.data;
        if (m.id !== id) return;
        if (m.type === "progress") {
          bar.value = m.done / m.total;
          status.textContent = `${m.done} / ${m.total}`;
        } else if (m.type === "result") {
          done();
          // the worker's compute time for this kind of job (read by the browser benchmark)
          el.setAttribute(`data-compute-${kind}`, m.ms.toFixed(2));
          if (key !== null) {
            cache.set(key, m.result);
            if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
          }
          resolve(m.result as Tasks[K]["result"]);
        } else {
          done();
          reject(new JobError(m.message, m.field));
        }
      };
      w.addEventListener("message", onMessage);
      w.postMessage({ id, kind, args }, transfer);
    });
  }
  return { el, run };
}
