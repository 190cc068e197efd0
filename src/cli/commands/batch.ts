import { defineCommand } from "citty";
import { countOption, LIMITS, maxWorkers } from "../limits.js";
import { type BatchAnalysis, analyzeBatchSweepPlan } from "../../batch/analyzeBatchSweep.js";
import { estimateNoiseScale, type NoiseScaleResult } from "../../batch/gradientNoiseScale.js";
import { type KaplanCriticalBatch, kaplanCriticalBatch } from "../../batch/kaplanCriticalBatch.js";
import type { OptimizerFamily } from "../../batch/recommendOptimizer.js";
import type { RowReport } from "../../ingest/RunTable.js";
import { InputError } from "../../units/InputError.js";
import type { Io } from "../io.js";
import { enumOption, numberOption } from "../options.js";
import { runStepsPlanOnWorkers } from "../parallelSteps.js";
import { progressBar } from "../progress.js";
import { startsOption } from "../startsOption.js";
import { range95, renderTable, sig } from "../table.js";
import { dataParallelOnHardware, renderDataParallel } from "./batchHardware.js";
import { readBatchInput, readGns } from "./batchInput.js";
import { renderRows } from "../renderRows.js";

/** Exit code of a fit that did not converge (as `scalecast fit`). */
const EXIT_NOT_CONVERGED = 3;

const OPTIMIZERS = ["sgd", "momentum", "adam", "adamw", "lars", "lamb"] as const;

function renderAnalysis(a: BatchAnalysis, report: RowReport): string {
  const f = a.fit;
  const lines = [
    ...renderRows(report),
    "",
    "steps to result (Shallue et al. 2018):",
    renderTable(
      ["batch", "steps", "B*S", "regime"],
      a.perBatch.map((p) => [sig(p.batch), sig(p.steps), sig(p.batch * p.steps), p.regime]),
    ),
    "",
    "fit S(B) = S_min (1 + B_noise/B), E(B) = E_min (1 + B/B_noise) (McCandlish et al. 2018 eq. 2.11):",
    renderTable(
      ["param", "value", "95% interval", "interval"],
      [
        ["S_min", sig(f.sMin.value, 4), range95(f.sMin.ci95), f.bootstrap ? "bootstrap" : "-"],
        ["B_noise", sig(f.bNoise.value, 4), range95(f.bNoise.ci95), f.bNoise.interval],
        ["E_min", sig(f.eMin.value, 4), range95(f.eMin.ci95), f.bootstrap ? "bootstrap" : "-"],
      ],
    ),
    `fit      RMSE(log) ${sig(f.rmseLog)}, ${f.points} batch sizes from ${sig(f.batchRange[0])} to ${sig(f.batchRange[1])}`,
    "",
    "regimes:",
    renderTable(
      ["regime", "from batch", "to batch", "criterion"],
      a.regimes.map((r) => [
        r.name,
        sig(r.fromBatch),
        sig(r.toBatch),
        r.name === "perfect-scaling"
          ? a.criteria.perfectScaling
          : r.name === "diminishing-returns"
            ? a.criteria.diminishingReturns
            : a.criteria.maximalDataParallelism,
      ]),
    ),
    ...a.regimes.filter((r) => r.note).map((r) => `         note: ${r.note}`),
    "",
    `critical batch  ${sig(a.criticalBatch.value)} ${range95(a.criticalBatch.ci95)}: ${a.criticalBatch.criterion}`,
    `largest useful  ${sig(a.largestUsefulBatch.value)} ${range95(a.largestUsefulBatch.ci95)}: ${a.largestUsefulBatch.criterion}`,
    `recommendation  batch ${sig(a.recommendation.batch)}: ${a.recommendation.reason}`,
    `optimizer       ${a.recommendation.optimizer.optimizer}, ${a.recommendation.optimizer.rule} learning-rate scaling` +
      (a.recommendation.optimizer.learningRate !== null
        ? `, lr ${sig(a.recommendation.optimizer.learningRate)}`
        : "") +
      `; warmup ${a.recommendation.optimizer.warmup}`,
    `                ${a.recommendation.optimizer.reason}; source: ${a.recommendation.optimizer.source}`,
  ];
  for (const w of a.warnings) lines.push(`warning: ${w}`);
  return lines.join("\n");
}

function renderGns(r: NoiseScaleResult): string {
  return [
    "gradient noise scale (McCandlish et al. 2018 eq. 2.9, two-batch estimator of App. A.1):",
    `|G|^2     ${sig(r.gradSq, 4)}`,
    `tr(Sigma) ${sig(r.traceSigma, 4)}`,
    `B_simple  ${sig(r.bSimple.value, 4)} ${range95(r.bSimple.ci95)} (interval: ${r.bSimple.interval})`,
    `          ${r.samples} rows, bias-corrected EMAs with beta ${r.beta}; B_simple approximates the critical batch`,
  ].join("\n");
}

function renderKaplan(k: KaplanCriticalBatch): string {
  return (
    `critical batch at loss ${k.lossNats} nats: ${sig(k.tokens)} tokens` +
    (k.sequences !== null ? ` (${sig(k.sequences)} sequences)` : "") +
    `\nsource: ${k.source}`
  );
}

/** `scalecast batch`: steps to result vs batch size, gradient noise scale, or Kaplan's critical-batch prior. */
export function batchCommand(io: Io, setExit: (code: number) => void = () => undefined) {
  return defineCommand({
    meta: {
      name: "batch",
      description: "How far data parallelism pays: steps to result vs batch size, critical batch, LR rule",
    },
    args: {
      file: {
        type: "positional",
        description: "sweep (batch, step, metric[, trial]) or table (batch, steps)",
        required: false,
      },
      target: { type: "string", description: "target metric value (sweeps)" },
      metric: { type: "string", description: "metric column (default metric)" },
      batch: { type: "string", description: "batch-size column (default batch)" },
      step: { type: "string", description: "step column of a sweep (default step)" },
      steps: { type: "string", description: "steps-to-result column of a reduced table (default steps)" },
      trial: { type: "string", description: "trial column (default trial, when present)" },
      maximize: { type: "boolean", description: "the target is met when the metric is strictly above it" },
      gns: { type: "string", description: "gradient-norm log: b_small, b_big, g_small_sq, g_big_sq[, step]" },
      "b-small": { type: "string", description: "--gns: B_small when the log has no b_small column" },
      "b-big": { type: "string", description: "--gns: B_big when the log has no b_big column" },
      beta: { type: "string", description: "--gns: EMA decay (default 0.99)" },
      critical: {
        type: "boolean",
        description: "Kaplan et al. 2020 critical batch for a loss (with --loss)",
      },
      loss: { type: "string", description: "--critical: loss in nats per token" },
      "sequence-length": { type: "string", description: "--critical: context length, to give sequences too" },
      optimizer: {
        type: "string",
        description: `optimizer in use: ${OPTIMIZERS.join("|")} (default momentum)`,
      },
      "base-lr": { type: "string", description: "learning rate tuned at --base-batch, to scale" },
      "base-batch": { type: "string", description: "batch size --base-lr was tuned at" },
      "dataset-size": { type: "string", description: "samples per epoch, for warmup iterations" },
      "monotone-tolerance": {
        type: "string",
        description: "accepted relative rise of steps with batch (default 0.5)",
      },
      bootstrap: { type: "string", description: "bootstrap resamples (default 1000; 0 for none)" },
      seed: { type: "string", description: "bootstrap seed (default 0)" },
      starts: {
        type: "string",
        description:
          "multi-start of the S(B) fit: auto (default: a grid of 9, resamples refitted from the optimum), all (the grid for every resample) or N (a grid of N)",
      },
      workers: {
        type: "string",
        description: "worker threads (default: all cores when the bootstrap is large)",
      },
      hardware: {
        type: "string",
        description: "with --model: time and cost against device count on this accelerator",
      },
      model: {
        type: "string",
        description: "with --hardware: the model trained (a workload preset or spec JSON)",
      },
      "per-device-batch": {
        type: "string",
        description: "samples per device per step as devices grow (default 8)",
      },
      "max-devices": { type: "string", description: "largest device count of the series (default 4096)" },
      json: { type: "boolean", description: "print JSON" },
    },
    async run({ args }) {
      const bootstrap =
        countOption(args.bootstrap, "--bootstrap", {
          min: 0,
          max: LIMITS.bootstrap,
          limitName: "bootstrap draws past 100k do not move a percentile interval",
        }) ?? 1000;
      const seed =
        countOption(args.seed, "--seed", { min: 0, max: 2 ** 32 - 1, limitName: "a 32-bit seed" }) ?? 0;
      const out = (json: unknown, text: string) =>
        io.stdout(args.json ? `${JSON.stringify(json, null, 2)}\n` : `${text}\n`);
      if (args.critical) {
        const loss = numberOption(args.loss, "--loss", "a loss in nats per token");
        if (loss === undefined)
          throw new InputError("--loss", undefined, "a loss in nats per token with --critical");
        const seq = numberOption(args["sequence-length"], "--sequence-length", "a context length in tokens");
        const k = kaplanCriticalBatch(loss, seq !== undefined ? { sequenceLength: seq } : {});
        return out({ criticalBatch: { value: k.tokens, unit: "tokens", ...k } }, renderKaplan(k));
      }
      if (args.gns) {
        const beta = numberOption(args.beta, "--beta", "an EMA decay in [0, 1)");
        const r = estimateNoiseScale(await readGns(io, args.gns, args), {
          bootstrap,
          seed,
          ...(beta !== undefined ? { beta } : {}),
        });
        return out(
          {
            criticalBatch: {
              value: r.bSimple.value,
              ci95: r.bSimple.ci95,
              criterion: "B_simple = tr(Sigma)/|G|^2 (McCandlish et al. 2018 eq. 2.9)",
            },
            ...r,
          },
          renderGns(r),
        );
      }
      if (!args.file)
        throw new InputError(
          "FILE",
          undefined,
          "a sweep or steps table, or --gns FILE, or --critical --loss L",
        );
      const { input, report, columns } = await readBatchInput(io, args.file, args);
      const optimizer = enumOption(args.optimizer, "--optimizer", OPTIMIZERS) as OptimizerFamily | undefined;
      const baseLr = numberOption(args["base-lr"], "--base-lr", "a positive learning rate");
      const baseBatch = countOption(args["base-batch"], "--base-batch");
      const datasetSize = numberOption(
        args["dataset-size"],
        "--dataset-size",
        "a positive number of samples",
      );
      const tol = numberOption(
        args["monotone-tolerance"],
        "--monotone-tolerance",
        "a relative tolerance ≥ 0",
      );
      const starts = startsOption(args.starts);
      const workers = countOption(args.workers, "--workers", {
        min: 0,
        max: maxWorkers(),
        limitName: "the cores of this machine",
      });
      const bar = progressBar(io, "bootstrap");
      const plan = analyzeBatchSweepPlan(input, {
        bootstrap,
        seed,
        ...(starts !== undefined ? { starts } : {}),
        ...(optimizer ? { optimizer } : {}),
        ...(baseLr !== undefined ? { baseLr } : {}),
        ...(baseBatch !== undefined ? { baseBatch } : {}),
        ...(datasetSize !== undefined ? { datasetSize } : {}),
        ...(tol !== undefined ? { monotoneTolerance: tol } : {}),
      });
      const a = await runStepsPlanOnWorkers(plan, workers, bar.update).finally(bar.done);
      if (a.status !== "converged") {
        setExit(EXIT_NOT_CONVERGED);
        if (args.json) io.stdout(`${JSON.stringify({ ...a, rows: report, columns }, null, 2)}\n`);
        io.stderr(`scalecast: fit of S(B) did not converge: ${a.reason}; no parameters are reported\n`);
        return;
      }
      if (args.hardware !== undefined || args.model !== undefined) {
        const dp = dataParallelOnHardware(io, a, args);
        out(
          { ...a, rows: report, columns, dataParallel: dp },
          `${renderAnalysis(a, report)}\n\n${renderDataParallel(dp)}`,
        );
        return;
      }
      out({ ...a, rows: report, columns }, renderAnalysis(a, report));
    },
  });
}
