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
 * Write `values` for the current page into the URL (empty strings remove a key), in a task of its own
 * after the current one: Chromium's `history.replaceState` waits on the browser process (measured
 * 30-40 ms per call in the benchmark, more than a whole redraw), so the URL follows the results rather
 * than holding them up. Several writes in one task leave the last.
 */
export function writeState(page: string, values: Record<string, string>): void {
  const q = new URLSearchParams();
  q.set("page", page);
  for (const [k, v] of Object.entries(values)) if (v !== "" && v.length <= MAX_URL_VALUE) q.set(k, v);
  const url = `${location.pathname}?${q.toString()}`;
  if (queued === null) setTimeout(flushState, 0);
  queued = url;
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
