import { defineCommand } from "citty";
import type { ValidationReport } from "../../validation/validateCorpus.js";
import type { ErrorStats } from "../../validation/errorStats.js";
import type { WholeRunResult } from "../../validation/wholeRun.js";
import type { Io } from "../io.js";
import { renderTable, sig } from "../table.js";

const pct = (x: number) => (Number.isFinite(x) ? `${x >= 0 ? "+" : ""}${x.toFixed(1)}%` : "n/a");
const stat = (s: ErrorStats) =>
  s.n === 0
    ? "-"
    : `n ${s.n}, mean ${s.meanAbsPct.toFixed(1)}%, max ${s.maxAbsPct.toFixed(1)}%${s.failed ? `, ${s.failed} failed` : ""}`;

/** The report as text: per case, then mean and max per source and per accelerator, in and out of sample. */
export function renderValidation(r: ValidationReport): string {
  const rows = r.cases.map((c) => [
    `${c.notModelled ? "x" : c.inSample ? "*" : " "} ${c.name}`,
    c.accelerator,
    c.framework,
    c.metric,
    sig(c.measured),
    sig(c.predicted),
    pct(c.deltaPct),
    pct(c.leaveOneSourceOutDeltaPct),
  ]);
  const group = (title: string, g: ValidationReport["summary"]["bySource"]) =>
    renderTable(
      [title, "out of sample", "dense out of sample", "in sample", "leave one source out"],
      Object.entries(g).map(([k, v]) => [
        k,
        stat(v.outOfSample),
        stat(v.denseOutOfSample),
        stat(v.inSample),
        stat(v.leaveOneSourceOut),
      ]),
    );
  const s = r.summary;
  const fitted = Object.entries(s.inSample.fitted.kernelEfficiency)
    .map(([k, v]) => `${k} ${v.toFixed(3)}`)
    .join(", ");
  return [
    renderTable(
      [
        "case (* = calibration subset, x = not modelled)",
        "accelerator",
        "framework",
        "metric",
        "measured",
        "predicted",
        "delta",
        "LOSO",
      ],
      rows,
    ),
    "",
    group("source", s.bySource),
    "",
    group("accelerator", s.byAccelerator),
    "",
    `out of sample: ${stat(s.outOfSample)}; dense ${stat(s.outOfSample.dense)}; MoE ${stat(s.outOfSample.moe)}`,
    `leave one source out: ${stat(s.outOfSample.leaveOneSourceOut)}; dense ${stat(s.outOfSample.leaveOneSourceOut.dense)}`,
    `in sample (${s.inSample.cases.length} cases): ${stat(s.inSample)}`,
    ...(s.notModelled.length
      ? [
          `not modelled (predicted and printed, left out of the fit and of every statistic): ${s.notModelled.length}`,
          ...s.notModelled.map((x) => `  x ${x.name}: ${x.reason}`),
        ]
      : []),
    ...memoryLines(s.memory),
    `fitted kernel efficiency: ${fitted}; pooled ${s.inSample.fitted.pooled.toFixed(3)} for frameworks with cases from fewer than two sources`,
  ].join("\n");
}

/** Whole runs: published device-hours against plan's step, search and goodput. */
export function renderWholeRuns(w: { runs: WholeRunResult[]; summary: ErrorStats }): string {
  return [
    renderTable(
      [
        "whole run (device-hours, nothing fitted)",
        "accelerator",
        "devices",
        "measured",
        "predicted",
        "delta",
        "MFU",
        "goodput",
      ],
      w.runs.map((r) => [
        r.name,
        r.accelerator,
        String(r.devices),
        sig(r.measuredDeviceHours),
        sig(r.predictedDeviceHours),
        pct(r.deltaPct),
        `${(100 * r.mfu).toFixed(1)}%`,
        `${(100 * r.goodput).toFixed(1)}%`,
      ]),
    ),
    `whole runs: ${stat(w.summary)}`,
  ].join("\n");
}

/** The memory model on the runs that ran: how many it fits, then each it says does not, with its GiB. */
function memoryLines(m: ValidationReport["summary"]["memory"]): string[] {
  const gib = (b: number) => (b / 2 ** 30).toFixed(1);
  return [
    `memory: ${m.fit} of ${m.ran} runs that ran fit their devices in the model${m.over.length ? `; ${m.over.length} do not:` : ""}`,
    ...m.over.map((o) => `  ! ${o.name}: ${gib(o.memoryBytes)} GiB of ${gib(o.capacityBytes)} GiB`),
  ];
}

/**
 * `scalecast validate [--json]`: the step-time model against the validation corpus (issue 12 item 2), then
 * whole runs' device-hours against plan with goodput (`wholeRuns` in the JSON).
 */
export function validateCommand(io: Io) {
  return defineCommand({
    meta: {
      name: "validate",
      description:
        "Predict every measured run of the validation corpus: calibrated on a named subset, judged on the rest",
    },
    args: { json: { type: "boolean", description: "print JSON" } },
    async run({ args }) {
      // loaded here, not at startup: the corpus is only parsed when it is used
      const [{ CORPUS }, { measuredStepSeconds }, { validateCorpus }, { validateWholeRuns, WHOLE_RUNS }] =
        await Promise.all([
          import("../../validation/corpus.js"),
          import("../../validation/measuredStepSeconds.js"),
          import("../../validation/validateCorpus.js"),
          import("../../validation/wholeRun.js"),
        ]);
      const report = validateCorpus(CORPUS, { measuredStepSeconds });
      const wholeRuns = validateWholeRuns(WHOLE_RUNS, CORPUS);
      io.stdout(
        args.json
          ? `${JSON.stringify({ ...report, wholeRuns }, null, 2)}\n`
          : `${renderValidation(report)}\n\n${renderWholeRuns(wholeRuns)}\n`,
      );
    },
  });
}
