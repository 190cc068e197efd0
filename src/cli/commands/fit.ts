import { defineCommand } from "citty";
import { countOption, LIMITS, maxWorkers } from "../limits.js";
import type { ObjectiveOptions } from "../../fit/types.js";
import type { RowReport } from "../../ingest/RunTable.js";
import { FAMILIES, FAMILY_NAMES, type FamilyName } from "../../laws/families.js";
import type { FailedFit, LawFit } from "../../laws/fitLaw.js";
import type { StartsReport } from "../../laws/fitStarts.js";
import {
  type FitRunsOptions,
  fitRunsPlan,
  type RunColumns,
  type RunsFit,
  type RunsFitFailure,
} from "../../laws/fitRuns.js";
import { DEFAULT_START_HITS } from "../../laws/fitStarts.js";
import { autoCandidates, type LawSelection } from "../../laws/selectLaw.js";
import { projectTarget } from "../../project/projectTarget.js";
import { InputError } from "../../units/InputError.js";
import type { Io } from "../io.js";
import { enumOption, integerOption, numberOption } from "../options.js";
import { runFitPlanOnWorkers, SLICES_PER_WORKER, workersFor } from "../parallelFit.js";
import { progressBar } from "../progress.js";
import { readRunsTable } from "../readRuns.js";
import { renderRows } from "../renderRows.js";
import { STARTS_ARG, startsOption } from "../startsOption.js";
import { range95, renderTable, sig } from "../table.js";
import { renderProjection } from "./project.js";

/** `--law` values: every registered family, `kaplan` (kaplan-nd, or kaplan-ns with --steps) and `auto`. */
export const LAW_CHOICES = [...FAMILY_NAMES, "kaplan", "auto"] as const;

/** The flags of a runs file's columns and fit settings, shared by `fit` and `forecast`. */
export const RUNS_ARGS = {
  x: { type: "string", description: "column of data size m (learning curves; default x)" },
  y: { type: "string", description: "column of the error or loss (learning curves; default y)" },
  params: {
    type: "string",
    description: "column of model parameters, to fit HAD19's p(m) = sigma m^betaP too",
  },
  n: { type: "string", description: "column of parameters N (L(N, D) laws)" },
  d: { type: "string", description: "column of tokens D (L(N, D) laws)" },
  steps: { type: "string", description: "column of steps S (Kaplan L(N, S))" },
  loss: { type: "string", description: "column of the loss (L(N, D) laws; default loss)" },
  compute: { type: "string", description: "column of training FLOP C" },
  "tokens-from-compute": { type: "boolean", description: "derive D = C / (6 N) (Hoffmann et al. 2022)" },
  "drop-highest": { type: "string", description: "drop the K rows with the highest loss/error" },
  objective: { type: "string", description: "huber (default) or squared, on log residuals" },
  "huber-delta": { type: "string", description: "Huber threshold on log residuals (default 1e-3)" },
  bootstrap: { type: "string", description: "bootstrap resamples (default 1000; 0 for none)" },
  seed: { type: "string", description: "bootstrap seed (default 0)" },
  starts: STARTS_ARG,
  workers: { type: "string", description: "worker threads (default: all cores when the fit is large)" },
  "max-iterations": { type: "string", description: "L-BFGS iteration budget per start (default 15000)" },
} as const;

type RunsArgs = {
  [K in keyof typeof RUNS_ARGS]?: (typeof RUNS_ARGS)[K]["type"] extends "boolean" ? boolean : string;
};

/** A core InputError about a column or the law, named by the flag that sets it. */
function asFlag(e: unknown): unknown {
  if (!(e instanceof InputError)) return e;
  const flag = e.field === "law" ? "--law" : e.field.startsWith("columns.") ? `--${e.field.slice(8)}` : null;
  return flag ? new InputError(flag, e.value, e.expected) : e;
}

/** Starting points a family tries (its grid does not depend on the data's values, only its count may). */
function startsOf(family: FamilyName): number {
  return [...FAMILIES[family].starts([new Float64Array(1), new Float64Array(1)], new Float64Array(1))].length;
}

/**
 * Read a runs file and fit it with the core's {@link fitRunsPlan}, on worker threads when the fit is large,
 * with a progress bar on a terminal. The fit of `scalecast fit`, and of `forecast` from runs.
 */
export async function fitRunsFile(
  io: Io,
  file: string,
  law: string | undefined,
  args: RunsArgs,
): Promise<{ result: RunsFit | RunsFitFailure; workers: number }> {
  const lawArg = enumOption(law, "--law", LAW_CHOICES) ?? "power";
  const objective: ObjectiveOptions = {
    loss: enumOption(args.objective, "--objective", ["huber", "squared"] as const) ?? "huber",
    huberDelta: numberOption(args["huber-delta"], "--huber-delta", "a positive number such as 1e-3") ?? 1e-3,
  };
  if (!(objective.huberDelta! > 0))
    throw new InputError("--huber-delta", args["huber-delta"], "a positive number such as 1e-3");
  const bootstrap =
    countOption(args.bootstrap, "--bootstrap", {
      min: 0,
      max: LIMITS.bootstrap,
      limitName: "bootstrap draws past 100k do not move a percentile interval",
    }) ?? 1000;
  const seed =
    countOption(args.seed, "--seed", { min: 0, max: 2 ** 32 - 1, limitName: "a 32-bit seed" }) ?? 0;
  const dropHighest = integerOption(args["drop-highest"], "--drop-highest");
  const maxIterations = countOption(args["max-iterations"], "--max-iterations", {
    min: 0,
    max: LIMITS.iterations,
    limitName: "far past where L-BFGS converges",
  });
  const columns: RunColumns = {};
  for (const k of ["x", "y", "params", "n", "d", "steps", "compute", "loss"] as const)
    if (args[k] !== undefined) columns[k] = args[k];
  const family: FamilyName | "auto" = lawArg === "kaplan" ? (args.steps ? "kaplan-ns" : "kaplan-nd") : lawArg;
  // read only the columns the fit can use (the defaults too), as typed arrays
  const wanted = [columns.x ?? "x", columns.y ?? "y", columns.loss ?? "loss", ...Object.values(columns)];
  const table = await readRunsTable(io, file, { numbers: wanted });
  const kind = args.n || args.d || args.compute || args.steps ? (args.steps ? "ns" : "nd") : "curve";
  const startBudget = startsOption(args.starts) ?? "auto";
  const grid = family === "auto" ? Math.max(...autoCandidates(kind).map(startsOf)) : startsOf(family);
  // the hits rule usually stops within two rounds (16·K starts)
  const starts =
    startBudget === "all"
      ? grid
      : Math.min(grid, startBudget === "auto" ? 16 * DEFAULT_START_HITS : startBudget);
  const workers = workersFor(
    starts,
    bootstrap,
    table.rows,
    countOption(args.workers, "--workers", {
      min: 0,
      max: maxWorkers(),
      limitName: "the cores of this machine",
    }),
  );
  const options: FitRunsOptions = {
    law: family,
    name: file,
    objective,
    bootstrap,
    seed,
    startBudget,
    startSlices: Math.max(1, workers * SLICES_PER_WORKER),
    tokensFromCompute: Boolean(args["tokens-from-compute"]),
    ...(dropHighest ? { dropHighest } : {}),
    ...(maxIterations !== undefined ? { lbfgs: { maxIterations } } : {}),
  };
  const bar = progressBar(io, "bootstrap");
  try {
    const result = await runFitPlanOnWorkers(fitRunsPlan(table, columns, options), workers, bar.update);
    return { result, workers };
  } catch (e) {
    throw asFlag(e);
  } finally {
    bar.done();
  }
}

/** Exit code of a fit that did not converge: it printed why, and no numbers. */
export const EXIT_NOT_CONVERGED = 3;

/** `scalecast fit FILE`: fit a scaling law to measured runs. */
export function fitCommand(io: Io, setExit: (code: number) => void) {
  return defineCommand({
    meta: { name: "fit", description: "Fit a scaling law to measured runs (CSV, TSV or JSONL)" },
    args: {
      file: { type: "positional", description: "runs file (.csv, .tsv, .jsonl)", required: true },
      law: { type: "string", description: `law family: ${LAW_CHOICES.join("|")}`, default: "power" },
      ...RUNS_ARGS,
      target: { type: "string", description: "also project what this loss/error needs" },
      json: { type: "boolean", description: "print JSON" },
    },
    async run({ args }) {
      const { result: r, workers } = await fitRunsFile(io, args.file, args.law, args);
      if (r.status !== "converged") return reportFailure(io, r.failed, setExit, args.json);
      const target = numberOption(args.target, "--target", "a loss or error value");
      const projection = target !== undefined ? projectTarget(r.law, { target }) : undefined;
      const out = {
        ...r.json,
        rows: r.report,
        columns: r.columns,
        ...(r.selection ? { selection: r.selection } : {}),
        ...(projection ? { projection } : {}),
      };
      if (args.json) io.stdout(`${JSON.stringify(out, null, 2)}\n`);
      else
        io.stdout(
          renderFit(r.fit, r.sizeFit ?? undefined, r.report, r.selection, workers) +
            (projection ? `\n\n${renderProjection(projection, r.law.units)}` : "") +
            "\n",
        );
    },
  });
}

function reportFailure(io: Io, fit: FailedFit, setExit: (c: number) => void, json?: boolean): void {
  setExit(EXIT_NOT_CONVERGED);
  const msg = `fit did not converge: ${fit.family} law, ${fit.reason}; no parameters are reported`;
  if (json)
    io.stdout(
      `${JSON.stringify({ law: fit.family, status: fit.status, starts: fit.starts, reason: fit.reason }, null, 2)}\n`,
    );
  io.stderr(`scalecast: ${msg}\n`);
}

/** One line on the multi-start: how many ran, why it stopped, how many reached the optimum. */
export function renderStarts(s: StartsReport): string {
  const why =
    s.rule === "hits"
      ? s.hits >= s.required!
        ? `stopped once the best fit was reached from ${s.required} starts`
        : `all run: the best fit was reached from fewer than ${s.required} starts`
      : s.rule === "all"
        ? "the full grid"
        : "--starts";
  const order = s.order === "grid" ? "grid order" : `shuffled with seed ${s.order.shuffled}`;
  return `${s.tried} of ${s.available} tried (${why}; ${order}), ${s.converged} converged, ${s.hits} reached the optimum`;
}

function renderFit(
  fit: LawFit,
  sizeFit: LawFit | undefined,
  report: RowReport,
  selection: LawSelection | null,
  workers: number,
): string {
  const fam = FAMILIES[fit.family];
  const lines: string[] = [];
  if (selection) {
    lines.push(`law auto: held out the ${selection.heldOut} largest point(s); RMSE of log y on them:`);
    lines.push(
      renderTable(
        ["family", "held-out RMSE(log)", "in-sample RMSE(log)", "note"],
        selection.candidates.map((c) => [
          c.family,
          sig(c.heldOutRmseLog),
          sig(c.inSampleRmseLog),
          c.note ?? (c.family === selection.chosen ? "chosen" : ""),
        ]),
      ),
      "",
    );
  }
  lines.push(`law      ${fit.family}: ${fam.formula}`);
  lines.push(`source   ${fam.source}`);
  lines.push(...renderRows(report));
  const sub = fit.starts.subsample;
  lines.push(
    `starts   ${renderStarts(fit.starts)}${workers > 0 ? ` (${workers} threads)` : ""}` +
      (sub
        ? `\n         on a ${sub.rows}-row systematic subsample; the best refined on all ${sub.of} rows`
        : ""),
  );
  lines.push("");
  const rows = Object.entries({ ...fit.params, ...fit.derived }).map(([k, e]) => [
    k,
    sig(e.value, 4),
    sig(e.se),
    range95(e.ci95),
  ]);
  if (sizeFit) {
    rows.push([
      "sigma (p(m))",
      sig(sizeFit.params.alpha!.value, 4),
      sig(sizeFit.params.alpha!.se),
      range95(sizeFit.params.alpha!.ci95),
    ]);
    rows.push([
      "betaP (p(m))",
      sig(sizeFit.params.beta!.value, 4),
      sig(sizeFit.params.beta!.se),
      range95(sizeFit.params.beta!.ci95),
    ]);
  }
  lines.push(renderTable(["param", "value", "se", "95% interval"], rows));
  lines.push("");
  const d = fit.diagnostics;
  lines.push(
    `fit      RMSE(log) ${sig(d.rmseLog)}, R²(log) ${sig(d.r2Log, 4)}, objective ${sig(fit.objective)}`,
  );
  lines.push(
    fit.bootstrap
      ? `bootstrap ${fit.bootstrap.resamples} resamples, ${fit.bootstrap.used} converged, seed ${fit.bootstrap.seed}`
      : "bootstrap none (--bootstrap 0): no standard errors",
  );
  if (d.regions) {
    const counts = { "small-data": 0, "power-law": 0, irreducible: 0 };
    for (const r of d.regions) counts[r]++;
    lines.push(
      `regions  ${counts["small-data"]} small-data, ${counts["power-law"]} power-law, ${counts.irreducible} irreducible`,
    );
  }
  return lines.join("\n");
}
