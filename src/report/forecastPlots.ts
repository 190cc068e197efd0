import type { Forecast } from "../plan/forecastTypes.js";
import { type Chart, chartSvg } from "./chartKit.js";
import { frontierChart, learningCurveChart } from "./lawPlots.js";
import { barsChart, scenarioChart, type Series, type XY } from "./plots.js";
import { formatTick } from "./ticks.js";

/** Options of {@link forecastCharts}. */
export interface ForecastChartOptions {
  /** Measured runs behind a fitted learning curve (drawn as dots). */
  points?: XY[];
  /** A pinned scenario drawn beside this one, in grey. */
  pinned?: Forecast;
  /** Legend names of the two scenarios; default "current" and "pinned". */
  names?: { current: string; pinned: string };
}

/**
 * The charts of a forecast (the web app and the HTML report draw the same ones): the learning curve or
 * the compute frontier, the step-time breakdown, steps against batch size with the critical and the
 * chosen batch, and, on their own axes, training days and dollars against device count with the chosen
 * count marked. With `pinned`, the pinned scenario is drawn beside the current one.
 */
export function forecastCharts(f: Forecast, o: ForecastChartOptions = {}): Chart[] {
  const s = f.series;
  const p = o.pinned;
  const names = o.names ?? { current: "current", pinned: "pinned" };
  const charts: Chart[] = [];
  if (s.learningCurve)
    charts.push(
      learningCurveChart(
        {
          id: "learning-curve",
          title: "Learning curve",
          caption:
            "Measured runs (dots), the fitted law (line) with its 95% bootstrap band, the target (horizontal rule) and the data it needs (vertical rule).",
        },
        {
          points: o.points ?? [],
          fit: s.learningCurve.fit,
          band: s.learningCurve.band,
          ...(f.target !== null ? { target: f.target } : {}),
          projectedX: f.data.tokens.value,
          ...(p ? { pinnedX: p.data.tokens.value } : {}),
          xLabel: s.learningCurve.xLabel,
          yLabel: s.learningCurve.yLabel,
        },
      ),
    );
  if (s.frontier)
    charts.push(
      frontierChart(
        {
          id: "frontier",
          title: "Compute frontier",
          caption:
            "Iso-loss lines of the law (labelled with their loss), the compute-optimal path (dashed) and the chosen model and data (red dot).",
        },
        {
          contours: s.frontier.contours,
          path: s.frontier.path,
          chosen: { x: f.model.params.value, y: f.data.tokens.value, label: "chosen" },
          ...(p ? { pinned: { x: p.model.params.value, y: p.data.tokens.value, label: names.pinned } } : {}),
          xLabel: "parameters N",
          yLabel: "tokens D",
          lossLabel: "loss",
        },
      ),
    );
  const parts = (x: Forecast) => x.series.breakdown.map((b) => ({ name: b.name, value: b.seconds }));
  charts.push(
    barsChart(
      {
        id: "breakdown",
        title: "Step-time breakdown",
        caption: `Where one training step's ${formatTick(f.step.seconds, "seconds")} go on the chosen layout${p ? "; black ticks: the pinned scenario" : ""}.`,
      },
      { parts: parts(f), label: "time per step", kind: "seconds", ...(p ? { pinned: parts(p) } : {}) },
    ),
  );
  const steps = (x: Forecast, name: string): Series<XY> => ({
    name,
    points: x.series.stepsVsBatch.map((b) => ({ x: b.batch, y: b.steps })),
    chosen: { x: x.batch.global, y: x.steps.value },
  });
  charts.push(
    scenarioChart(
      {
        id: "steps-batch",
        title: "Steps against batch size",
        caption:
          "Optimizer steps to the target at each global batch, S = S_min(1 + B_crit/B) (Kaplan et al. 2020 eq. 5.4), with the critical batch (dashed) and the chosen batch (dot).",
      },
      {
        series: [steps(f, names.current), ...(p ? [steps(p, names.pinned)] : [])],
        x: { label: "global batch (samples)", kind: "count", log: true },
        y: { label: "optimizer steps", kind: "count", log: true },
        rules:
          f.batch.critical !== null
            ? [{ x: f.batch.critical, label: `critical batch ${formatTick(f.batch.critical, "count")}` }]
            : [],
        chosenLabel: (q) => `chosen ${formatTick(q.x, "count")}`,
      },
    ),
  );
  const devices = (x: Forecast, name: string, what: "days" | "dollars"): Series<XY> => ({
    name,
    points: x.series.devices
      .filter((d) => Number.isFinite(d[what]))
      .map((d) => ({ x: d.devices, y: d[what] })),
    chosen: {
      x: x.devices,
      y: what === "days" ? x.train.days.value : (x.cost.dollars?.value ?? Number.NaN),
    },
  });
  const both = (what: "days" | "dollars") => [
    devices(f, names.current, what),
    ...(p ? [devices(p, names.pinned, what)] : []),
  ];
  const hardware = `devices (${f.hardware})`;
  charts.push(
    scenarioChart(
      {
        id: "devices-days",
        title: "Training time against device count",
        caption:
          "Days to train on each device count (the best layout at each count, the batch held fixed); the dot is the chosen count.",
      },
      {
        series: both("days"),
        x: { label: hardware, kind: "integer", log: true },
        y: { label: "training time (days)", kind: "plain", log: true },
        chosenLabel: (q) => `${q.x} devices: ${formatTick(q.y, "plain")} days`,
      },
    ),
  );
  if (f.cost.dollars !== null)
    charts.push(
      scenarioChart(
        {
          id: "devices-dollars",
          title: "Cost against device count",
          caption: `Dollars to train on each device count at $${f.cost.dollarsPerDeviceHour?.toFixed(2)} per device-hour; the dot is the chosen count.`,
        },
        {
          series: both("dollars").filter((x) => x.points.length),
          x: { label: hardware, kind: "integer", log: true },
          y: { label: "cost (US dollars)", kind: "dollars", log: false },
          chosenLabel: (q) => `${q.x} devices: ${formatTick(q.y, "dollars")}`,
        },
      ),
    );
  return charts;
}

/** The charts of a forecast as titled SVG strings (rendered without a browser, for the HTML report). */
export function forecastPlots(
  f: Forecast,
  o: ForecastChartOptions & { width?: number } = {},
): { title: string; caption: string; svg: string }[] {
  return forecastCharts(f, o).map((c) => ({ title: c.title, caption: c.caption, svg: chartSvg(c, o.width) }));
}
