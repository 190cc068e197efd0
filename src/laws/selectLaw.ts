import { evaluateLaw } from "./evaluateLaw.js";
import { FAMILIES, FAMILY_NAMES, type FamilyName } from "./families.js";
import { type FitLawOptions, fitLawPlan, type LawFit } from "./fitLaw.js";
import { type FitPlan, runFitPlan } from "./fitTasks.js";
import type { LawData } from "./lawData.js";
import type { LawKind } from "./types.js";

/** Candidates for `--law auto` among laws of a kind: the families of that kind that opt in (`auto`). */
export function autoCandidates(kind: LawKind): FamilyName[] {
  return FAMILY_NAMES.filter((n) => FAMILIES[n].kind === kind && FAMILIES[n].auto === true);
}

/** One family's score in {@link selectLaw}. */
export interface CandidateScore {
  family: FamilyName;
  /** RMSE of log y on the held-out largest points; null when the family could not be fitted. */
  heldOutRmseLog: number | null;
  /** RMSE of log y in-sample on all points. */
  inSampleRmseLog: number | null;
  note?: string;
}

/** Result of {@link selectLaw}: the chosen family, the comparison, and how many points were held out. */
export interface LawSelection {
  chosen: FamilyName;
  heldOut: number;
  candidates: CandidateScore[];
}

/**
 * `--law auto`: choose the family that best extrapolates. Each candidate is fitted without the largest
 * points (by x, or by compute N·D for two-input laws: the 20% largest, at least one) and scored by the RMSE
 * of log y on those held-out points, mirroring how a projection will be used (Hestness et al. 2017
 * validate learning curves by predicting larger data sizes). Families with too few points are skipped.
 */
export function selectLaw(
  candidates: readonly FamilyName[],
  data: LawData,
  options: Pick<FitLawOptions, "objective" | "startSlices" | "startBudget" | "startRule" | "seed"> = {},
): LawSelection {
  return runFitPlan(selectLawPlan(candidates, data, options));
}

/** {@link selectLaw} as a plan (its fits' starts are tasks a driver may spread over threads). */
export function* selectLawPlan(
  candidates: readonly FamilyName[],
  data: LawData,
  options: Pick<FitLawOptions, "objective" | "startSlices" | "startBudget" | "startRule" | "seed"> = {},
): FitPlan<LawSelection> {
  const rows = data.y.length;
  const size = (i: number) => data.inputs.reduce((s, col) => s * col[i]!, 1);
  const order = Array.from({ length: rows }, (_, i) => i).sort((a, b) => size(a) - size(b));
  const heldOut = Math.max(1, Math.round(rows * 0.2));
  const trainIdx = order.slice(0, rows - heldOut);
  const testIdx = order.slice(rows - heldOut);
  const subset = (idx: number[]): LawData => ({
    inputs: data.inputs.map((c) => Float64Array.from(idx, (i) => c[i]!)),
    y: Float64Array.from(idx, (i) => data.y[i]!),
  });
  const train = subset(trainIdx);
  const scores: CandidateScore[] = [];
  for (const name of candidates) scores.push(yield* scoreCandidate(name));
  const ranked = scores
    .filter((s) => s.heldOutRmseLog !== null)
    .sort((a, b) => a.heldOutRmseLog! - b.heldOutRmseLog!);
  if (ranked.length === 0) throw new Error("selectLaw: no candidate family could be fitted");
  return { chosen: ranked[0]!.family, heldOut, candidates: scores };

  function* scoreCandidate(name: FamilyName): FitPlan<CandidateScore> {
    const family = FAMILIES[name];
    if (trainIdx.length <= family.paramNames.length)
      return {
        family: name,
        heldOutRmseLog: null,
        inSampleRmseLog: null,
        note: `needs more than ${family.paramNames.length} points after holding out ${heldOut}`,
      };
    const fit = yield* fitLawPlan(name, train, { ...options, bootstrap: 0 });
    const full = yield* fitLawPlan(name, data, { ...options, bootstrap: 0 });
    if (fit.status !== "converged")
      return { family: name, heldOutRmseLog: null, inSampleRmseLog: null, note: "did not converge" };
    const params = Object.fromEntries(Object.entries((fit as LawFit).params).map(([k, e]) => [k, e.value]));
    let ss = 0;
    for (const i of testIdx) {
      const pred = evaluateLaw(family, params, data.inputs[0]![i]!, data.inputs[1]?.[i] ?? 1);
      ss += (Math.log(pred) - Math.log(data.y[i]!)) ** 2;
    }
    return {
      family: name,
      heldOutRmseLog: Math.sqrt(ss / testIdx.length),
      inSampleRmseLog: full.status === "converged" ? full.diagnostics.rmseLog : null,
    };
  }
}
