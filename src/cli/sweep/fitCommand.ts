import { defineCommand } from "citty";
import type { LawFit } from "../../laws/fitLaw.js";
import { fitToJson } from "../../laws/lawJson.js";
import type { Projection } from "../../project/projectTarget.js";
import { type BatchSweepFit, fitBatchSweepRuns } from "../../sweep/fitBatchSweepRuns.js";
import { fitLearningCurveSweep, type LearningCurveSweepFit } from "../../sweep/fitLearningCurveSweep.js";
import type { Io } from "../io.js";
import { countOption, LIMITS } from "../limits.js";
import { enumOption, integerOption, numberOption } from "../options.js";
import { range95, renderTable, sig } from "../table.js";
import { collectDir } from "./collectCommand.js";

const args = {
  dir: { type: "positional", description: "results folder of sweep run", required: true },
  target: { type: "string", description: "learning curve: project the data and model this error needs" },
  law: { type: "string", description: "learning-curve law: three-region (default) or power" },
  bootstrap: { type: "string", description: "bootstrap resamples (default 1000)" },
  seed: { type: "string", description: "bootstrap seed (default 0)" },
  source: { type: "string", description: "auto|logs|tensorboard (as sweep collect)" },
  retries: { type: "string", description: "retries the run used (default 1)" },
  report: { type: "string", description: "write an HTML report with the plots" },
  json: { type: "boolean", description: "print JSON" },
} as const;

const EXIT_NOT_CONVERGED = 3;

function lawTable(fit: LawFit, extra: [string, string, string][] = []): string {
  return renderTable(
    ["param", "value", "se", "95% interval"],
    [
      ...Object.entries(fit.params).map(([k, e]) => [k, sig(e.value, 4), sig(e.se), range95(e.ci95)]),
      ...Object.entries(fit.derived).map(([k, e]) => [k, sig(e.value, 4), sig(e.se), range95(e.ci95)]),
      ...extra.map(([a, b, c]) => [a, b, "-", c]),
    ],
  );
}

function projectionLines(p: Projection, unit: string): string[] {
  const row = (name: string, i: { value: number; ci95: [number, number] | null } | null, u: string) =>
    i ? [name, sig(i.value), range95(i.ci95), u] : [name, "-", "-", u];
  return [
    renderTable(
      ["quantity", "value", "95% interval", "unit"],
      [
        ["target", sig(p.target), "-", "error"],
        row("data", p.data, "training samples"),
        row("model", p.model, unit),
        row("data scale", p.dataScale, "x the largest size measured"),
        row("model scale", p.modelScale, "x today's best model"),
      ],
    ),
    ...p.warnings.map((w) => `warning: ${w}`),
  ];
}

/** Text of a learning-curve sweep fit. */
export function renderLearningCurveFit(f: LearningCurveSweepFit): string {
  const lines = [
    "best model per data size (smallest width within one standard error of the lowest error; Breiman et al. 1984):",
    renderTable(
      ["data", "width", "params", "error", "lowest", "se", "region", "widths tried"],
      f.best.map((b) => [
        String(b.data),
        String(b.width),
        b.params === null ? "-" : String(b.params),
        sig(b.error, 4),
        sig(b.minError, 4),
        sig(b.se, 2),
        b.region ?? "-",
        b.tried.map((t) => t.width).join(","),
      ]),
    ),
    "",
  ];
  if (f.curve.status !== "converged")
    lines.push(`learning curve: fit did not converge (${f.curve.reason}); no parameters are reported`);
  else {
    lines.push(
      `learning curve  ${f.curve.family === "three-region" ? "eps(m) = softmin(plateau, alpha m^beta) + gamma (HAD19 eq. 1 and Fig. 6)" : "eps(m) = alpha m^beta + gamma (HAD19 eq. 1, Hestness et al. 2017)"}`,
      lawTable(f.curve),
      `fit      RMSE(log) ${sig(f.curve.diagnostics.rmseLog)}, ${f.best.length} data sizes, bootstrap ${f.curve.bootstrap?.used ?? 0} of ${f.curve.bootstrap?.resamples ?? 0} resamples converged`,
    );
    const regions = f.best.reduce<Record<string, number>>(
      (m, b) => ((m[b.region ?? "-"] = (m[b.region ?? "-"] ?? 0) + 1), m),
      {},
    );
    lines.push(
      `regions  ${Object.entries(regions)
        .map(([k, v]) => `${v} ${k}`)
        .join(
          ", ",
        )}${regions.irreducible ? "" : " (the irreducible region is not reached by the sizes measured)"}`,
    );
  }
  lines.push("");
  if (!f.modelSize) lines.push("model size: fewer than 3 data sizes; p(m) not fitted");
  else if (f.modelSize.status !== "converged")
    lines.push(`model size: fit did not converge (${f.modelSize.reason})`);
  else
    lines.push(
      `model size  p(m) = sigma m^betaP in ${f.modelSizeUnit} (HAD19 eq. 2), on data sizes ${f.modelSizeData.join(", ")}`,
      renderTable(
        ["param", "value", "se", "95% interval"],
        [
          [
            "sigma",
            sig(f.modelSize.params.alpha!.value, 4),
            sig(f.modelSize.params.alpha!.se),
            range95(f.modelSize.params.alpha!.ci95),
          ],
          [
            "betaP",
            sig(f.modelSize.params.beta!.value, 4),
            sig(f.modelSize.params.beta!.se),
            range95(f.modelSize.params.beta!.ci95),
          ],
        ],
      ),
      "         HAD19 find betaP in [0.5, 1) (Table 1: 0.54 to 0.89)",
    );
  if (f.projection)
    lines.push(
      "",
      `projection to error ${sig(f.projection.target)} (HAD19 §3.3)`,
      ...projectionLines(f.projection, f.modelSizeUnit),
    );
  for (const w of f.warnings) lines.push(`warning: ${w}`);
  return lines.join("\n");
}

/** Text of a batch sweep fit. */
export function renderBatchFit(f: BatchSweepFit, target: number, metric: string): string {
  const a = f.analysis;
  const regimeOf = new Map(a.status === "converged" ? a.perBatch.map((p) => [p.batch, p.regime]) : []);
  const bs = new Map(f.bSimpleByBatch.map((b) => [b.batch, b]));
  const lines = [
    `steps to ${metric} < ${target} per batch size, best of the learning rates (Shallue et al. 2018), ${f.optimizer}:`,
    renderTable(
      ["batch", "best lr", "steps", "samples", "regime", "B_simple", "lrs tried"],
      f.perBatch.map((b) => [
        String(b.batch),
        b.lr === null ? "-" : sig(b.lr),
        b.steps === null ? "not reached" : String(b.steps),
        b.steps === null ? "-" : sig(b.steps * b.batch),
        regimeOf.get(b.batch) ?? "-",
        sig(bs.get(b.batch)?.value ?? null),
        b.lrs.map((x) => sig(x)).join(","),
      ]),
    ),
    "",
  ];
  if (a.status !== "converged")
    lines.push(`fit S(B): did not converge (${a.reason}); no parameters are reported`);
  else {
    const fit = a.fit;
    lines.push(
      "fit S(B) = S_min (1 + B_noise/B) (McCandlish et al. 2018 eq. 2.11):",
      renderTable(
        ["param", "value", "95% interval"],
        [
          ["S_min", sig(fit.sMin.value, 4), range95(fit.sMin.ci95)],
          ["B_noise", sig(fit.bNoise.value, 4), range95(fit.bNoise.ci95)],
          ["E_min", sig(fit.eMin.value, 4), range95(fit.eMin.ci95)],
        ],
      ),
      "regimes (Shallue et al. 2018):",
      renderTable(
        ["regime", "from batch", "to batch"],
        a.regimes.map((r) => [r.name, sig(r.fromBatch), sig(r.toBatch)]),
      ),
      ...a.regimes.filter((r) => r.note).map((r) => `         note: ${r.note}`),
    );
  }
  lines.push("");
  if (f.bSimple)
    lines.push(
      `B_simple ${sig(f.bSimple.value)} ${range95(f.bSimple.ci95)} samples: tr(Sigma)/|G|^2 (McCandlish et al. eq. 2.9, two-batch estimator App. A.1), pooled over ${f.bSimple.windows} windows in the second half of each best trial's way to the target`,
    );
  if (f.ratio !== null)
    lines.push(
      `B_noise / B_simple = ${sig(f.ratio)} (${f.ratio <= 3 && f.ratio >= 1 / 3 ? "within" : "outside"} a factor of 3; McCandlish et al. report agreement within an order of magnitude)`,
    );
  if (f.largeBatch.length > 0)
    lines.push(
      "",
      "large batches: steps to target, best of each optimizer's learning rates:",
      renderTable(
        ["batch", "optimizer", "steps", "best lr", "lrs tried"],
        f.largeBatch.map((b) => [
          String(b.batch),
          b.optimizer,
          b.steps === null ? "not reached" : String(b.steps),
          b.lr === null ? "-" : sig(b.lr),
          b.lrs.map((x) => sig(x)).join(","),
        ]),
      ),
    );
  for (const w of [...f.warnings, ...(a.status === "converged" ? a.warnings : [])])
    lines.push(`warning: ${w}`);
  return lines.join("\n");
}

/** `scalecast sweep fit DIR`: collect, then fit the learning curve or the batch sweep. */
export function fitSweepCommand(io: Io, setExit: (code: number) => void) {
  return defineCommand({
    meta: {
      name: "fit",
      description:
        "Collect a sweep and fit it: learning curve, model size and projection, or steps to target against batch",
    },
    args,
    async run({ args: a }) {
      const source = enumOption(a.source, "--source", ["auto", "logs", "tensorboard"] as const) ?? "auto";
      const { sweep, collected, outcomes, rejected } = collectDir(
        a.dir,
        source,
        integerOption(a.retries, "--retries") ?? 1,
      );
      // bounded as fit's (issue 16: --bootstrap 1e308 ran until the heap ran out)
      const bootstrap =
        countOption(a.bootstrap, "--bootstrap", {
          min: 0,
          max: LIMITS.bootstrap,
          limitName: "bootstrap draws past 100k do not move a percentile interval",
        }) ?? 1000;
      const seed =
        countOption(a.seed, "--seed", { min: 0, max: 2 ** 32 - 1, limitName: "a 32-bit seed" }) ?? 0;
      const head = `sweep    ${a.dir} (${sweep.kind}): ${collected.rows.length} runs used, ${collected.missing.length} missing, ${collected.failed.length} failed`;
      const leftOut = [
        ...collected.failed.map((x) => `left out ${x.id}: ${x.reason}`),
        ...collected.missing.map((x) => `left out ${x.id}: ${x.reason}`),
        ...rejected.map((r) => `rejected ${r.id}: ${r.where}: ${r.reason}`),
      ];
      let json: Record<string, unknown>;
      let text: string;
      let converged: boolean;
      let report: (() => Promise<string>) | null = null;
      if (sweep.kind === "learning-curve") {
        const target = numberOption(a.target, "--target", "an error value such as 0.02");
        const family = enumOption(a.law, "--law", ["three-region", "power"] as const) ?? "three-region";
        const f = fitLearningCurveSweep(collected.rows, {
          metric: sweep.metric,
          family,
          bootstrap,
          seed,
          ...(target !== undefined ? { target } : {}),
        });
        converged = f.curve.status === "converged";
        json = {
          kind: sweep.kind,
          runs: {
            used: collected.rows.length,
            missing: collected.missing,
            failed: collected.failed,
            rejected,
          },
          best: f.best,
          curve: f.curve.status === "converged" ? fitToJson(f.curve) : f.curve,
          modelSize:
            f.modelSize?.status === "converged"
              ? { unit: f.modelSizeUnit, data: f.modelSizeData, ...fitToJson(f.modelSize) }
              : f.modelSize,
          projection: f.projection,
          warnings: f.warnings,
        };
        text = renderLearningCurveFit(f);
        report = async () =>
          (await import("../../report/sweepReport.js")).learningCurveReportHtml(
            f,
            collected.rows,
            sweep.metric,
          );
      } else {
        const finished = sweep.points.flatMap((p) => {
          const o = outcomes.get(p.id);
          return o?.status === "done" && collected.rows.some((r) => r.id === p.id)
            ? [{ point: p, rows: o.rows }]
            : [];
        });
        const f = fitBatchSweepRuns(sweep, finished, { bootstrap, seed });
        converged = f.analysis.status === "converged";
        json = {
          kind: sweep.kind,
          target: sweep.target,
          runs: {
            used: collected.rows.length,
            missing: collected.missing,
            failed: collected.failed,
            rejected,
          },
          ...f,
        };
        text = renderBatchFit(f, sweep.target!, sweep.metric);
        report = async () =>
          (await import("../../report/sweepReport.js")).batchReportHtml(f, sweep.target!, sweep.metric);
      }
      if (!converged) setExit(EXIT_NOT_CONVERGED);
      if (a.report && report) io.writeText(a.report, await report());
      if (a.json) io.stdout(`${JSON.stringify(json, null, 2)}\n`);
      else
        io.stdout(
          `${[head, ...leftOut, "", text, ...(a.report ? [`report   ${a.report}`] : [])].join("\n")}\n`,
        );
    },
  });
}
