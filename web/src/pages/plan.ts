import { ACCELERATORS, accelerator } from "../../../src/hardware/catalog.js";
import { GRID_REGIONS } from "../../../src/hardware/grid.js";
import type { TimedLayout } from "../../../src/parallel/evaluateLayout.js";
import { formatLayout } from "../../../src/parallel/layout.js";
import { OBJECTIVES, type Objective } from "../../../src/parallel/objective.js";
import { runCost } from "../../../src/plan/runCost.js";
import type { SearchJob } from "../../../src/parallel/searchLayouts.js";
import { stepProfile } from "../../../src/parallel/stepProfile.js";
import { breakdownPlot } from "../../../src/report/plots.js";
import { formatBytes } from "../../../src/units/formatBytes.js";
import { formatDuration } from "../../../src/units/formatDuration.js";
import { parseCount } from "../../../src/units/parseCount.js";
import { PRECISIONS, type Precision } from "../../../src/workload/precision.js";
import { MODEL_PRESETS } from "../../../src/workload/presets/index.js";
import { barChart } from "../charts.js";
import { downloadButtons, reportHtml } from "../download.js";
import { num, numCell, pct } from "../fmt.js";
import { Cancelled, jobPanel } from "../jobs.js";
import { type PageDef, pageFrame } from "../page.js";
import { formValues, param } from "../state.js";
import { facts, field, figure, h, input, select, table } from "../ui.js";
import { modelFrom } from "./workload.js";

/**
 * The search job of {@link bestLayout} (src/plan/bestLayout.ts) for the page's inputs, so the page's
 * chunked search in the worker gives the same result as the core's one call.
 */
export function planJob(o: {
  spec: Parameters<typeof stepProfile>[0];
  hardware: string;
  precision: Precision;
  seq?: number;
  globalBatch: number;
  devices?: number;
  maxDevices?: number;
  objective: Objective;
  units?: number;
}): SearchJob {
  const acc = accelerator(o.hardware);
  const profile = stepProfile(o.spec, {
    precision: o.precision,
    ...(o.seq !== undefined ? { seq: o.seq } : {}),
  });
  const price = acc.price?.dollarsPerHour;
  return {
    profile,
    accelerator: acc,
    precision: o.precision,
    space: {
      ...(o.devices !== undefined ? { devices: o.devices } : { maxDevices: o.maxDevices ?? 1 }),
      globalBatch: o.globalBatch,
    },
    evaluate: { attention: "flash" },
    objective: {
      objective: o.objective,
      ...(o.units !== undefined ? { units: o.units } : {}),
      ...(price !== undefined ? { dollarsPerHour: price } : {}),
    },
    top: 5,
  };
}

function layoutView(
  t: TimedLayout,
  job: SearchJob,
  units: number | undefined,
  region: string,
  pue: number | undefined,
) {
  const acc = job.accelerator;
  const b = t.step.breakdown;
  const cost =
    units !== undefined
      ? runCost({
          units,
          unitsPerSecond: t.tokensPerSecond,
          devices: t.devices,
          tdpWatts: acc.tdpWatts,
          dollarsPerHour: acc.price?.dollarsPerHour,
          region,
          ...(pue !== undefined ? { pue } : {}),
        })
      : undefined;
  const m = t.memory;
  const views = [
    facts([
      { label: "layout", text: `${formatLayout(t.layout)} (${t.microbatches} micro-batches)`, key: "layout" },
      { label: "devices", text: String(t.devices), key: "devices", value: t.devices },
      {
        label: "step time",
        text: formatDuration(t.step.seconds),
        key: "step-seconds",
        value: t.step.seconds,
      },
      {
        label: `${job.profile.unit}s per second`,
        text: num(t.tokensPerSecond),
        key: "tokens-per-second",
        value: t.tokensPerSecond,
      },
      { label: "MFU", text: pct(t.mfu), key: "mfu", value: t.mfu },
      { label: "HFU", text: pct(t.hfu), key: "hfu", value: t.hfu },
      {
        label: "memory per device",
        text: `${formatBytes(m.perDeviceBytes)} of ${formatBytes(m.capacityBytes)}`,
        key: "memory-per-device",
        value: m.perDeviceBytes,
      },
    ]),
    figure(
      breakdownPlot({
        parts: [
          { name: "compute", seconds: b.compute },
          { name: "memory-bound", seconds: b.memoryBound },
          { name: "exposed communication", seconds: b.exposedCommunication },
          { name: "pipeline bubble", seconds: b.bubble },
          { name: "optimizer", seconds: b.optimizer },
        ],
        document,
      }),
      "Where a step's time goes",
    ),
    figure(
      barChart(
        (["weights", "gradients", "optimizer", "activations", "buffers"] as const).map((k) => ({
          name: k,
          value: m[k] / 2 ** 30,
        })),
        "GiB per device",
      ),
      "Memory per device",
    ),
  ];
  if (cost)
    views.push(
      facts([
        {
          label: "training time",
          text: formatDuration(cost.train.seconds),
          key: "train-seconds",
          value: cost.train.seconds,
        },
        {
          label: "device-hours",
          text: num(cost.train.deviceHours),
          key: "device-hours",
          value: cost.train.deviceHours,
        },
        {
          label: "cost",
          text: cost.cost.dollars === null ? "no price in the catalog" : `$${num(cost.cost.dollars)}`,
          key: "dollars",
          value: cost.cost.dollars,
        },
        {
          label: "energy",
          text: `${num(cost.energy.kWh)} kWh (PUE ${cost.energy.pue})`,
          key: "kwh",
          value: cost.energy.kWh,
        },
        { label: "CO2", text: `${num(cost.co2.kg)} kg (${region})`, key: "co2", value: cost.co2.kg },
      ]),
    );
  return { views, cost };
}

function mount(root: HTMLElement): void {
  const frame = pageFrame(
    "plan",
    "Plan",
    "A workload on hardware: the best layouts, the step-time breakdown, memory per device, MFU, cost and CO2.",
  );
  const source = select(
    "source",
    [
      ["preset", "a preset"],
      ["json", "a spec or config.json"],
    ],
    param("source", "preset"),
  );
  const json = h("textarea", { name: "json", id: "in-json", rows: 4, spellcheck: "false" });
  json.value = param("json", "");
  const presetBox = field(
    "Preset",
    select(
      "preset",
      MODEL_PRESETS.map((p) => p.name),
      param("preset", "llama2-7b"),
    ),
  );
  const jsonBox = field("Spec or config.json (JSON)", json);
  const job = jobPanel("layout search");
  frame.form.append(
    h("div", { class: "row" }, field("Model from", source), presetBox),
    jsonBox,
    h(
      "div",
      { class: "row" },
      field(
        "Hardware",
        select(
          "hardware",
          ACCELERATORS.map((a) => a.name),
          param("hardware", "h100-sxm"),
        ),
      ),
      field(
        "Device count",
        select(
          "count",
          [
            ["exactly", "exactly"],
            ["up-to", "up to"],
          ],
          param("count", "exactly"),
        ),
      ),
      field("Devices", input("devices", param("devices", "64"), { inputmode: "numeric" })),
      field("Global batch (samples)", input("batch", param("batch", "512"), { inputmode: "numeric" })),
      field("Sequence (tokens)", input("seq", param("seq", ""), { inputmode: "numeric" })),
      field("Precision", select("precision", PRECISIONS, param("precision", "bf16"))),
    ),
    h(
      "div",
      { class: "row" },
      field("Objective", select("objective", OBJECTIVES, param("objective", "throughput"))),
      field("Tokens to train (e.g. 2T)", input("tokens", param("tokens", "2T"))),
      field("Grid region", select("region", GRID_REGIONS, param("region", "world"))),
      field("PUE", input("pue", param("pue", ""), { inputmode: "decimal", placeholder: "1.1" })),
    ),
    job.el,
  );
  root.append(frame.section);

  async function update(): Promise<void> {
    const f = formValues(frame.form);
    presetBox.hidden = f.source !== "preset";
    jsonBox.hidden = f.source !== "json";
    frame.begin();
    try {
      const model = modelFrom(f.source!, f.preset!, f.json!);
      const count = parseCount(f.devices!, "devices");
      const units = f.tokens ? parseCount(f.tokens, "tokens") : undefined;
      const pj = planJob({
        spec: model.spec,
        hardware: f.hardware!,
        precision: f.precision as Precision,
        ...(f.seq ? { seq: parseCount(f.seq, "seq") } : {}),
        globalBatch: parseCount(f.batch!, "global batch"),
        ...(f.count === "up-to" ? { maxDevices: count } : { devices: count }),
        objective: f.objective as Objective,
        ...(units !== undefined ? { units } : {}),
      });
      const found = await job.run("search", pj);
      const best = found.top[0];
      if (!best)
        return frame.fail(
          `no layout of ${model.name} fits ${pj.accelerator.name} (${found.pruned} rejected for memory or divisibility)`,
        );
      const { views, cost } = layoutView(best, pj, units, f.region!, f.pue ? Number(f.pue) : undefined);
      const top = table(
        ["#", "layout", "step s", "tokens/s", "MFU", "memory"],
        found.top.map((t, i) => [
          String(i + 1),
          formatLayout(t.layout),
          numCell(t.step.seconds),
          numCell(t.tokensPerSecond),
          pct(t.mfu),
          formatBytes(t.memory.perDeviceBytes),
        ]),
        `Best layouts (${found.evaluated} timed, ${found.pruned} pruned)`,
      );
      const results = h("div", {}, ...views, top);
      const out = {
        model: model.name,
        hardware: pj.accelerator.name,
        best,
        top: found.top,
        search: { evaluated: found.evaluated, pruned: found.pruned },
        ...(cost ? { cost } : {}),
      };
      frame.done(
        results,
        downloadButtons(
          "scalecast-plan",
          () => out,
          () => reportHtml(`scalecast plan: ${model.name}`, results, f),
        ),
      );
    } catch (e) {
      if (e instanceof Cancelled && e.superseded) return;
      if (e instanceof Cancelled) return frame.fail("cancelled: change an input to search again");
      frame.fail(e);
    }
  }
  frame.form.addEventListener("change", () => void update());
  void update();
}

/** The Plan page. */
export const planPage: PageDef = { id: "plan", title: "Plan", mount };
