import type { Accelerator } from "../../hardware/accelerator.js";
import type { TimedLayout } from "../../parallel/evaluateLayout.js";
import { formatLayout } from "../../parallel/layout.js";
import { memoryFill } from "../../parallel/objective.js";
import type { System } from "../../parallel/systemSchema.js";
import type { Goodput } from "../../plan/goodput.js";
import type { LayoutRunCost } from "../../plan/layoutRunCost.js";
import { formatBytes } from "../../units/formatBytes.js";
import { formatDuration } from "../../units/formatDuration.js";
import { renderTable, sig } from "../table.js";
import { calibrationNote } from "../../parallel/calibrationNote.js";

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** One line: how much of the wall time trains, and what the rest goes to (the `plan` goodput line). */
export function formatGoodput(g: Goodput, productiveSeconds: number): string {
  if (!g.enabled) return "off (--no-goodput): every second is a training step";
  const o = g.overhead;
  const parts = [
    `failures and restarts +${pct(o.failures)}`,
    `checkpoint writes +${pct(o.checkpoints)}`,
    ...(o.evaluation > 0 ? [`evaluation +${pct(o.evaluation)}`] : []),
  ];
  const every = Number.isFinite(g.mtbfSeconds) ? `, an interrupt every ${formatDuration(g.mtbfSeconds)}` : "";
  return `${pct(g.fraction)} of the wall time trains (${formatDuration(productiveSeconds)} of steps); ${parts.join(", ")}${every} (forecast's goodput model; --no-goodput for steps only)`;
}

/** What `plan` prints for a layout: the numbers of its JSON, as text. */
export interface PlanText {
  modelName: string;
  accelerator: Accelerator;
  system: System;
  frameworkGiven: boolean;
  systemGiven: boolean;
  precision: string;
  globalBatch: number;
  seq: number | undefined;
  /** "token" or "sample". */
  unit: string;
  result: TimedLayout;
  /** The reported layout: step seconds, throughput and utilisation after any simple step model. */
  main: { step: { seconds: number }; tokensPerSecond: number; mfu: number; hfu: number };
  /** The step-time model's 95% error band on this hardware, from the corpus's out-of-sample runs. */
  modelError: { label: string; runs: number; measuredOverPredicted95: readonly [number, number] };
  /** The run of `units` on the reported layout, when tokens to train are given. */
  run: LayoutRunCost | undefined;
  /** The simple step model used instead of the detailed one, and what bounds it. */
  simple: { stepModel: string; bound: string } | undefined;
  units: number | undefined;
  region: string;
  warnings: string[];
  search:
    | {
        counts: { evaluated: number; pruned: number; seconds: number };
        top: TimedLayout[];
        preference: string | undefined;
        why: string[];
      }
    | undefined;
}

/** `scalecast plan`'s text: the plan, its run when tokens are given, warnings, and the search's table. */
export function renderPlanText(o: PlanText): string {
  const { accelerator: acc, system, result, main } = o;
  // which stack the plan assumes, and why (issue 12: the default framework is stated)
  const frameworkNote = o.frameworkGiven
    ? `framework ${system.framework.name}`
    : o.systemGiven
      ? `framework ${system.framework.name}, from the system file`
      : `framework ${system.framework.name}, the default for ${acc.name}; --framework to change`;
  const b = result.step.breakdown;
  const m = result.memory;
  const lines = [
    `plan       ${o.modelName} on ${result.devices} × ${acc.name} (${frameworkNote}), ${o.precision}, global batch ${o.globalBatch}${o.seq ? `, seq ${o.seq}` : ""}`,
    `layout     ${formatLayout(result.layout)} (${result.microbatches} micro-batch${result.microbatches === 1 ? "" : "es"})`,
    `step       ${formatDuration(main.step.seconds)}${o.simple ? ` (${o.simple.stepModel} model, ${o.simple.bound}-bound)` : `: compute ${sig(b.compute)} s, memory-bound ${sig(b.memoryBound)} s, exposed comm ${sig(b.exposedCommunication)} s, bubble ${sig(b.bubble)} s, optimizer ${sig(b.optimizer)} s`}`,
    `throughput ${sig(main.tokensPerSecond)} ${o.unit}s/s, MFU ${(100 * main.mfu).toFixed(1)}%, HFU ${(100 * main.hfu).toFixed(1)}%`,
    `memory     ${formatBytes(m.perDeviceBytes)} of ${formatBytes(acc.memoryBytes)} per device (weights ${formatBytes(m.weights)}, grads ${formatBytes(m.gradients)}, optimizer ${formatBytes(m.optimizer)}, activations ${formatBytes(m.activations)}, runtime reserve ${formatBytes(m.reserve)}; ${(100 * memoryFill(result)).toFixed(0)}% of the usable memory)`,
    `links      intra-node busy ${sig(result.links.intraNode.busySeconds)} s, inter-node ${sig(result.links.interNode.busySeconds)} s per step`,
  ];
  const [lo, hi] = o.modelError.measuredOverPredicted95;
  const run = o.run;
  if (o.units !== undefined && run)
    lines.push(
      `train      ${sig(o.units)} ${o.unit}s in ${formatDuration(run.train.seconds)}, ${sig(run.train.deviceHours)} device-hours, ${run.cost.dollars === null ? "no price in the catalog" : `$${sig(run.cost.dollars)}`}`,
      `goodput    ${formatGoodput(run.goodput, run.train.productiveSeconds)}`,
      `energy     ${sig(run.energy.kWh)} kWh (${run.energy.powerModel}, PUE ${run.energy.pue}), ${sig(run.co2.kg)} kg CO2 (${o.region})`,
    );
  // the model's own error: what the step, and the run, took on real machines against this prediction
  lines.push(
    `model err  measured steps took ×${lo.toFixed(2)} to ×${hi.toFixed(2)} the model's (95% of ${o.modelError.runs} ${o.modelError.label}): step ${sig(lo * main.step.seconds)} to ${sig(hi * main.step.seconds)} s${run ? `, run ${formatDuration(lo * run.train.seconds)} to ${formatDuration(hi * run.train.seconds)}` : ""}${calibrationNote(system)}`,
  );
  for (const w of o.warnings) lines.push(`warning    ${w}`);
  if (o.search) {
    const { counts, top, preference, why } = o.search;
    lines.push(
      "",
      `search     ${counts.evaluated} layout${counts.evaluated === 1 ? "" : "s"} timed, ${counts.pruned} pruned, ${counts.seconds.toFixed(2)} s`,
      renderTable(
        ["#", "layout", "step s", "tokens/s", "MFU", "memory"],
        top.map((t, i) => [
          String(i + 1),
          formatLayout(t.layout),
          sig(t.step.seconds),
          sig(t.tokensPerSecond),
          `${(100 * t.mfu).toFixed(1)}%`,
          formatBytes(t.memory.perDeviceBytes),
        ]),
      ),
      ...(preference ? [`choice: ${preference}`] : []),
      ...why.map((w) => `why: ${w}`),
    );
  }
  return `${lines.join("\n")}\n`;
}
