import type { FamilyName } from "./families.js";
import type { LawFit } from "./fitLaw.js";
import type { LawPreset } from "./preset.js";
import type { InputRole, LawParams } from "./types.js";

/**
 * A law ready to project: a published preset or a fit, reduced to what projection needs. `draws` are
 * bootstrap draws of the parameters (absent for presets without published uncertainty).
 */
export interface Law {
  name: string;
  family: FamilyName;
  params: LawParams;
  draws?: LawParams[];
  units?: Partial<Record<InputRole | "y", string>>;
  /** Today's data size (HAD19 Table 1 m_now); for a fit, the largest measured x. */
  reference?: { data: number; error?: number; target?: number };
  /** HAD19 eq. 2 model-size law p(m) = σ·m^βp, with bootstrap draws when fitted. */
  modelSize?: {
    sigma: number;
    betaP: number;
    paramsPerUnit: number;
    draws?: { sigma: number; betaP: number }[];
  };
  /** Largest measured value of each input, for extrapolation warnings. */
  fittedMax?: Partial<Record<InputRole, number>>;
  /** Smallest measured value of each input, for plotting the measured range. */
  fittedMin?: Partial<Record<InputRole, number>>;
  source?: string;
}

/** A published preset as a {@link Law}. */
export function lawFromPreset(p: LawPreset): Law {
  const law: Law = { name: p.name, family: p.family, params: p.params, units: p.units, source: p.source };
  if (p.reference) {
    law.reference = p.reference;
    // HAD19 fitted each curve on subsets up to today's data: projections past it are extrapolations
    law.fittedMax = { x: p.reference.data };
  }
  if (p.modelSize) law.modelSize = p.modelSize;
  return law;
}

/** Options of {@link lawFromFit}. */
export interface LawFromFitOptions {
  /** The law's name (the runs file); default `fitted <family>`. */
  name?: string;
  /** HAD19's model-size fit p(m) = σ·m^βp (a power-no-floor fit of parameters against x). */
  sizeFit?: LawFit;
  /** Role → column name of the runs (x, y, n, d, compute, loss), kept as the law's units. */
  columns?: Record<string, string>;
}

/**
 * A converged fit as a {@link Law}: its point parameters, bootstrap draws, measured range, units from
 * the runs' column names, and HAD19's p(m) when a model-size fit is given. Its draws pair with the
 * curve's draws by resample index only when both bootstraps used every resample
 * ({@link modelSizeDrawsPaired}); otherwise the law carries the size law's point value alone.
 * The same law as {@link lawFromJson} of {@link fitToJson}'s document.
 */
export function lawFromFit(fit: LawFit, options: LawFromFitOptions | string = {}): Law {
  const o = typeof options === "string" ? { name: options } : options;
  const params: LawParams = {};
  for (const [k, e] of Object.entries(fit.params)) params[k] = e.value;
  const { fittedMax, fittedMin } = measuredRange(fit.diagnostics.range);
  const law: Law = {
    name: o.name ?? `fitted ${fit.family}`,
    family: fit.family,
    params,
    fittedMax,
    fittedMin,
  };
  if (fittedMax.x !== undefined) law.reference = { data: fittedMax.x };
  if (o.columns) law.units = unitsFromColumns(o.columns);
  if (fit.bootstrap && fit.bootstrap.draws.length > 0) law.draws = fit.bootstrap.draws;
  const size = o.sizeFit;
  if (size) {
    law.modelSize = { sigma: size.params.alpha!.value, betaP: size.params.beta!.value, paramsPerUnit: 1 };
    if (modelSizeDrawsPaired(fit, size))
      law.modelSize.draws = size.bootstrap!.draws.map((d) => ({ sigma: d.alpha!, betaP: d.beta! }));
  }
  return law;
}

/**
 * Whether the model-size fit's bootstrap draws pair with the curve's by resample index: both fits
 * bootstrapped with the same resamples and every resample converged in both (same seed, same rows).
 */
export function modelSizeDrawsPaired(fit: LawFit, sizeFit: LawFit): boolean {
  const a = fit.bootstrap;
  const b = sizeFit.bootstrap;
  return (
    a !== null &&
    b !== null &&
    a.used === a.resamples &&
    b.used === b.resamples &&
    a.resamples === b.resamples
  );
}

/**
 * A law's units from the runs' column names (role → column): x and n as named, d as named or
 * "tokens (C / 6N)" when derived from compute, y as the y or loss column.
 */
export function unitsFromColumns(c: Record<string, string>): NonNullable<Law["units"]> {
  return {
    ...(c.x ? { x: c.x } : {}),
    ...(c.n ? { n: c.n } : {}),
    ...(c.d ? { d: c.d } : c.compute ? { d: "tokens (C / 6N)" } : {}),
    y: c.y ?? c.loss ?? "loss",
  };
}

/** Smallest and largest measured value of each input, from a fit's `diagnostics.range`. */
export function measuredRange(range: Record<string, [number, number]>): {
  fittedMin: Partial<Record<InputRole, number>>;
  fittedMax: Partial<Record<InputRole, number>>;
} {
  const fittedMin: Partial<Record<InputRole, number>> = {};
  const fittedMax: Partial<Record<InputRole, number>> = {};
  for (const [role, [min, max]] of Object.entries(range)) {
    fittedMin[role as InputRole] = min;
    fittedMax[role as InputRole] = max;
  }
  return { fittedMin, fittedMax };
}
