/** The Serve page's results: the chosen layout and batch, cost per million tokens, the curve and memory. */
import type { Accelerator } from "../../../src/hardware/accelerator.js";
import type { InferencePlan } from "../../../src/plan/inferencePlan.js";
import type { Explanation } from "../../../src/report/explain.js";
import { servingExplanations } from "../../../src/report/explainServing.js";
import { barsChart } from "../../../src/report/plots.js";
import { latencyChart, throughputLatencyChart } from "../../../src/report/servingCharts.js";
import type { ChartSet } from "../charts.js";
import { fmt, ms, numCell } from "../fmt.js";
import { card, facts, h, message, plural, table } from "../ui.js";

const tile = (label: string, value: string, key: string, exact: number | null) =>
  h(
    "div",
    { class: "tile" },
    h("span", { class: "tile-label" }, label),
    h("span", { class: "tile-value", "data-key": `tile-${key}`, "data-value": exact ?? undefined }, value),
  );

const dollars = (x: number | null) => (x === null ? "no price" : fmt(x, "dollars"));

/** Everything the page shows for a serving plan. */
export function servingView(
  name: string,
  p: InferencePlan,
  o: {
    accelerator: Accelerator;
    pue: number;
    region: string;
    ttftSeconds?: number | undefined;
    tpotSeconds?: number | undefined;
  },
  charts: ChartSet,
): HTMLElement[] {
  const why = servingExplanations(p, o);
  const w = (k: string): { why?: Explanation } => (why[k] ? { why: why[k] } : {});
  const l = p.layout;
  const m = p.memory;
  const tiles = h(
    "div",
    { class: "tiles" },
    tile("output tokens/s", fmt(p.tokensPerSecond, "count"), "tokens-per-second", p.tokensPerSecond),
    tile("per device", fmt(p.tokensPerSecondPerDevice, "count"), "per-device", p.tokensPerSecondPerDevice),
    tile("time to first token", ms(p.ttftSeconds), "ttft", p.ttftSeconds),
    tile("time per output token", ms(p.tpotSeconds), "tpot", p.tpotSeconds),
    tile("$ per 1M output tokens", dollars(p.dollarsPerMillionTokens), "dollars", p.dollarsPerMillionTokens),
    tile("memory per device", fmt(m.perDeviceBytes, "bytes"), "memory", m.perDeviceBytes),
  );
  const chosen = card(
    "Chosen layout and batch",
    facts([
      {
        label: "model",
        text: `${name}: ${fmt(p.params.total, "count")} parameters${p.params.active < p.params.total ? ` (${fmt(p.params.active, "count")} active per token)` : ""}`,
        key: "model",
        value: p.params.total,
      },
      {
        label: "layout",
        text: `tp=${l.tp} pp=${l.pp} × ${plural(l.dp, "replica")} on ${plural(p.devices, "device")} × ${p.hardware}`,
        key: "layout",
        ...w("layout"),
      },
      {
        label: "batch",
        text: `${plural(p.batch, "sequence")} in flight per replica (${p.batching} batching)`,
        key: "batch",
        value: p.batch,
        // the batch is chosen with the layout, by the same search
        ...w("layout"),
      },
      {
        label: "requests",
        text: `${p.prompt} prompt + ${p.output} output tokens; weights ${p.weights}, KV cache ${p.kv}`,
        key: "request",
      },
      {
        label: "output tokens/s",
        text: `${fmt(p.tokensPerSecond, "count")} (all devices)`,
        key: "tokens-per-second",
        value: p.tokensPerSecond,
        ...w("tokens-per-second"),
      },
      {
        label: "per device",
        text: `${fmt(p.tokensPerSecondPerDevice, "count")} tokens/s`,
        key: "tokens-per-second-per-device",
        value: p.tokensPerSecondPerDevice,
        ...w("tokens-per-second-per-device"),
      },
      {
        label: "time to first token",
        text: ms(p.ttftSeconds),
        key: "ttft",
        value: p.ttftSeconds,
        ...w("ttft"),
      },
      {
        label: "time per output token",
        text: `${ms(p.tpotSeconds)} (${fmt(1 / p.tpotSeconds, "count")} tokens/s per user)`,
        key: "tpot",
        value: p.tpotSeconds,
        ...w("tpot"),
      },
      {
        label: "decode step",
        text: `compute ${ms(p.decode.computeSeconds)}, memory ${ms(p.decode.memorySeconds)}, communication ${ms(p.decode.commSeconds)}`,
        key: "decode",
        ...w("decode-split"),
      },
      {
        label: "memory per device",
        text: `${fmt(m.perDeviceBytes, "bytes")} of ${fmt(m.capacityBytes, "bytes")} (weights ${fmt(m.weightsBytes, "bytes")}, KV cache ${fmt(m.kvCacheBytes, "bytes")})`,
        key: "memory-per-device",
        value: m.perDeviceBytes,
        ...w("memory"),
      },
    ]),
  );
  const perMillion = card(
    "Per million output tokens",
    facts([
      {
        label: "cost",
        text:
          p.dollarsPerMillionTokens === null
            ? "no price in the catalog"
            : fmt(p.dollarsPerMillionTokens, "dollars"),
        key: "dollars-per-million",
        value: p.dollarsPerMillionTokens,
        ...w("dollars"),
      },
      {
        label: "device-hours",
        text: fmt((p.devices * 1e6) / p.tokensPerSecond / 3600, "count"),
        key: "device-hours-per-million",
        value: (p.devices * 1e6) / p.tokensPerSecond / 3600,
        ...w("device-hours"),
      },
      {
        label: "energy",
        text: `${fmt(p.kWhPerMillionTokens, "count")} kWh (PUE ${o.pue})`,
        key: "kwh-per-million",
        value: p.kWhPerMillionTokens,
        ...w("kwh"),
      },
      {
        label: "CO2",
        text: `${fmt(p.kgCO2PerMillionTokens, "count")} kg (${p.region})`,
        key: "co2-per-million",
        value: p.kgCO2PerMillionTokens,
        ...w("co2"),
      },
    ]),
  );
  const targets = [
    o.ttftSeconds !== undefined ? `TTFT ≤ ${ms(o.ttftSeconds)}` : "",
    o.tpotSeconds !== undefined ? `TPOT ≤ ${ms(o.tpotSeconds)}` : "",
  ]
    .filter(Boolean)
    .join(" and ");
  const figures = h(
    "div",
    { class: "charts" },
    charts.figure(
      throughputLatencyChart(
        {
          id: "throughput-latency",
          title: "Throughput against latency",
          caption: `One point per batch size (the best layout at that batch): output tokens/s per device against the speed one user sees. Filled points meet ${targets || "the targets (none set)"}; the chosen point is red${o.tpotSeconds !== undefined ? "; the dashed rule is the TPOT target" : ""}. Hover a point for its batch, layout and latencies.`,
        },
        { curve: p.curve, chosenBatch: p.batch, tpotSeconds: o.tpotSeconds },
      ),
    ),
    charts.figure(
      latencyChart(
        {
          id: "latency-batch",
          title: "Latency against batch",
          caption: `Time to first token and time per output token of the best layout at each batch${targets ? `, the targets (${targets}) as dashed rules` : ""}, and the chosen batch.`,
        },
        { curve: p.curve, chosenBatch: p.batch, ttftSeconds: o.ttftSeconds, tpotSeconds: o.tpotSeconds },
      ),
    ),
    charts.figure(
      barsChart(
        {
          id: "serving-memory",
          title: "Memory per device",
          caption: "What one device of the chosen layout holds, against what serving may fill (dashed).",
        },
        {
          parts: [
            { name: "weights", value: m.weightsBytes },
            { name: "KV cache", value: m.kvCacheBytes },
            { name: "workspace", value: m.workspaceBytes },
          ],
          label: "memory per device",
          kind: "bytes",
          limit: { value: m.capacityBytes, label: `usable ${fmt(m.capacityBytes, "bytes")}` },
        },
      ),
    ),
  );
  const curve = table(
    ["batch", "layout", "TTFT", "TPOT", "tokens/s per user", "tokens/s per device", "meets targets"],
    p.curve.map((c) => [
      { text: String(c.batch), value: c.batch },
      `tp=${c.layout.tp} pp=${c.layout.pp}`,
      numCell(c.ttftSeconds, undefined, ms(c.ttftSeconds)),
      numCell(c.tpotSeconds, undefined, ms(c.tpotSeconds)),
      numCell(c.userTokensPerSecond, undefined, fmt(c.userTokensPerSecond, "count")),
      numCell(c.tokensPerSecondPerDevice, `curve-${c.batch}`, fmt(c.tokensPerSecondPerDevice, "count")),
      c.meetsTargets ? "yes" : "no",
    ]),
    "Throughput-latency curve (best layout per batch)",
  );
  return [
    tiles,
    h("div", { class: "two" }, chosen, perMillion),
    ...p.warnings.map((x) => message("warning", `warning: ${x}`)),
    figures,
    curve,
  ];
}
