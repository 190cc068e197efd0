/**
 * `sweep fit` for a learning-curve sweep: the best model per data size ({@link bestPerSize}), HAD19's
 * learning curve through the three regions of their Fig. 6 (small data, power law, irreducible error;
 * src/laws/threeRegion), the model-size curve p(m) = σ·m^βp (HAD19 eq. 2) on the best models of the
 * power-law region, and the projection of a target error (HAD19 §3.3: m_* = (ε_target / α)^(1/βg) and the model
 * scale (m_* / m_now)^βp), every number with its bootstrap interval.
 */

import type { FailedFit, FitLawOptions, LawFit } from "../laws/fitLaw.js";
import { fitLaw } from "../laws/fitLaw.js";
import { fitToJson, lawFromJson } from "../laws/lawJson.js";
import type { Region } from "../laws/types.js";
import { type Projection, projectTarget } from "../project/projectTarget.js";
import { type BestAtSize, bestPerSize } from "./bestPerSize.js";
import type { RunRow } from "./collectRuns.js";

/** Options of {@link fitLearningCurveSweep}. */
export interface LearningCurveFitOptions {
  /** Error column; default "test_error". */
  metric?: string;
  /** Learning-curve family: HAD19's three regions (default) or a power law with a floor. */
  family?: "three-region" | "power";
  /** Target error to project; none by default. */
  target?: number;
  bootstrap?: number;
  seed?: number;
  /** Replaces fitLaw (the CLI passes its worker-thread version); default the in-thread fit. */
  fit?: (
    family: "three-region" | "power" | "power-no-floor",
    x: number[],
    y: number[],
    o: FitLawOptions,
  ) => LawFit | FailedFit;
}

/** The fitted learning curve, model-size curve and projection. */
export interface LearningCurveSweepFit {
  best: (BestAtSize & { region: Region | null })[];
  curve: LawFit | FailedFit;
  /** p(m) on the best models' parameters (or widths when no `params` were logged); null if too few points. */
  modelSize: LawFit | FailedFit | null;
  modelSizeUnit: "parameters" | "width";
  /** Data sizes the p(m) fit used (those in the power-law region when 3 or more are). */
  modelSizeData: number[];
  projection: Projection | null;
  warnings: string[];
}

const inThread: NonNullable<LearningCurveFitOptions["fit"]> = (family, x, y, o) =>
  fitLaw(family, { inputs: [Float64Array.from(x)], y: Float64Array.from(y) }, o);

/** Fit a learning-curve sweep's runs table. */
export function fitLearningCurveSweep(
  rows: readonly RunRow[],
  o: LearningCurveFitOptions = {},
): LearningCurveSweepFit {
  const { metric = "test_error", family = "three-region", bootstrap = 1000, seed = 0, fit = inThread } = o;
  const best = bestPerSize(rows, metric);
  const warnings: string[] = [];
  for (const b of best)
    if (!b.bracketed && b.tried.length > 1)
      warnings.push(
        `data size ${b.data}: the best width ${b.width} is the ${b.width === b.tried[0]!.width ? "smallest" : "largest"} tried; the best model may lie outside the widths tried`,
      );
  const x = best.map((b) => b.data);
  const y = best.map((b) => b.error);
  const curve = fit(family, x, y, { bootstrap, seed });
  const regions: (Region | null)[] =
    curve.status === "converged" && curve.diagnostics.regions
      ? curve.diagnostics.regions
      : best.map(() => null);
  const withRegion = best.map((b, i) => ({ ...b, region: regions[i] ?? null }));
  const power = withRegion.filter((b) => b.region === "power-law");
  const sizePoints = power.length >= 3 ? power : withRegion;
  if (power.length < 3 && curve.status === "converged")
    warnings.push(
      `only ${power.length} best model(s) in the power-law region: p(m) is fitted on every data size`,
    );
  const unit = sizePoints.every((b) => b.params !== null) ? "parameters" : "width";
  const modelSize =
    sizePoints.length >= 3
      ? fit(
          "power-no-floor",
          sizePoints.map((b) => b.data),
          sizePoints.map((b) => (unit === "parameters" ? b.params! : b.width)),
          { bootstrap, seed },
        )
      : null;
  let projection: Projection | null = null;
  if (o.target !== undefined && curve.status === "converged") {
    const json = fitToJson(curve, modelSize?.status === "converged" ? modelSize : undefined);
    const pairable =
      modelSize?.status === "converged" &&
      curve.bootstrap?.used === bootstrap &&
      modelSize.bootstrap?.used === bootstrap;
    if (!pairable) delete json.bootstrap?.modelSizeDraws;
    projection = projectTarget(lawFromJson({ ...json, columns: { x: "data", y: metric } }, "sweep"), {
      target: o.target,
    });
  }
  return {
    best: withRegion,
    curve,
    modelSize,
    modelSizeUnit: unit,
    modelSizeData: sizePoints.map((b) => b.data),
    projection,
    warnings,
  };
}
