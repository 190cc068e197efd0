/** The Plan page's results for the chosen layout: facts, where time and memory go, and the run's cost. */
import type { TimedLayout } from "../../../src/parallel/evaluateLayout.js";
import { formatLayout } from "../../../src/parallel/layout.js";
import { checkpointBytesOf, layoutRunCost } from "../../../src/plan/layoutRunCost.js";
import type { SearchJob } from "../../../src/parallel/searchLayouts.js";
import type { System } from "../../../src/parallel/systemSchema.js";
import { costExplanations, GOODPUT_SOURCE, stepExplanations } from "../../../src/report/explain.js";
import { barsChart } from "../../../src/report/plots.js";
import type { ChartSet } from "../charts.js";
import { fmt, pct } from "../fmt.js";
import { card, facts, h, plural } from "../ui.js";
import { stepTimeErrorBand } from "../../../src/validation/stepTimeError.js";
import { calibrationNote } from "../../../src/parallel/calibrationNote.js";

/** Views of the best (or given) layout; the run's cost when tokens to train are given. */
export function layoutView(
  t: TimedLayout,
  job: SearchJob,
  units: number | undefined,
  region: string,
  pue: number | undefined,
  charts: ChartSet,
) {
  const acc = job.accelerator;
  const b = t.step.breakdown;
  const cost =
    units !== undefined
      ? layoutRunCost({
          units,
          unitsPerSecond: t.tokensPerSecond,
          devices: t.devices,
          checkpointBytes: checkpointBytesOf(job.profile),
          tdpWatts: acc.tdpWatts,
          dollarsPerHour: acc.price?.dollarsPerHour,
          region,
          ...(pue !== undefined ? { pue } : {}),
        })
      : undefined;
  const m = t.memory;
  const unit = job.profile.unit;
  // the step-time model's own error on this hardware, as plan prints it
  const band = stepTimeErrorBand(acc);
  const why = {
    ...stepExplanations(acc),
    ...(cost
      ? costExplanations({
          accelerator: acc,
          devices: t.devices,
          units: units!,
          unitName: `${unit}s to train`,
          unitsPerSecond: t.tokensPerSecond,
          pue: cost.energy.pue,
          region,
          goodputFraction: cost.goodput.fraction,
        })
      : {}),
  };
  const w = (k: string) => (why[k as keyof typeof why] ? { why: why[k as keyof typeof why] } : {});
  const tiles = h(
    "div",
    { class: "tiles" },
    ...[
      ["step time", fmt(t.step.seconds, "seconds")],
      [`${unit}s per second`, fmt(t.tokensPerSecond, "count")],
      ["MFU", pct(t.mfu)],
      ["memory per device", `${fmt(m.perDeviceBytes, "bytes")}`],
      ...(cost
        ? [
            ["training time", fmt(cost.train.seconds, "seconds")],
            ["cost", cost.cost.dollars === null ? "no price" : fmt(cost.cost.dollars, "dollars")],
          ]
        : []),
    ].map(([label, value]) =>
      h(
        "div",
        { class: "tile" },
        h("span", { class: "tile-label" }, label!),
        h("span", { class: "tile-value" }, value!),
      ),
    ),
  );
  const layoutFacts = facts([
    {
      label: "layout",
      text: `${formatLayout(t.layout).replaceAll(",", ", ")} (${plural(t.microbatches, "micro-batch", "micro-batches")} per step)`,
      key: "layout",
    },
    {
      label: "devices",
      text: `${plural(t.devices, "device")} × ${acc.name}`,
      key: "devices",
      value: t.devices,
    },
    ...(job.system ? [{ label: "system", text: systemText(job.system), key: "system" }] : []),
    {
      label: "step time",
      text: fmt(t.step.seconds, "seconds"),
      key: "step-seconds",
      value: t.step.seconds,
      ...w("step-seconds"),
    },
    {
      label: "model's error",
      text: `measured steps took ×${band.measuredOverPredicted95[0].toFixed(2)} to ×${band.measuredOverPredicted95[1].toFixed(2)} the model's: ${fmt(band.measuredOverPredicted95[0] * t.step.seconds, "seconds")} to ${fmt(band.measuredOverPredicted95[1] * t.step.seconds, "seconds")}${job.system ? calibrationNote(job.system) : ""}`,
      key: "step-seconds-95",
      value: band.measuredOverPredicted95[1] * t.step.seconds,
      why: {
        formula: "2.5% and 97.5% quantiles of measured / predicted step time, times this step",
        source: `${band.runs} ${band.label} (scalecast validate; src/validation/stepTimeResiduals.json)`,
      },
    },
    {
      label: `${unit}s per second`,
      text: fmt(t.tokensPerSecond, "count"),
      key: "tokens-per-second",
      value: t.tokensPerSecond,
    },
    { label: "MFU", text: pct(t.mfu), key: "mfu", value: t.mfu, ...w("mfu") },
    { label: "HFU", text: pct(t.hfu), key: "hfu", value: t.hfu, ...w("hfu") },
    {
      label: "memory per device",
      text: `${fmt(m.perDeviceBytes, "bytes")} of ${fmt(m.capacityBytes, "bytes")}`,
      key: "memory-per-device",
      value: m.perDeviceBytes,
      ...w("memory"),
    },
  ]);
  const views: HTMLElement[] = [tiles, card("Chosen layout", layoutFacts)];
  if (cost)
    views.push(
      card(
        `Training on ${fmt(units!, "count")} ${unit}s`,
        facts([
          {
            label: "training time",
            text: fmt(cost.train.seconds, "seconds"),
            key: "train-seconds",
            value: cost.train.seconds,
            ...w("days"),
          },
          {
            label: "goodput",
            text: `${pct(cost.goodput.fraction)} of the wall time trains (${fmt(cost.train.productiveSeconds, "seconds")} of steps)`,
            key: "goodput",
            value: cost.goodput.fraction,
            why: {
              formula: `failures and restarts +${pct(cost.goodput.overhead.failures)}, checkpoint writes +${pct(cost.goodput.overhead.checkpoints)} of the step time; an interrupt every ${fmt(cost.goodput.mtbfSeconds, "seconds")} on ${t.devices} devices`,
              source: `${GOODPUT_SOURCE}; checkpoints of weights and optimizer state; the Forecast page takes overrides`,
            },
          },
          {
            label: "device-hours",
            text: fmt(cost.train.deviceHours, "count"),
            key: "device-hours",
            value: cost.train.deviceHours,
            ...w("device-hours"),
          },
          {
            label: "cost",
            text: cost.cost.dollars === null ? "no price in the catalog" : fmt(cost.cost.dollars, "dollars"),
            key: "dollars",
            value: cost.cost.dollars,
            ...w("dollars"),
          },
          {
            label: "energy",
            text: `${fmt(cost.energy.kWh, "count")} kWh (PUE ${cost.energy.pue})`,
            key: "kwh",
            value: cost.energy.kWh,
            ...w("kwh"),
          },
          {
            label: "CO2",
            text: `${fmt(cost.co2.kg, "count")} kg (${region})`,
            key: "co2",
            value: cost.co2.kg,
            ...w("co2"),
          },
        ]),
      ),
    );
  views.push(
    h(
      "div",
      { class: "charts" },
      charts.figure(
        barsChart(
          {
            id: "breakdown",
            title: "Where a step's time goes",
            caption: `Time per training step on the chosen layout, by part (${fmt(t.step.seconds, "seconds")} in all).`,
          },
          {
            parts: Object.entries(b).map(([name, value]) => ({ name, value })),
            label: "time per step",
            kind: "seconds",
          },
        ),
      ),
      charts.figure(
        barsChart(
          {
            id: "memory",
            title: "Memory per device",
            caption:
              "What one device holds on the chosen layout, and the runtime reserve the model may not use (CUDA context, communicators, fragmentation), against its memory (dashed).",
          },
          {
            parts: [
              ...(["weights", "gradients", "optimizer", "activations", "buffers"] as const).map((k) => ({
                name: k,
                value: m[k],
              })),
              { name: "runtime reserve", value: m.reserve },
            ],
            label: "memory per device",
            kind: "bytes",
            limit: { value: m.capacityBytes, label: `device memory ${fmt(m.capacityBytes, "bytes")}` },
          },
        ),
      ),
    ),
  );
  return { views, cost };
}

/** A system in words: its name, framework profile, memory reserve and calibration (when calibrated). */
export function systemText(s: System): string {
  const r = s.memoryReserve;
  const reserve =
    r.perCommunicatorBytes === 0 && r.fraction === 0
      ? `${fmt(r.fixedBytes, "bytes")} reserved`
      : `reserve ${fmt(r.fixedBytes, "bytes")} + ${fmt(r.perCommunicatorBytes, "bytes")} per communicator + ${pct(r.fraction)}`;
  const c = s.calibration;
  const calibrated = c
    ? `; calibrated on ${c.kept} of ${c.runs} runs (${c.fitted.join(", ")}): RMS error ${c.rmsPctBefore.toFixed(1)}% → ${c.rmsPctAfter.toFixed(1)}%`
    : "";
  return `${s.name} (${s.framework.name}); ${reserve}${calibrated}`;
}
