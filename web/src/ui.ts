/** Small DOM helpers: every control is created inside a <label>, so every input has a label. */
import type { Explanation } from "../../src/report/explain.js";

type Attrs = Record<string, string | number | boolean | undefined>;
type Child = Node | string | null | undefined | false;

/** Create an element with attributes and children (strings become text nodes). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

let ids = 0;
/** A fresh element id. */
export const uid = (prefix = "u") => `${prefix}${++ids}`;

/** A labelled control: `<label for=id>text</label>` followed by the control, inside a div. */
export function field(text: string, control: HTMLElement, hint?: string): HTMLElement {
  if (!control.id) control.id = uid("f");
  const small = hint ? h("small", { id: `${control.id}-hint` }, hint) : null;
  if (small) control.setAttribute("aria-describedby", small.id);
  return h("div", { class: "field" }, h("label", { for: control.id }, text), control, small);
}

/** A titled group of fields in one row (`<fieldset><legend>`): how every page groups its inputs. */
export function group(title: string, ...kids: HTMLElement[]): HTMLElement {
  return h("fieldset", {}, h("legend", {}, title), h("div", { class: "row" }, ...kids));
}

/** A text input (numbers are typed as text: "$1M", "2T" and "30d" are all valid). */
export function input(name: string, value: string, attrs: Attrs = {}): HTMLInputElement {
  return h("input", { name, id: `in-${name}`, value, type: "text", autocomplete: "off", ...attrs });
}

/** A select of plain options (value = label unless given as [value, label]). */
export function select(
  name: string,
  options: readonly (string | [string, string])[],
  value: string,
): HTMLSelectElement {
  const el = h("select", { name, id: `in-${name}` });
  for (const o of options) {
    const [v, label] = typeof o === "string" ? [o, o] : o;
    el.append(h("option", { value: v, selected: v === value }, label));
  }
  el.value = value;
  return el;
}

/** A checkbox. */
export function checkbox(name: string, checked: boolean): HTMLInputElement {
  const el = h("input", { type: "checkbox", name, id: `in-${name}` });
  el.checked = checked;
  return el;
}

/** "1 micro-batch", "4 micro-batches": a count with the right plural. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * A cell: text, or text with the exact number in `data-value` (tests read it back) and, optionally, how
 * the number is computed (`why`: shown on hover and behind the row's "?" button).
 */
export type Cell =
  string | { text: string; value?: number | null; key?: string; why?: Explanation; align?: "left" };

const whyText = (w: Explanation) => `${w.formula}\nSource: ${w.source}`;

/** The "?" button that shows or hides an explanation, and the explanation it controls. */
function whyToggle(name: string, w: Explanation): { button: HTMLButtonElement; body: HTMLElement } {
  const id = uid("why");
  const button = h(
    "button",
    {
      type: "button",
      class: "why",
      "aria-expanded": "false",
      "aria-controls": id,
      "aria-label": `How ${name} is computed`,
      title: whyText(w),
    },
    "?",
  );
  const body = h(
    "div",
    { class: "explain", id },
    h("code", {}, w.formula),
    h("small", {}, `Source: ${w.source}`),
  );
  return { button, body };
}

function wire(button: HTMLButtonElement, holder: HTMLElement): void {
  holder.hidden = true;
  button.addEventListener("click", () => {
    holder.hidden = !holder.hidden;
    button.setAttribute("aria-expanded", String(!holder.hidden));
  });
}

/**
 * A table with a header row; numeric cells carry `data-value` and `data-key`. A row whose cells carry a
 * `why` gets a "?" button that expands a row below it with the formula and the source.
 */
export function table(headers: string[], rows: Cell[][], caption?: string): HTMLElement {
  const t = h("table", {}, caption ? h("caption", {}, caption) : null);
  t.append(h("thead", {}, h("tr", {}, ...headers.map((x) => h("th", { scope: "col" }, x)))));
  const body = h("tbody");
  for (const r of rows) {
    const tr = h("tr");
    let why: Explanation | undefined;
    r.forEach((c, j) => {
      const cell: Exclude<Cell, string> = typeof c === "string" ? { text: c } : c;
      const attrs: Attrs = {};
      if (cell.value !== undefined && cell.value !== null) attrs["data-value"] = String(cell.value);
      if (cell.key) attrs["data-key"] = cell.key;
      if (cell.align === "left") attrs.class = "text";
      if (cell.why) {
        why ??= cell.why;
        attrs.title = whyText(cell.why);
      }
      tr.append(j === 0 ? h("th", { scope: "row", ...attrs }, cell.text) : h("td", attrs, cell.text));
    });
    body.append(tr);
    if (why) {
      const head = tr.firstElementChild as HTMLElement;
      const { button, body: text } = whyToggle(head.textContent ?? "this", why);
      head.append(" ", button);
      const row = h("tr", { class: "why-row" }, h("td", { colspan: headers.length }, text));
      wire(button, row);
      body.append(row);
    }
  }
  t.append(body);
  return h("div", { class: "table-wrap" }, t);
}

/** A fact of a definition list: label, text, key, and optionally the exact value and how it is computed. */
export interface Fact {
  label: string;
  text: string;
  key: string;
  value?: number | null;
  why?: Explanation;
}

/** A definition list of key → value (values with `data-key` for tests, "?" buttons where explained). */
export function facts(items: Fact[]): HTMLElement {
  const dl = h("dl", { class: "facts" });
  for (const it of items) {
    const attrs: Attrs = { "data-key": it.key };
    if (it.value !== undefined && it.value !== null) attrs["data-value"] = String(it.value);
    const value = h("span", attrs, it.text);
    const dt = h("dt", {}, it.label);
    const dd = h("dd", {}, value);
    dl.append(dt, dd);
    if (it.why) {
      value.title = whyText(it.why);
      const { button, body } = whyToggle(it.label, it.why);
      dd.append(" ", button);
      const more = h("dd", { class: "why-row" }, body);
      wire(button, more);
      dl.append(more);
    }
  }
  return dl;
}

/** A titled group of results (a card). */
export function card(title: string, ...children: Child[]): HTMLElement {
  return h("section", { class: "card" }, h("h3", {}, title), ...children);
}

/** An error or warning message box. */
export function message(kind: "error" | "warning" | "note", text: string): HTMLElement {
  return h("p", { class: kind, role: kind === "error" ? "alert" : undefined }, text);
}

/** Replace an element's children. */
export function show(el: HTMLElement, ...children: Child[]): void {
  el.replaceChildren();
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
}
