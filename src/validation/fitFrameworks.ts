import type { LayoutResult } from "../parallel/evaluateLayout.js";
import { type FrameworkName } from "../parallel/framework.js";
import { efficiencyGroup } from "../parallel/frameworkRules.js";
import { UNFITTED_FRAMEWORK_PROFILES } from "../parallel/frameworkProfiles.js";
import { goldenSection } from "../parallel/goldenSection.js";
import type { FrameworkProfiles } from "./predictCase.js";

/** A case to fit on: its framework and source, its step-time model as a function of kernel efficiency, and its measured seconds. */
export interface FitCase {
  framework: FrameworkName;
  source: string;
  evaluate: (kernelEfficiency: number) => LayoutResult;
  measuredSeconds: number;
}

/** A framework's own factor is fitted only on cases from at least this many sources (else the pooled one). */
export const MIN_SOURCES_PER_FRAMEWORK = 2;

/** The fitted framework profiles and what was fitted. */
export interface FrameworkFit {
  profiles: FrameworkProfiles;
  /** Fitted kernel efficiency per framework with calibration cases; the pooled value for the rest. */
  kernelEfficiency: Partial<Record<FrameworkName, number>>;
  /** The pooled value (one factor over every calibration case), given to frameworks without cases. */
  pooled: number;
  /** Cases the fit used per framework. */
  cases: Partial<Record<FrameworkName, number>>;
}

/** Golden-section narrowings per fit: the bracket shrinks to 0.618^24 of its width (< 1e-5 of 1.2). */
const FIT_ITERATIONS = 24;

/** Bounds of the fitted kernel efficiency. */
export const KERNEL_EFFICIENCY_RANGE = [0.3, 1.5] as const;

/** Sum of squared log ratios of predicted to measured step time, with one kernel efficiency for all. */
function loss(cases: readonly FitCase[], k: number): number {
  let s = 0;
  for (const fc of cases) {
    const r = fc.evaluate(k);
    if (!r.feasible) return Infinity;
    s += Math.log(r.step.seconds / fc.measuredSeconds) ** 2;
  }
  return s;
}

/**
 * Fit each framework's `kernelEfficiency` (the one fitted constant of a framework profile, framework.ts)
 * to measured step times by least squares on log(predicted/measured), golden-section search over
 * {@link KERNEL_EFFICIENCY_RANGE}: one value per framework with cases from at least
 * {@link MIN_SOURCES_PER_FRAMEWORK} sources (one source alone would tune its own cases), and a pooled
 * value (one factor over every case) for the others. Nothing is fitted per case.
 */
export function fitFrameworks(
  cases: readonly FitCase[],
  base: FrameworkProfiles = UNFITTED_FRAMEWORK_PROFILES,
): FrameworkFit {
  const [lo, hi] = KERNEL_EFFICIENCY_RANGE;
  const pooled = cases.length > 0 ? goldenSection((k) => loss(cases, k), lo, hi, FIT_ITERATIONS) : 1;
  const byFramework = new Map<FrameworkName, FitCase[]>();
  for (const fc of cases) {
    const g = efficiencyGroup(fc.framework);
    const list = byFramework.get(g) ?? [];
    list.push(fc);
    byFramework.set(g, list);
  }
  for (const [name, list] of byFramework)
    if (new Set(list.map((fc) => fc.source)).size < MIN_SOURCES_PER_FRAMEWORK) byFramework.delete(name);
  const kernelEfficiency: Partial<Record<FrameworkName, number>> = {};
  const counts: Partial<Record<FrameworkName, number>> = {};
  const profiles = { ...base } as Record<FrameworkName, FrameworkProfiles[FrameworkName]>;
  for (const name of Object.keys(base) as FrameworkName[]) {
    const list = byFramework.get(efficiencyGroup(name));
    const k = list ? goldenSection((x) => loss(list, x), lo, hi, FIT_ITERATIONS) : pooled;
    if (list) {
      kernelEfficiency[name] = k;
      counts[name] = list.length;
    }
    profiles[name] = { ...base[name], kernelEfficiency: k };
  }
  return { profiles, kernelEfficiency, pooled, cases: counts };
}
