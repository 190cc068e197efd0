/** The Fine-tune page's results: parameters, memory, FLOP per token, checkpoint, step, days and dollars. */
import type { Accelerator } from "../../../src/hardware/accelerator.js";
import type { FinetunePlan } from "../../../src/plan/finetunePlan.js";
import type { Explanation } from "../../../src/report/explain.js";
import { finetuneExplanations } from "../../../src/report/explainServing.js";
import { barsChart } from "../../../src/report/plots.js";
import type { ChartSet } from "../charts.js";
import { fmt, num, pct } from "../fmt.js";
import { card, facts, type Fact, h, plural } from "../ui.js";

const tile = (label: string, value: string, key: string, exact: number | null) =>
  h(
    "div",
    { class: "tile" },
    h("span", { class: "tile-label" }, label),
    h("span", { class: "tile-value", "data-key": `tile-${key}`, "data-value": exact ?? undefined }, value),
  );

const METHOD_NAMES = { full: "full fine-tuning", lora: "LoRA", qlora: "QLoRA" } as const;

/** Everything the page shows for a fine-tuning plan (`tokens`: the run's length, when given). */
export function finetuneView(
  name: string,
  p: FinetunePlan,
  o: { accelerator: Accelerator; pue: number; region: string; tokens?: number | undefined },
  charts: ChartSet,
): HTMLElement[] {
  const why = finetuneExplanations(p, o);
  const w = (k: string): { why?: Explanation } => (why[k] ? { why: why[k] } : {});
  const m = p.memory;
  const r = m.replica;
  const share = p.params.trainable / p.params.total;
  const tiles = h(
    "div",
    { class: "tiles" },
    tile(
      "trainable params",
      `${fmt(p.params.trainable, "count")} (${pct(share)})`,
      "trainable",
      p.params.trainable,
    ),
    tile("memory per device", fmt(m.perDeviceBytes, "bytes"), "memory", m.perDeviceBytes),
    tile("FLOP per token", num(p.step.flopsPerToken, 3), "flops-per-token", p.step.flopsPerToken),
    tile("checkpoint", fmt(p.checkpointBytes, "bytes"), "checkpoint", p.checkpointBytes),
    ...(p.train
      ? [
          tile("time", fmt(86400 * p.train.days, "seconds"), "days", p.train.days),
          tile(
            "cost",
            p.cost?.dollars == null ? "no price" : fmt(p.cost.dollars, "dollars"),
            "dollars",
            p.cost?.dollars ?? null,
          ),
        ]
      : []),
  );
  const lora = p.lora ? `, rank ${p.lora.rank} on ${p.lora.targets.join(", ")}` : "";
  const items: Fact[] = [
    {
      label: "method",
      text: `${METHOD_NAMES[p.method]}${lora} on ${plural(p.devices, "device")} × ${p.hardware}`,
      key: "method",
    },
    {
      label: "trainable parameters",
      text: `${fmt(p.params.trainable, "count")} of ${fmt(p.params.total, "count")} (${pct(share)})`,
      key: "params-trainable",
      value: p.params.trainable,
      ...w("trainable"),
    },
    {
      label: "total parameters",
      text: fmt(p.params.total, "count"),
      key: "params-total",
      value: p.params.total,
    },
    {
      label: "memory per device",
      text: `${fmt(m.perDeviceBytes, "bytes")} of ${fmt(m.capacityBytes, "bytes")} (${p.sharding === "fsdp" ? "sharded over the devices" : "one replica per device"}${p.pagedOptimizerBytes > 0 ? `, ${fmt(p.pagedOptimizerBytes, "bytes")} of optimizer state paged to the host` : ""})`,
      key: "memory-per-device",
      value: m.perDeviceBytes,
      ...w("memory"),
    },
    {
      label: "memory, all devices",
      text: fmt(m.totalBytes, "bytes"),
      key: "memory-total",
      value: m.totalBytes,
    },
    {
      label: "FLOP per token",
      text: `${num(p.step.flopsPerToken, 3)} (with recompute ${num(p.step.hardwareFlopsPerToken, 3)})`,
      key: "flops-per-token",
      value: p.step.flopsPerToken,
      ...w("flops-per-token"),
    },
    {
      label: "checkpoint",
      text: fmt(p.checkpointBytes, "bytes"),
      key: "checkpoint",
      value: p.checkpointBytes,
      ...w("checkpoint"),
    },
    {
      label: "step",
      text: `${fmt(p.step.seconds, "seconds")} for ${fmt(p.step.tokensPerMicroBatch, "count")} tokens per device, MFU ${pct(p.step.mfu)}`,
      key: "step-seconds",
      value: p.step.seconds,
      ...w("step"),
    },
    {
      label: "tokens per second",
      text: fmt(p.step.tokensPerSecond, "count"),
      key: "tokens-per-second",
      value: p.step.tokensPerSecond,
    },
  ];
  const run: Fact[] = p.train
    ? [
        {
          label: "time",
          text: fmt(86400 * p.train.days, "seconds"),
          key: "days",
          value: p.train.days,
          ...w("days"),
        },
        {
          label: "goodput",
          text: `${(100 * p.train.goodput).toFixed(2)}% of the wall time trains`,
          key: "goodput",
          value: p.train.goodput,
          ...w("goodput"),
        },
        {
          label: "device-hours",
          text: fmt(p.train.deviceHours, "count"),
          key: "device-hours",
          value: p.train.deviceHours,
          ...w("device-hours"),
        },
        {
          label: "cost",
          text: p.cost?.dollars == null ? "no price in the catalog" : fmt(p.cost.dollars, "dollars"),
          key: "dollars",
          value: p.cost?.dollars ?? null,
          ...w("dollars"),
        },
        {
          label: "energy",
          text: `${fmt(p.energy!.kWh, "count")} kWh (PUE ${o.pue})`,
          key: "kwh",
          value: p.energy!.kWh,
          ...w("kwh"),
        },
        {
          label: "CO2",
          text: `${fmt(p.co2!.kg, "count")} kg (${o.region})`,
          key: "co2",
          value: p.co2!.kg,
          ...w("co2"),
        },
      ]
    : [];
  const b = p.step.breakdown;
  return [
    tiles,
    h(
      "div",
      { class: "two" },
      card(`Fine-tuning ${name}`, facts(items)),
      p.train
        ? card(`A run of ${fmt(o.tokens!, "count")} tokens`, facts(run))
        : card("A run", h("p", { class: "note" }, "Give the tokens to fine-tune on for days and dollars.")),
    ),
    h(
      "div",
      { class: "charts" },
      charts.figure(
        barsChart(
          {
            id: "finetune-memory",
            title: "Memory of one replica",
            caption: `What one copy of the model holds while fine-tuning, against what a device may fill (dashed); ${p.sharding === "fsdp" ? "the weights, gradients and optimizer state are sharded over the devices, so a device holds less" : p.pagedOptimizerBytes > 0 ? "the optimizer state is paged to host memory" : "each device holds one replica"}.`,
          },
          {
            parts: [
              { name: "frozen weights", value: r.frozenWeights },
              { name: "trainable weights", value: r.trainableWeights },
              { name: "gradients", value: r.gradients },
              { name: "optimizer", value: r.optimizer },
              { name: "activations", value: r.activations },
              { name: "buffers", value: r.buffers },
            ],
            label: "memory",
            kind: "bytes",
            limit: { value: m.capacityBytes, label: `usable ${fmt(m.capacityBytes, "bytes")}` },
          },
        ),
      ),
      charts.figure(
        barsChart(
          {
            id: "finetune-step",
            title: "Where a step's time goes",
            caption: `Seconds per step of one micro-batch per device (${fmt(p.step.seconds, "seconds")} in all).`,
          },
          {
            parts: [
              { name: "GEMMs", value: b.gemm },
              { name: "memory-bound ops", value: b.memoryBound },
              { name: "adapter GEMMs", value: b.adapters },
              { name: "dequantisation", value: b.dequantization },
              { name: "exposed communication", value: b.exposedCommunication },
              { name: "optimizer", value: b.optimizer },
              { name: "paging", value: b.paging },
            ].filter((x) => x.value > 0),
            label: "time per step",
            kind: "seconds",
          },
        ),
      ),
    ),
  ];
}
