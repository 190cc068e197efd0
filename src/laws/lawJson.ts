import { z } from "zod";
import { InputError } from "../units/InputError.js";
import { expectedOf, pathOf, valueAt } from "../units/zodIssue.js";
import { FAMILY_NAMES } from "./families.js";
import type { Estimate, LawFit } from "./fitLaw.js";
import { type Law, measuredRange, modelSizeDrawsPaired, unitsFromColumns } from "./law.js";
import type { LawParams } from "./types.js";

/**
 * A spread may be infinite: a derived boundary some resamples put at infinity (a three-region fit whose
 * floor vanishes) has an infinite standard error. `JSON.stringify` writes it as null; an in-memory
 * document (the sweep's fit) keeps the number.
 */
const spread = z.custom<number>((v) => typeof v === "number" && !Number.isNaN(v), "expected a number");

const EstimateSchema = z.object({
  value: z.number(),
  se: spread.nullable().optional(),
  ci95: z.tuple([spread.nullable(), spread.nullable()]).nullable().optional(),
});

/** The JSON that `scalecast fit --json` writes and `scalecast project --law FILE` reads (one schema). */
export const FitJsonSchema = z.object({
  law: z.enum(FAMILY_NAMES),
  status: z.literal("converged"),
  params: z.record(z.string(), EstimateSchema),
  derived: z.record(z.string(), EstimateSchema).optional(),
  modelSize: z.object({ sigma: EstimateSchema, betaP: EstimateSchema }).optional(),
  diagnostics: z.object({ range: z.record(z.string(), z.tuple([z.number(), z.number()])) }).passthrough(),
  /** Role → column name of the runs file, kept as the law's units (`fit --json` writes it). */
  columns: z.record(z.string(), z.string()).optional(),
  bootstrap: z
    .object({
      resamples: z.number(),
      used: z.number(),
      seed: z.number(),
      names: z.array(z.string()),
      draws: z.array(z.array(z.number())),
      modelSizeDraws: z.array(z.tuple([z.number(), z.number()])).optional(),
    })
    .nullable()
    .optional(),
});

/** The fit JSON document. */
export type FitJson = z.infer<typeof FitJsonSchema>;

/**
 * A fit (and an optional model-size fit p(m) = σ·m^βp) as the JSON document `fit --json` prints, with the
 * runs' column names when given. The size law's draws are kept only when they pair with the curve's by
 * resample index ({@link modelSizeDrawsPaired}).
 */
export function fitToJson(
  fit: LawFit,
  modelSize?: LawFit,
  columns?: Record<string, string>,
): FitJson & Record<string, unknown> {
  const names = fit.bootstrap?.draws[0] ? Object.keys(fit.bootstrap.draws[0]) : [];
  const json: FitJson & Record<string, unknown> = {
    law: fit.family,
    status: "converged",
    params: fit.params,
    derived: fit.derived,
    diagnostics: { ...fit.diagnostics, objective: fit.objective, starts: fit.starts },
    bootstrap: fit.bootstrap
      ? {
          resamples: fit.bootstrap.resamples,
          used: fit.bootstrap.used,
          seed: fit.bootstrap.seed,
          names,
          draws: fit.bootstrap.draws.map((d) => names.map((n) => d[n]!)),
        }
      : null,
  };
  if (modelSize) {
    json.modelSize = { sigma: modelSize.params.alpha as Estimate, betaP: modelSize.params.beta as Estimate };
    if (json.bootstrap && modelSizeDrawsPaired(fit, modelSize))
      json.bootstrap.modelSizeDraws = modelSize.bootstrap!.draws.map(
        (d) => [d.alpha!, d.beta!] as [number, number],
      );
  }
  if (columns) json.columns = columns;
  return json;
}

/** Read a fit JSON document back as a {@link Law}; a malformed file is an InputError naming the field. */
export function lawFromJson(doc: unknown, name: string): Law {
  const parsed = FitJsonSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = pathOf(issue);
    throw new InputError(
      `${name}: ${path || "(root)"}`,
      valueAt(doc, path),
      `${expectedOf(issue)} (the JSON written by 'scalecast fit --json')`,
    );
  }
  const j = parsed.data;
  const params: LawParams = {};
  for (const [k, e] of Object.entries(j.params)) params[k] = e.value;
  const { fittedMax, fittedMin } = measuredRange(j.diagnostics.range);
  const law: Law = { name, family: j.law, params, fittedMax, fittedMin };
  if (fittedMax.x !== undefined) law.reference = { data: fittedMax.x };
  if (j.columns) law.units = unitsFromColumns(j.columns);
  if (j.bootstrap && j.bootstrap.draws.length > 0) {
    const names = j.bootstrap.names;
    law.draws = j.bootstrap.draws.map((row) => Object.fromEntries(names.map((n, i) => [n, row[i]!])));
  }
  if (j.modelSize) {
    law.modelSize = { sigma: j.modelSize.sigma.value, betaP: j.modelSize.betaP.value, paramsPerUnit: 1 };
    const msd = j.bootstrap?.modelSizeDraws;
    if (msd) law.modelSize.draws = msd.map(([sigma, betaP]) => ({ sigma, betaP }));
  }
  return law;
}
