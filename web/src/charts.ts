/**
 * Charts on the page: the core's chart definitions (src/report) drawn by Observable Plot at the width of
 * their container, redrawn when the container resizes (one ResizeObserver), and never redrawn when
 * neither their data (the chart's key) nor their width changed: a page keeps its figures across
 * recomputes and moves the unchanged ones into the new results.
 */
import { type Chart, drawChart } from "../../src/report/chartKit.js";
import { h } from "./ui.js";

interface Drawn {
  key: string;
  width: number;
  figure: HTMLElement;
  host: HTMLElement;
  chart: Chart;
}

const byHost = new WeakMap<Element, Drawn>();

/** The width to draw at: the host's, or 640 px before it has one. */
const widthOf = (box: DOMRect) => Math.floor(box.width) || 640;

function draw(d: Drawn, width: number): void {
  d.width = width;
  const el = drawChart(d.chart, width, document);
  el.setAttribute("role", "img");
  el.setAttribute("aria-label", d.chart.title);
  d.host.replaceChildren(el);
}

const observer =
  typeof ResizeObserver === "undefined"
    ? null
    : new ResizeObserver((entries) => {
        for (const e of entries) {
          const d = byHost.get(e.target);
          const width = Math.floor(e.contentRect.width);
          if (d && width > 0 && Math.abs(width - d.width) > 1) draw(d, width);
        }
      });

/** The charts of one page: figures kept by chart id between recomputes. */
export function chartSet() {
  const kept = new Map<string, Drawn>();
  let pending: Drawn[] = [];
  /** Figures below the screen waiting for their frame, and who waits for the last of them. */
  const queue: Drawn[] = [];
  let waiting: (() => void)[] = [];
  let frame = 0;
  // a figure below the screen is measured when its turn comes (its layout is skipped until then)
  const drawIfNew = (d: Drawn) => {
    if (d.figure.isConnected && d.width === 0) draw(d, widthOf(d.host.getBoundingClientRect()));
  };
  const release = () => {
    const callbacks = waiting;
    waiting = [];
    for (const f of callbacks) f();
  };
  const pump = () => {
    frame = 0;
    const item = queue.shift();
    if (!item) return release();
    drawIfNew(item);
    frame = requestAnimationFrame(pump);
  };
  return {
    /**
     * The figure of a chart: the one already drawn when its key is unchanged, else a new one that
     * {@link drawPending} draws once it is in the page.
     */
    figure(chart: Chart): HTMLElement {
      const old = kept.get(chart.id);
      if (old && old.key === chart.key) return old.figure;
      const host = h("div", { class: "chart" });
      const figure = h(
        "figure",
        { class: "plot", "data-chart": chart.id },
        h("strong", { class: "chart-title" }, chart.title),
        host,
        h("figcaption", {}, chart.caption),
      );
      const d: Drawn = { key: chart.key, width: 0, figure, host, chart };
      kept.set(chart.id, d);
      byHost.set(host, d);
      pending.push(d);
      return figure;
    },
    /**
     * Draw the new figures at their container's width (call once they are in the document): those on
     * screen now, the others one per animation frame after, so that an input change shows what is in
     * view without waiting for charts below it. `allDrawn` runs when every figure waiting is drawn
     * (those of an earlier call too: a section added after the page's results, such as the Forecast
     * page's lifetime section, joins the same queue).
     */
    drawPending(allDrawn: () => void = () => {}): void {
      const todo = pending;
      pending = [];
      // Which figures are on screen, from the figures' own boxes: a figure's contents are laid out only
      // when it is near the screen (content-visibility: auto in style.css; the SVGs are most of a
      // results region's layout), so this read does not lay out the charts below. Then one read of the
      // on-screen hosts' widths, then the drawing.
      const boxes = todo.map((d) => d.figure.getBoundingClientRect());
      const now: Drawn[] = [];
      todo.forEach((d, i) => {
        const box = boxes[i]!;
        observer?.observe(d.host);
        if (!d.figure.isConnected) return;
        if (box.bottom >= 0 && box.top <= innerHeight) now.push(d);
        else queue.push(d);
      });
      const widths = now.map((d) => widthOf(d.host.getBoundingClientRect()));
      now.forEach((d, i) => draw(d, widths[i]!));
      for (const [id, d] of kept)
        if (!d.figure.isConnected && !todo.includes(d)) {
          observer?.unobserve(d.host);
          kept.delete(id);
        }
      waiting.push(allDrawn);
      if (frame === 0) {
        if (queue.length) frame = requestAnimationFrame(pump);
        else release();
      }
    },
    /** Draw every figure still waiting for its frame now (before a report copies the page). */
    flush(): void {
      cancelAnimationFrame(frame);
      frame = 0;
      for (const item of queue.splice(0)) drawIfNew(item);
      release();
    },
  };
}

/** A page's chart set. */
export type ChartSet = ReturnType<typeof chartSet>;
