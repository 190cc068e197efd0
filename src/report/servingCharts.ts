/**
 * Charts of serving and of the lifetime optimum as chart definitions (chartKit: drawn at their
 * container's width with SI ticks by the web app, as SVG by reports): the throughput-latency curve
 * with the chosen point and the targets, latency against batch, lifetime cost against model size, and
 * lifetime cost against the served volume with the break-even.
 */
import * as Plot from "@observablehq/plot";
import type { CurvePoint } from "../plan/inferencePlan.js";
import type { LifetimeSummary } from "../plan/lifetimeForecast.js";
import {
  axis,
  type Chart,
  chart,
  type ChartMeta,
  COLORS,
  LABEL,
  marginFor,
  sideOf,
  yLabels,
} from "./chartKit.js";
import { formatTick } from "./ticks.js";

const ms = (s: number) => `${formatTick(1e3 * s, "plain", 3)} ms`;
const layoutText = (p: CurvePoint) => `tp=${p.layout.tp} pp=${p.layout.pp}`;

/** A labelled vertical rule at `x`, its label at the top (or bottom) on the side with room. */
function xRule(
  x: number,
  label: string,
  span: [number, number],
  log: boolean,
  color: string = COLORS.mark,
  at: "top" | "bottom" = "top",
) {
  return [
    Plot.ruleX([x], { stroke: color, strokeDasharray: "4,3" }),
    Plot.text([x], {
      x: (d: number) => d,
      frameAnchor: at,
      dy: at === "top" ? 6 : -6,
      dx: sideOf(x, span, log) === "start" ? 4 : -4,
      textAnchor: sideOf(x, span, log),
      text: () => label,
      fill: color,
      ...LABEL,
    }),
  ];
}

/** A labelled horizontal rule at `y`, its label at the left end. */
function yRule(y: number, label: string, color = COLORS.mark) {
  return [
    Plot.ruleY([y], { stroke: color, strokeDasharray: "4,3" }),
    Plot.text([y], {
      y: (d: number) => d,
      frameAnchor: "left",
      dy: -7,
      dx: 4,
      textAnchor: "start",
      text: () => label,
      fill: color,
      ...LABEL,
    }),
  ];
}

/**
 * The throughput-latency trade-off of serving, as vLLM and TensorRT-LLM benchmarks plot it: output
 * tokens per second per device against the tokens per second one user sees (1 / TPOT), one point per
 * batch size (the best layout at that batch, log axes). Points meeting the latency targets are filled,
 * the others hollow; the chosen point is red and labelled; a TPOT target is the vertical rule at
 * 1 / TPOT (points right of it are fast enough).
 */
export function throughputLatencyChart(
  meta: ChartMeta,
  o: { curve: CurvePoint[]; chosenBatch: number; tpotSeconds?: number | undefined },
): Chart {
  return chart(meta, o, () => {
    const rows = o.curve.map((p) => ({
      ...p,
      meets: p.meetsTargets ? "meets the targets" : "misses a target",
      title: `batch ${p.batch}, ${layoutText(p)}: TTFT ${ms(p.ttftSeconds)}, TPOT ${ms(p.tpotSeconds)}, ${formatTick(p.tokensPerSecondPerDevice, "count", 3)} tokens/s per device`,
    }));
    const chosen = rows.find((p) => p.batch === o.chosenBatch);
    const rule = o.tpotSeconds !== undefined ? 1 / o.tpotSeconds : undefined;
    const x = axis({
      label: "tokens/s per user (1 / TPOT)",
      kind: "count",
      log: true,
      values: [...rows.map((p) => p.userTokensPerSecond), ...(rule !== undefined ? [rule] : [])],
    });
    const y = axis({
      label: "output tokens/s per device",
      kind: "count",
      log: true,
      values: rows.map((p) => p.tokensPerSecondPerDevice),
    });
    const span = x.domain as [number, number];
    return {
      marginLeft: marginFor(yLabels(y)),
      marginRight: 24,
      x,
      y,
      color: {
        legend: true,
        domain: ["meets the targets", "misses a target"],
        range: [COLORS.current, "#d5dde6"],
      },
      marks: [
        ...(rule !== undefined
          ? xRule(rule, `TPOT target ${ms(o.tpotSeconds!)}`, span, true, COLORS.mark, "bottom")
          : []),
        Plot.line(rows, {
          x: "userTokensPerSecond",
          y: "tokensPerSecondPerDevice",
          stroke: COLORS.current,
          strokeOpacity: 0.5,
        }),
        Plot.dot(rows, {
          x: "userTokensPerSecond",
          y: "tokensPerSecondPerDevice",
          fill: "meets",
          stroke: COLORS.current,
          r: 4,
          title: "title",
        }),
        ...(chosen
          ? [
              Plot.dot([chosen], {
                x: "userTokensPerSecond",
                y: "tokensPerSecondPerDevice",
                r: 6,
                fill: COLORS.mark,
                stroke: "white",
              }),
              Plot.text([chosen], {
                x: "userTokensPerSecond",
                y: "tokensPerSecondPerDevice",
                text: (p: CurvePoint) => `chosen: batch ${p.batch}, ${layoutText(p)}`,
                dx: sideOf(chosen.userTokensPerSecond, span) === "start" ? 9 : -9,
                dy: -10,
                textAnchor: sideOf(chosen.userTokensPerSecond, span),
                fill: COLORS.mark,
                ...LABEL,
              }),
            ]
          : []),
      ],
    };
  });
}

/**
 * Time to first token and time per output token against the batch (log axes, both in seconds), with
 * the targets as labelled horizontal rules and the chosen batch as a vertical one.
 */
export function latencyChart(
  meta: ChartMeta,
  o: {
    curve: CurvePoint[];
    chosenBatch: number;
    ttftSeconds?: number | undefined;
    tpotSeconds?: number | undefined;
  },
): Chart {
  return chart(meta, o, () => {
    const rows = o.curve.flatMap((p) => [
      { batch: p.batch, seconds: p.ttftSeconds, what: "time to first token" },
      { batch: p.batch, seconds: p.tpotSeconds, what: "time per output token" },
    ]);
    const targets = [
      ...(o.ttftSeconds !== undefined
        ? [{ s: o.ttftSeconds, label: `TTFT target ${ms(o.ttftSeconds)}` }]
        : []),
      ...(o.tpotSeconds !== undefined
        ? [{ s: o.tpotSeconds, label: `TPOT target ${ms(o.tpotSeconds)}` }]
        : []),
    ];
    const x = axis({
      label: "batch (sequences per replica)",
      kind: "integer",
      log: true,
      values: o.curve.map((p) => p.batch),
    });
    const y = axis({
      label: "latency",
      kind: "seconds",
      log: true,
      values: [...rows.map((r) => r.seconds), ...targets.map((t) => t.s)],
    });
    const span = x.domain as [number, number];
    return {
      marginLeft: marginFor(yLabels(y)),
      marginRight: 24,
      x,
      y,
      color: {
        legend: true,
        domain: ["time to first token", "time per output token"],
        range: [COLORS.current, "#2a9d8f"],
      },
      marks: [
        ...xRule(o.chosenBatch, `chosen batch ${o.chosenBatch}`, span, true, COLORS.ink),
        ...targets.flatMap((t) => yRule(t.s, t.label)),
        Plot.line(rows, { x: "batch", y: "seconds", stroke: "what", strokeWidth: 2 }),
        Plot.dot(rows, { x: "batch", y: "seconds", fill: "what", r: 3 }),
      ],
    };
  });
}

/**
 * Lifetime cost against model size at the forecast's loss (Sardana et al. 2023, Fig. 2 style): training,
 * serving and total dollars of the models on the iso-loss curve (log axes), the lifetime optimum and the
 * Chinchilla-optimal model marked and labelled with their totals.
 */
export function lifetimeCostChart(meta: ChartMeta, l: LifetimeSummary): Chart {
  return chart(meta, { curve: l.curve, params: l.params, total: l.totalDollars }, () => {
    const rows = l.curve.flatMap((p) => [
      { params: p.params, dollars: p.trainDollars, part: "training" },
      { params: p.params, dollars: p.serveDollars, part: "serving" },
      { params: p.params, dollars: p.totalDollars, part: "total" },
    ]);
    const chin = l.chinchilla;
    const marked = [
      {
        params: l.params,
        dollars: l.totalDollars,
        label: `lifetime optimum ${formatTick(l.params, "count")}`,
      },
      {
        params: chin.params,
        dollars: l.chinchillaTotalDollars,
        label: `Chinchilla ${formatTick(chin.params, "count")}`,
      },
    ];
    const x = axis({ label: "parameters N", kind: "count", log: true, values: rows.map((r) => r.params) });
    const y = axis({
      label: "lifetime dollars",
      kind: "dollars",
      log: true,
      values: [...rows.map((r) => r.dollars), ...marked.map((m) => m.dollars)],
    });
    const span = x.domain as [number, number];
    return {
      marginLeft: marginFor(yLabels(y)),
      marginRight: 24,
      x,
      y,
      color: {
        legend: true,
        domain: ["training", "serving", "total"],
        range: ["#2a9d8f", "#e9a23b", COLORS.current],
      },
      marks: [
        Plot.line(rows, { x: "params", y: "dollars", stroke: "part", strokeWidth: 2 }),
        ...marked.flatMap((m, i) => [
          Plot.dot([m], { x: "params", y: "dollars", r: 5, fill: i === 0 ? COLORS.mark : COLORS.ink }),
          Plot.text([m], {
            x: "params",
            y: "dollars",
            text: () => `${m.label}: ${formatTick(m.dollars, "dollars", 3)}`,
            dx: sideOf(m.params, span) === "start" ? 8 : -8,
            dy: i === 0 ? 14 : -12,
            textAnchor: sideOf(m.params, span),
            fill: i === 0 ? COLORS.mark : COLORS.ink,
            ...LABEL,
          }),
        ]),
      ],
    };
  });
}

/**
 * Lifetime cost of the chosen and the Chinchilla-optimal model against the tokens served (log axes):
 * each is its training cost plus the served tokens times its serving cost per token, training costed as
 * the optimum is found (6·N·D(N) at the forecast's dollars per training FLOP, Sardana et al. 2023 eq. 3),
 * so the lines cross at the core's break-even volume (marked), and the planned volume is marked too.
 */
export function breakEvenChart(meta: ChartMeta, l: LifetimeSummary): Chart {
  const c = l.chinchilla;
  const perFlop = c.trainDollars / (6 * c.params * c.tokens);
  const lines = [
    {
      name: `chosen ${formatTick(l.params, "count")}`,
      train: 6 * l.params * l.tokens * perFlop,
      perToken: l.serveDollars / l.servedTokens,
    },
    {
      name: `Chinchilla ${formatTick(c.params, "count")}`,
      train: c.trainDollars,
      perToken: c.serveDollars / l.servedTokens,
    },
  ];
  const be = l.breakEvenServedTokens;
  return chart(meta, { lines, be, served: l.servedTokens }, () => {
    const marks = [l.servedTokens, ...(be !== null ? [be] : [])];
    const lo = Math.min(...marks) / 30;
    const hi = Math.max(...marks) * 30;
    const xs = Array.from({ length: 41 }, (_, k) => lo * (hi / lo) ** (k / 40));
    const rows = lines.flatMap((m) =>
      xs.map((s) => ({ s, dollars: m.train + s * m.perToken, name: m.name })),
    );
    const x = axis({ label: "tokens served over the model's life", kind: "count", log: true, values: xs });
    const y = axis({
      label: "lifetime dollars",
      kind: "dollars",
      log: true,
      values: rows.map((r) => r.dollars),
    });
    const span = x.domain as [number, number];
    return {
      marginLeft: marginFor(yLabels(y)),
      marginRight: 24,
      x,
      y,
      color: { legend: true, domain: lines.map((m) => m.name), range: [COLORS.mark, COLORS.current] },
      marks: [
        ...xRule(l.servedTokens, `planned ${formatTick(l.servedTokens, "count")}`, span, true, COLORS.ink),
        ...(be !== null
          ? xRule(be, `break-even ${formatTick(be, "count")}`, span, true, COLORS.mark, "bottom")
          : []),
        Plot.line(rows, { x: "s", y: "dollars", stroke: "name", strokeWidth: 2 }),
        ...(be !== null
          ? [
              Plot.dot([{ s: be, dollars: lines[1]!.train + be * lines[1]!.perToken }], {
                x: "s",
                y: "dollars",
                r: 5,
                fill: COLORS.mark,
                stroke: "white",
              }),
            ]
          : []),
      ],
    };
  });
}
