/** The Workload page's results: one training step's parameters, FLOP, bytes and memory, and where they go. */
import { barsChart } from "../../../src/report/plots.js";
import { WORKLOAD_EXPLANATIONS as WHY } from "../../../src/report/explain.js";
import type { StepCost } from "../../../src/workload/stepCost.js";
import type { ChartSet } from "../charts.js";
import { fmt, num, numCell } from "../fmt.js";
import { card, facts, h, plural, table } from "../ui.js";

/** How the sequence came about: entered, or the model's own default. */
export function sequenceText(
  s: { execution: { seq: number }; forward: { unit: StepCost["forward"]["unit"] } },
  entered: boolean,
): string {
  if (s.forward.unit !== "token") return "one sample (not a sequence model)";
  return `${plural(s.execution.seq, "token")} per sample (${entered ? "entered" : "the model's default"})`;
}

/** Facts, tables and charts of a training step. */
export function stepView(
  name: string,
  s: Omit<StepCost, "layers">,
  seqEntered: boolean,
  charts: ChartSet,
): HTMLElement[] {
  const m = s.memory;
  const memParts = (["weights", "gradients", "optimizer", "activations", "buffers"] as const).map((k) => ({
    name: k,
    value: m[k],
  }));
  const w = (k: string) => (WHY[k] ? { why: WHY[k] } : {});
  return [
    h(
      "div",
      { class: "tiles" },
      ...[
        ["parameters", fmt(s.params.total, "count")],
        ["step FLOP", fmt(s.step.flops, "flop")],
        ["memory", fmt(m.total, "bytes")],
        ["sequence", s.forward.unit === "token" ? `${s.execution.seq} tokens` : "-"],
      ].map(([label, value]) =>
        h(
          "div",
          { class: "tile" },
          h("span", { class: "tile-label" }, label!),
          h("span", { class: "tile-value" }, value!),
        ),
      ),
    ),
    card(
      "Step",
      facts([
        { label: "model", text: `${name} (${s.family})`, key: "model" },
        { label: "batch", text: plural(s.execution.batch, "sample"), key: "batch", value: s.execution.batch },
        { label: "sequence", text: sequenceText(s, seqEntered), key: "seq", value: s.execution.seq },
        { label: "parameters", text: num(s.params.total), key: "params-total", value: s.params.total },
        {
          label: "non-embedding",
          text: num(s.params.nonEmbedding),
          key: "params-non-embedding",
          value: s.params.nonEmbedding,
        },
        { label: "active", text: num(s.params.active), key: "params-active", value: s.params.active },
        {
          label: `forward FLOP per ${s.forward.unit}`,
          text: num(s.forward.flopsPerSample),
          key: "forward-flops",
          value: s.forward.flopsPerSample,
        },
        {
          label: "step model FLOP",
          text: num(s.step.flops),
          key: "step-flops",
          value: s.step.flops,
          ...w("step-flops"),
        },
        {
          label: "step hardware FLOP",
          text: num(s.step.hardwareFlops),
          key: "step-hardware-flops",
          value: s.step.hardwareFlops,
          ...w("step-hardware-flops"),
        },
        {
          label: "bytes accessed",
          text: num(s.step.bytesAccessed),
          key: "step-bytes",
          value: s.step.bytesAccessed,
          ...w("step-bytes"),
        },
        {
          label: "intensity (FLOP/byte)",
          text: num(s.step.operationalIntensity),
          key: "intensity",
          value: s.step.operationalIntensity,
          ...w("intensity"),
        },
        {
          label: "optimizer",
          text: `${num(s.optimizer.flops)} FLOP, ${num(s.optimizer.bytesAccessed)} bytes, ${s.optimizer.stateBytesPerParam} bytes of state per parameter`,
          key: "optimizer",
        },
      ]),
    ),
    table(
      ["memory", "bytes", ""],
      [...memParts, { name: "total", value: m.total }].map((p) => [
        p.name === "total" ? { text: "total", ...w("memory-total") } : p.name,
        numCell(p.value, `memory-${p.name}`),
        fmt(p.value, "bytes"),
      ]),
      "Memory footprint of one device",
    ),
    h(
      "div",
      { class: "charts" },
      charts.figure(
        barsChart(
          {
            id: "memory",
            title: "Memory by part",
            caption: "What one device holds for this step (no parallelism).",
          },
          { parts: memParts, label: "memory per device", kind: "bytes" },
        ),
      ),
      charts.figure(
        barsChart(
          {
            id: "flops-by-op",
            title: "FLOP by kind of operation",
            caption: "Forward + backward FLOP of one step, by kind of operation.",
          },
          {
            parts: s.byOp.map((o) => ({ name: o.kind, value: o.forwardFlops + o.backwardFlops })),
            label: "FLOP per step",
            kind: "plain",
          },
        ),
      ),
    ),
    table(
      ["op kind", "forward FLOP", "backward FLOP", "bytes"],
      s.byOp.map((o) => [
        o.kind,
        numCell(o.forwardFlops),
        numCell(o.backwardFlops),
        numCell(o.bytesAccessed),
      ]),
      "By kind of operation",
    ),
    byLayer(s),
  ];
}

/** The per-layer table, built when first opened (hundreds of rows nobody may look at). */
function byLayer(s: Omit<StepCost, "layers">): HTMLElement {
  const details = h("details", {}, h("summary", {}, `By layer (${plural(s.byLayer.length, "layer")})`));
  details.addEventListener(
    "toggle",
    () =>
      details.append(
        table(
          ["layer", "kind", "params", "forward FLOP", "step FLOP", "bytes", "activations"],
          s.byLayer.map((l) => [
            l.name,
            l.kind,
            numCell(l.params),
            numCell(l.forwardFlops),
            numCell(l.flops),
            numCell(l.bytesAccessed),
            fmt(l.activations, "bytes"),
          ]),
        ),
      ),
    { once: true },
  );
  return details;
}
