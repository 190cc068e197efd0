import * as Plot from "@observablehq/plot";
import { svgDocument } from "./svgDocument.js";

/** A point of the serving throughput-latency curve (per-user speed against throughput per device). */
export interface ServingCurvePoint {
  batch: number;
  userTokensPerSecond: number;
  tokensPerSecondPerDevice: number;
  meetsTargets: boolean;
}

/** A point of the lifetime cost curve: total cost of the model of N parameters that reaches the loss. */
export interface LifetimeCurvePoint {
  params: number;
  trainDollars: number;
  serveDollars: number;
  totalDollars: number;
}

const render = (options: Plot.PlotOptions, document: Document = svgDocument()) =>
  (
    Plot.plot({
      width: 640,
      height: 360,
      document,
      style: { background: "white" },
      ...options,
    }) as unknown as {
      outerHTML: string;
    }
  ).outerHTML;

/**
 * The throughput-latency trade-off of serving (as vLLM and TensorRT-LLM benchmarks plot it): output
 * tokens per second per device against tokens per second one user sees, one point per batch size (log
 * axes), points meeting the latency targets filled.
 */
export function throughputLatencyPlot(curve: readonly ServingCurvePoint[], document?: Document): string {
  return render(
    {
      x: { type: "log", label: "tokens/s per user (1 / TPOT)", grid: true },
      y: { type: "log", label: "output tokens/s per device", grid: true },
      marks: [
        Plot.line(curve, { x: "userTokensPerSecond", y: "tokensPerSecondPerDevice", stroke: "steelblue" }),
        Plot.dot(curve, {
          x: "userTokensPerSecond",
          y: "tokensPerSecondPerDevice",
          fill: (d: ServingCurvePoint) => (d.meetsTargets ? "steelblue" : "white"),
          stroke: "steelblue",
          r: 4,
        }),
        Plot.text(curve, {
          x: "userTokensPerSecond",
          y: "tokensPerSecondPerDevice",
          text: (d: ServingCurvePoint) => `b=${d.batch}`,
          dy: -10,
          fontSize: 9,
        }),
      ],
    },
    document,
  );
}

/**
 * Lifetime cost against model size at a fixed loss (Sardana et al. 2023, Fig. 2 style): training,
 * serving and total dollars of the iso-loss models (log x), with the minimum marked.
 */
export function lifetimeCostPlot(curve: readonly LifetimeCurvePoint[], document?: Document): string {
  const rows = curve.flatMap((p) => [
    { params: p.params, dollars: p.trainDollars, part: "training" },
    { params: p.params, dollars: p.serveDollars, part: "serving" },
    { params: p.params, dollars: p.totalDollars, part: "total" },
  ]);
  const best = curve.reduce((a, b) => (b.totalDollars < a.totalDollars ? b : a));
  return render(
    {
      x: { type: "log", label: "parameters N", grid: true },
      y: { type: "log", label: "dollars", grid: true },
      color: { legend: true },
      marks: [
        Plot.line(rows, { x: "params", y: "dollars", stroke: "part" }),
        Plot.ruleX([best.params], { stroke: "firebrick", strokeDasharray: "4,3" }),
      ],
    },
    document,
  );
}
