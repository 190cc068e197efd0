import { InputError } from "../../src/units/InputError.js";
import { chartSet } from "./charts.js";
import { Cancelled } from "./jobs.js";
import { flushStateSoon, formValues, writeState } from "./state.js";
import { h, message, show, uid } from "./ui.js";

/** A page of the app: its id (the `page` URL parameter), its title and how to mount it. */
export interface PageDef {
  id: string;
  title: string;
  mount(root: HTMLElement): void;
}

type Kid = Node | null | false | undefined;

/** Typing waits this long after the last key before recomputing (selects and checkboxes do not wait). */
export const TYPING_DEBOUNCE_MS = 150;

/**
 * The frame every page uses: inputs beside the results on wide screens, above them on phones.
 * `results.dataset.state` is "busy" while a recompute runs and "done" (or "error") after it, with
 * `data-ms` the time from the start of the recompute to the redraw of what is on screen, of which
 * `data-draw-ms` the DOM and chart drawing; charts below the screen follow, one per frame, with
 * `data-charts="pending"` until the last is drawn and `data-all-ms` then, and `data-paint-ms` the time
 * to the end of the frame that shows the results, layout and paint included (the browser benchmark
 * reads them).
 * While a recompute runs the previous results stay on screen, dimmed; an error is shown above them.
 */
export function pageFrame(id: string, title: string, intro: string) {
  const form = h("form", { class: "inputs", "aria-label": `${title} inputs` });
  form.addEventListener("submit", (e) => e.preventDefault());
  const status = h("div", { class: "status", "aria-live": "polite" });
  const body = h("div", { class: "results-body" });
  const results = h(
    "section",
    { class: "results", "aria-label": `${title} results`, "data-state": "idle" },
    status,
    body,
  );
  const section = h(
    "section",
    { class: "page", id: `page-${id}` },
    h("header", { class: "page-head" }, h("h2", {}, title), h("p", {}, intro)),
    h("div", { class: "page-body" }, form, results),
  );
  const charts = chartSet();
  let started = 0;
  let lastValues = "";
  let settledState = "idle";
  const finish = (state: "done" | "error") => {
    results.dataset.ms = (performance.now() - started).toFixed(2);
    // the frame that shows the results: its layout and paint are done when a task queued from its
    // animation-frame callback runs (the browser benchmark reads it beside data-ms)
    const from = started;
    requestAnimationFrame(() =>
      setTimeout(() => {
        if (from === started) results.dataset.paintMs = (performance.now() - from).toFixed(2);
      }, 0),
    );
    results.dataset.state = state;
    results.classList.remove("stale");
    flushStateSoon();
  };
  const clearInvalid = () => {
    form.querySelectorAll("[aria-invalid]").forEach((el) => el.removeAttribute("aria-invalid"));
    form.querySelectorAll(".field-error").forEach((el) => {
      const control = el.parentElement?.querySelector("[aria-describedby]");
      const rest = control
        ?.getAttribute("aria-describedby")
        ?.split(" ")
        .filter((id) => id !== el.id)
        .join(" ");
      if (rest) control!.setAttribute("aria-describedby", rest);
      else control?.removeAttribute("aria-describedby");
      el.remove();
    });
  };
  return {
    section,
    form,
    results,
    charts,
    /** Mark the start of a recompute and queue the inputs for the URL (written once the results are shown). */
    begin(): void {
      started = performance.now();
      delete results.dataset.paintMs;
      results.dataset.state = "busy";
      results.classList.add("stale");
      const values = formValues(form);
      lastValues = JSON.stringify(values);
      writeState(id, values);
    },
    /**
     * An input changed and a recompute will follow (after the typing pause, or once a file is read):
     * `data-state` says "pending" until it starts, so nothing reads the old results as the new ones.
     */
    pending(): void {
      if (results.dataset.state !== "pending") {
        settledState = results.dataset.state ?? "idle";
        results.dataset.state = "pending";
      }
    },
    /** The change came to nothing (the inputs are as they were): back to the state before it. */
    unpend(): void {
      if (results.dataset.state === "pending") results.dataset.state = settledState;
    },
    /** True when the inputs are the ones the last recompute started from (nothing to redo). */
    unchanged(): boolean {
      return JSON.stringify(formValues(form)) === lastValues && results.dataset.state !== "idle";
    },
    /** Show the recomputed results (figures already drawn are kept; new ones are drawn). */
    done(...children: Kid[]): void {
      const drawing = performance.now();
      clearInvalid();
      status.replaceChildren();
      show(body, ...children);
      results.dataset.charts = "pending";
      charts.drawPending(() => {
        results.dataset.allMs = (performance.now() - started).toFixed(2);
        delete results.dataset.charts;
      });
      results.dataset.drawMs = (performance.now() - drawing).toFixed(2);
      finish("done");
    },
    /**
     * Show an error above the previous results, which stay (dimmed) until the input is fixed; the field
     * an InputError names is marked invalid.
     */
    fail(e: unknown, ...before: Kid[]): void {
      clearInvalid();
      const text = e instanceof Error ? e.message : String(e);
      const field = e instanceof InputError ? e.field : (e as { field?: string } | null)?.field;
      const control = field ? controlFor(form, field) : null;
      if (control) {
        control.setAttribute("aria-invalid", "true");
        // the message beside the field too, so the fix is where the eye is
        const note = h("small", { class: "field-error", id: uid("err") }, text);
        control.closest(".field")?.append(note);
        control.setAttribute(
          "aria-describedby",
          [control.getAttribute("aria-describedby"), note.id].filter(Boolean).join(" "),
        );
      }
      show(status, ...before, message("error", text));
      if (body.childElementCount) status.append(h("p", { class: "note" }, "Showing the last good result:"));
      finish("error");
      results.classList.add("stale");
    },
    /**
     * What a page's update does with what its job threw: nothing when a newer update superseded it, a
     * "cancelled: {retry}" message when the user cancelled it, else {@link fail}.
     */
    failJob(e: unknown, retry: string, ...before: Kid[]): void {
      if (e instanceof Cancelled && e.superseded) return;
      if (e instanceof Cancelled) return this.fail(`cancelled: ${retry}`);
      this.fail(e, ...before);
    },
  };
}

/**
 * The control an error's field names: `data-error-field` or `name` equal to the field (a leading "--"
 * dropped, as the CLI's flags are named), else the longest `data-error-field` the field starts with
 * (`system file.accelerator.memoryBytes` names the system file's box, `layout tp` the layout's).
 */
export function controlFor(form: HTMLElement, field: string): HTMLElement | null {
  const name = field.replace(/^--/, "");
  const exact =
    form.querySelector<HTMLElement>(`[data-error-field="${CSS.escape(name)}"]`) ??
    form.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"]`);
  if (exact) return exact;
  let best: HTMLElement | null = null;
  let length = 0;
  form.querySelectorAll<HTMLElement>("[data-error-field]").forEach((el) => {
    const prefix = el.dataset.errorField!;
    if (prefix.length > length && (name.startsWith(`${prefix}.`) || name.startsWith(`${prefix} `))) {
      best = el;
      length = prefix.length;
    }
  });
  return best;
}

/** A page's frame. */
export type Frame = ReturnType<typeof pageFrame>;

/**
 * Recompute as the user types: text fields after {@link TYPING_DEBOUNCE_MS} of quiet, selects,
 * checkboxes and Enter at once; a change that leaves every input as it was recomputes nothing.
 * `skip` names controls handled elsewhere (file inputs).
 */
export function live(
  frame: Frame,
  update: () => void,
  skip: (t: EventTarget | null) => boolean = () => false,
) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const now = () => {
    clearTimeout(timer);
    if (!frame.unchanged()) update();
  };
  frame.form.addEventListener("input", (e) => {
    if (skip(e.target)) return;
    const t = e.target as HTMLElement;
    if (t instanceof HTMLSelectElement || (t instanceof HTMLInputElement && t.type === "checkbox"))
      return now();
    clearTimeout(timer);
    timer = setTimeout(now, TYPING_DEBOUNCE_MS);
  });
  frame.form.addEventListener("change", (e) => {
    if (!skip(e.target)) now();
  });
  frame.form.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && e.target instanceof HTMLInputElement && !skip(e.target)) now();
  });
}
