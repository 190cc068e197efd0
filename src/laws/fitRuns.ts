import type { RowReport, RunTable } from "../ingest/RunTable.js";
import { selectRuns } from "../ingest/selectRuns.js";
import type { ColumnTable } from "../ingest/ColumnTable.js";
import type { Table } from "../ingest/Table.js";
import { InputError } from "../units/InputError.js";
import { FAMILIES, type FamilyName, familiesOfKind } from "./families.js";
import { type FailedFit, type FitLawOptions, fitLawPlan, type LawFit } from "./fitLaw.js";
import { type FitPlan, runFitPlan } from "./fitTasks.js";
import { type Law, lawFromFit } from "./law.js";
import type { LawData } from "./lawData.js";
import { type FitJson, fitToJson } from "./lawJson.js";
import { autoCandidates, type LawSelection, selectLawPlan } from "./selectLaw.js";

/**
 * Which columns of a runs table hold what. Learning curves read `x` (data size) and `y` (error or loss),
 * and optionally `params` (model size, for HAD19's p(m)); two-input laws read `n` (parameters), `loss`,
 * and one of `d` (tokens), `compute` (training FLOP, with `tokensFromCompute`) or `steps`.
 */
export interface RunColumns {
  /** Data size m; default "x". */
  x?: string;
  /** Error or loss of a learning curve; default "y". */
  y?: string;
  /** Model parameters, to fit HAD19's p(m) = σ·m^βp beside the curve. */
  params?: string;
  /** Parameters N. */
  n?: string;
  /** Tokens D. */
  d?: string;
  /** Training FLOP C (D = C / (6N) with `tokensFromCompute`). */
  compute?: string;
  /** Optimisation steps S (Kaplan L(N, S)). */
  steps?: string;
  /** Loss of a two-input law; default "loss". */
  loss?: string;
}

/** Options of {@link fitRuns}: the law and the fit's settings. */
export interface FitRunsOptions extends Pick<
  FitLawOptions,
  "objective" | "lbfgs" | "bootstrap" | "seed" | "startSlices" | "onProgress" | "startBudget" | "startRule"
> {
  /** A family, or "auto" to choose among the families of the runs' kind by held-out error; default "power". */
  law?: FamilyName | "auto";
  /** Derive D = C / (6N) from the compute column (Hoffmann et al. 2022 §3); default false. */
  tokensFromCompute?: boolean;
  /** Drop this many rows with the highest loss or error first (Besiroglu et al. 2024 drop 5); default 0. */
  dropHighest?: number;
  /** The law's name, usually the runs file; default "runs". */
  name?: string;
}

/** The runs as read: the role → column spec used, every row accounted for, the kept values. */
export interface RunsRead {
  /** Role → column name as selected (x, y, p; or n, loss and d, s or compute). */
  columns: Record<string, string>;
  report: RowReport;
  /** Kept values by role. */
  values: RunTable["columns"];
}

/** A converged fit of runs: the fit, the model-size fit, the {@link Law} to project, and its JSON. */
export interface RunsFit extends RunsRead {
  status: "converged";
  fit: LawFit;
  /** HAD19's p(m) fitted to the `params` column (a power-no-floor fit of parameters against x). */
  sizeFit: LawFit | null;
  /** `--law auto`'s comparison, when the family was chosen. */
  selection: LawSelection | null;
  /** The law ready for `projectTarget` and `forecast`, with its bootstrap draws and units. */
  law: Law;
  /** The document `fit --json` writes and `--law FILE` reads back as the same law. */
  json: FitJson & Record<string, unknown>;
}

/** Runs whose fit (or model-size fit) did not converge: why, and no numbers. */
export interface RunsFitFailure extends RunsRead {
  status: "not-converged";
  failed: FailedFit;
  selection: LawSelection | null;
}

/**
 * Fit a scaling law to a table of runs, the one entry the CLI's `fit` and `forecast` and the web app's
 * Fit page share: select the columns (every row accounted for), choose the family (`auto`: the best
 * held-out extrapolation, {@link selectLaw}), fit it with bootstrap intervals ({@link fitLaw}), fit HAD19's
 * model-size law p(m) = σ·m^βp to a `params` column with the same seed (so draw k of both comes from
 * resample k), and build the {@link Law}. Runs in this thread; {@link fitRunsPlan} is the same fit as
 * tasks a driver may spread over threads.
 */
export function fitRuns(
  table: Table | ColumnTable,
  columns: RunColumns,
  options: FitRunsOptions = {},
): RunsFit | RunsFitFailure {
  return runFitPlan(fitRunsPlan(table, columns, options), options.onProgress);
}

/** Whether these columns and law call for a two-input law (N with D, C or S). */
function twoInput(columns: RunColumns, law: FamilyName | "auto"): boolean {
  const named = columns.n ?? columns.d ?? columns.compute ?? columns.steps;
  return named !== undefined || (law !== "auto" && FAMILIES[law].inputs.length === 2);
}

/** Role → column spec and the selection options for the runs' kind. */
function specOf(columns: RunColumns, options: FitRunsOptions, two: boolean) {
  const { tokensFromCompute = false, dropHighest = 0 } = options;
  if (two) {
    if (!columns.n)
      throw new InputError("columns.n", undefined, "the column of parameters N for an L(N, D) law");
    const spec: Record<string, string> = { n: columns.n, loss: columns.loss ?? "loss" };
    if (columns.steps) spec.s = columns.steps;
    else if (tokensFromCompute) {
      if (!columns.compute)
        throw new InputError(
          "columns.compute",
          undefined,
          "the column of training FLOP for tokensFromCompute",
        );
      spec.compute = columns.compute;
    } else if (columns.d) spec.d = columns.d;
    else
      throw new InputError(
        "columns.d",
        undefined,
        "a tokens column (d), or a compute column with tokensFromCompute",
      );
    return {
      spec,
      second: columns.steps ? "s" : "d",
      y: "loss",
      select: {
        tokensFromCompute: tokensFromCompute && !columns.steps,
        ...(dropHighest ? { dropHighest: { role: "loss", count: dropHighest } } : {}),
      },
    };
  }
  const spec: Record<string, string> = { x: columns.x ?? "x", y: columns.y ?? "y" };
  if (columns.params) spec.p = columns.params;
  return {
    spec,
    second: null,
    y: "y",
    select: dropHighest ? { dropHighest: { role: "y", count: dropHighest } } : {},
  };
}

/** {@link fitRuns} as a plan: the selection's fits, the fit, then the model-size fit. */
export function* fitRunsPlan(
  table: Table | ColumnTable,
  columns: RunColumns,
  options: FitRunsOptions = {},
): FitPlan<RunsFit | RunsFitFailure> {
  const { law: lawOption = "power", name = "runs", objective = {}, bootstrap = 1000, seed = 0 } = options;
  const two = twoInput(columns, lawOption);
  const { spec, second, y, select } = specOf(columns, options, two);
  const run = selectRuns(table, name, spec, select);
  const c = run.columns;
  const data: LawData = { inputs: second ? [c.n!, c[second]!] : [c.x!], y: c[y]! };
  const read: RunsRead = { columns: spec, report: run.report, values: c };
  const fitOptions = {
    objective,
    bootstrap,
    seed,
    ...(options.lbfgs ? { lbfgs: options.lbfgs } : {}),
    ...(options.startSlices !== undefined ? { startSlices: options.startSlices } : {}),
    ...(options.startBudget !== undefined ? { startBudget: options.startBudget } : {}),
    ...(options.startRule !== undefined ? { startRule: options.startRule } : {}),
  };

  let selection: LawSelection | null = null;
  let family: FamilyName;
  if (lawOption === "auto") {
    const kind = !two ? "curve" : columns.steps ? "ns" : "nd";
    selection = yield* selectLawPlan(autoCandidates(kind), data, fitOptions);
    family = selection.chosen;
  } else family = lawOption;
  const fam = FAMILIES[family];
  if (two !== (fam.inputs.length === 2) || (two && (fam.kind === "ns") !== Boolean(columns.steps)))
    throw new InputError(
      "law",
      lawOption,
      two
        ? columns.steps
          ? `an L(N, S) law (${familiesOfKind("ns").join(", ")}) for n/steps columns`
          : `an L(N, D) law (${familiesOfKind("nd").join(", ")}) for n/d columns`
        : `a learning-curve law (${familiesOfKind("curve").join(", ")}) for x/y columns`,
    );

  const fit = yield* fitLawPlan(family, data, fitOptions);
  if (fit.status !== "converged") return { status: "not-converged", failed: fit, selection, ...read };
  let sizeFit: LawFit | null = null;
  if (c.p) {
    const s = yield* fitLawPlan("power-no-floor", { inputs: [c.x!], y: c.p }, fitOptions);
    if (s.status !== "converged") return { status: "not-converged", failed: s, selection, ...read };
    sizeFit = s;
  }
  const law = lawFromFit(fit, { name, columns: spec, ...(sizeFit ? { sizeFit } : {}) });
  const json = fitToJson(fit, sizeFit ?? undefined, spec);
  return { status: "converged", fit, sizeFit, selection, law, json, ...read };
}
