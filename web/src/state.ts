/**
 * The app's state lives in the URL query (`?page=fit&law=power&...`), so a result can be shared as a
 * link; pages read their inputs from it when they mount and write every change back (replaceState).
 */

/** The current query parameters. */
export function params(): URLSearchParams {
  return new URLSearchParams(location.search);
}

/** A parameter, or `fallback` when absent. */
export function param(key: string, fallback: string): string {
  return params().get(key) ?? fallback;
}

/** Longest value kept in the URL (pasted files above this are left out of the link). */
export const MAX_URL_VALUE = 6000;

let queued: string | null = null;

/**
 * Queue `values` for the current page as the URL (empty strings remove a key); {@link flushStateSoon}
 * writes it once the results it belongs to are drawn: Chromium's `history.replaceState` waits on the
 * browser process (measured 4-40 ms per call in the benchmark, under load more than a whole redraw),
 * and written while the worker computes it held up the page's handling of the worker's answer (issue
 * 17), so the URL follows the results rather than holding them up. Several writes leave the last.
 */
export function writeState(page: string, values: Record<string, string>): void {
  const q = new URLSearchParams();
  q.set("page", page);
  for (const [k, v] of Object.entries(values)) if (v !== "" && v.length <= MAX_URL_VALUE) q.set(k, v);
  queued = `${location.pathname}?${q.toString()}`;
}

let soon = false;

/** Write the queued URL after the next paint (a page calls this when its results are shown). */
export function flushStateSoon(): void {
  if (queued === null || soon) return;
  soon = true;
  requestAnimationFrame(() =>
    setTimeout(() => {
      soon = false;
      flushState();
    }, 0),
  );
}

/**
 * Write the URL a {@link writeState} left queued now, before the app moves to another page; `write`
 * false drops it instead (the browser's back button has already moved the URL).
 */
export function flushState(write = true): void {
  const next = queued;
  queued = null;
  if (write && next !== null && next !== `${location.pathname}${location.search}`)
    history.replaceState(null, "", next);
}

/** Collect the values of every named control inside `root` (checkboxes as "1" or ""). */
export function formValues(root: HTMLElement): Record<string, string> {
  const out: Record<string, string> = {};
  root
    .querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>("[name]")
    .forEach((el) => {
      if (el instanceof HTMLInputElement && el.type === "file") return;
      if (el instanceof HTMLInputElement && el.type === "checkbox") out[el.name] = el.checked ? "1" : "";
      else if (el instanceof HTMLInputElement && el.type === "radio") {
        if (el.checked) out[el.name] = el.value;
      } else out[el.name] = el.value;
    });
  return out;
}
