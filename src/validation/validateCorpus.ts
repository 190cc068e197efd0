import { UNFITTED_FRAMEWORK_PROFILES } from "../parallel/frameworkProfiles.js";
import { formatLayout } from "../parallel/layout.js";
import { calibrationSubset, NEVER_CALIBRATE_SOURCES } from "./calibrationSubset.js";
import type { CorpusCase } from "./corpusCase.js";
import { type FitCase, fitFrameworks, type FrameworkFit } from "./fitFrameworks.js";
import { caseEvaluator, caseFramework, caseLayout, type LayoutSource } from "./predictCase.js";
import { type ErrorStats, errorStats } from "./errorStats.js";

/** One case of the report: what was measured, what the model predicts, in the source's own metric. */
export interface CaseResult {
  name: string;
  source: string;
  accelerator: string;
  framework: string;
  metric: CorpusCase["metric"];
  /** The source's number. */
  measured: number;
  /** The model's number in the same metric and FLOP convention (step seconds, or the rate scaled by measured/predicted step time). */
  predicted: number;
  /** 100·(predicted − measured)/measured. */
  deltaPct: number;
  /** In the calibration subset (fitted on). */
  inSample: boolean;
  moe: boolean;
  /** Predicted with the profiles fitted without this case's source (leave-one-source-out). */
  leaveOneSourceOutDeltaPct: number;
  /** The layout timed, and how its unpublished fields were filled. */
  layout: string;
  layoutSource: LayoutSource;
  /** The memory model's per-device bytes for the layout (NaN when it cannot be timed), and whether that fits the device. */
  memoryBytes: number;
  capacityBytes: number;
  memoryFits: boolean;
  /** Why the model cannot predict this run (the source documents what it does not model): left out of every statistic. */
  notModelled?: string;
}

/** Mean and max |delta| in and out of sample, and leave-one-source-out, for one group of cases. */
export interface GroupStats {
  outOfSample: ErrorStats;
  /** The dense (non-MoE) cases out of sample: what issue 12's per-accelerator bound counts. */
  denseOutOfSample: ErrorStats;
  inSample: ErrorStats;
  leaveOneSourceOut: ErrorStats;
}

/** The validation report (issue 12 item 2; `scalecast validate --json`). */
export interface ValidationReport {
  cases: CaseResult[];
  summary: {
    /** Every out-of-sample case, with the dense ones and leave-one-source-out beside. */
    outOfSample: ErrorStats & {
      dense: ErrorStats;
      moe: ErrorStats;
      leaveOneSourceOut: ErrorStats & { dense: ErrorStats };
    };
    /** The calibration subset, with what was fitted on it. */
    inSample: ErrorStats & {
      cases: string[];
      fitted: { kernelEfficiency: FrameworkFit["kernelEfficiency"]; pooled: number };
    };
    byAccelerator: Record<string, GroupStats>;
    bySource: Record<string, GroupStats>;
    /** Cases predicted and printed but left out of the fit and of every statistic, with the reason. */
    notModelled: { name: string; reason: string }[];
    /**
     * The memory model on runs that ran (every counted case): how many it says fit their devices, and
     * the ones it says do not, with its bytes and the device's.
     */
    memory: {
      ran: number;
      fit: number;
      over: { name: string; memoryBytes: number; capacityBytes: number }[];
    };
  };
}

/** Options of {@link validateCorpus}. */
export interface ValidateOptions {
  /** Measured seconds per step of a case (src/validation/measuredStepSeconds.ts). */
  measuredStepSeconds: (c: CorpusCase) => number;
  /** The calibration subset; default {@link calibrationSubset}. */
  calibration?: Set<string>;
}

const isRate = (m: CorpusCase["metric"]) => m !== "step-seconds";

/**
 * The protocol that cannot flatter itself (issue 12 item 2): every case's layout is fixed first (as
 * published; unpublished fields from the framework's defaults, `caseLayout`); the framework profiles'
 * one constant each is fitted on the named calibration subset (`calibrationSubset`) and every case is
 * predicted with them, in sample or out; then, for each source, the profiles are fitted again on every
 * other source's cases and that source predicted (leave-one-source-out). Nothing is tuned per case.
 * A case's prediction is reported in its own metric: step seconds, or the measured rate times
 * measured/predicted step time (the rate the source would have printed for the predicted step).
 */
export function validateCorpus(corpus: readonly CorpusCase[], options: ValidateOptions): ValidationReport {
  const calibration = options.calibration ?? calibrationSubset(corpus);
  const prepared = corpus.map((c) => {
    const { layout, source } = caseLayout(c, UNFITTED_FRAMEWORK_PROFILES);
    const evaluate = layout ? caseEvaluator(c, layout, UNFITTED_FRAMEWORK_PROFILES) : undefined;
    return { c, layout, layoutSource: source, evaluate, measured: options.measuredStepSeconds(c) };
  });
  const measured = new Map(prepared.map((p) => [p.c.name, p.measured]));
  const fitCases = (keep: (c: CorpusCase) => boolean): FitCase[] =>
    prepared
      .filter((p) => keep(p.c) && p.evaluate !== undefined)
      .map((p) => ({
        framework: caseFramework(p.c),
        source: p.c.source.id,
        evaluate: p.evaluate!,
        measuredSeconds: p.measured,
      }));
  const fit = fitFrameworks(fitCases((c) => calibration.has(c.name)));
  const predictSeconds = (p: (typeof prepared)[number], f: FrameworkFit) => {
    const r = p.evaluate?.(f.profiles[caseFramework(p.c)].kernelEfficiency);
    return r?.feasible
      ? {
          seconds: r.step.seconds,
          memoryBytes: r.memory.perDeviceBytes,
          capacityBytes: r.memory.capacityBytes,
          memoryFits: r.memory.perDeviceBytes <= r.memory.capacityBytes,
        }
      : { seconds: NaN, memoryBytes: NaN, capacityBytes: NaN, memoryFits: false };
  };
  const loso = new Map<string, number>();
  for (const source of new Set(corpus.map((c) => c.source.id))) {
    const f = fitFrameworks(
      fitCases(
        (c) =>
          c.source.id !== source &&
          c.verified !== "memory" &&
          !c.notModelled &&
          !NEVER_CALIBRATE_SOURCES.includes(c.source.id),
      ),
    );
    for (const p of prepared) if (p.c.source.id === source) loso.set(p.c.name, predictSeconds(p, f).seconds);
  }
  const inMetric = (c: CorpusCase, seconds: number) =>
    isRate(c.metric) ? (c.value * measured.get(c.name)!) / seconds : seconds;
  const cases: CaseResult[] = prepared.map((pc) => {
    const c = pc.c;
    const p = predictSeconds(pc, fit);
    const predicted = inMetric(c, p.seconds);
    const l = pc.layout;
    return {
      name: c.name,
      source: c.source.id,
      accelerator: c.accelerator,
      framework: c.framework,
      metric: c.metric,
      measured: c.value,
      predicted,
      deltaPct: (100 * (predicted - c.value)) / c.value,
      inSample: calibration.has(c.name),
      moe: c.moe,
      leaveOneSourceOutDeltaPct: (100 * (inMetric(c, loso.get(c.name)!) - c.value)) / c.value,
      layout: l ? formatLayout(l) : "(no layout)",
      layoutSource: pc.layoutSource,
      memoryBytes: p.memoryBytes,
      capacityBytes: p.capacityBytes,
      memoryFits: p.memoryFits,
      ...(c.notModelled ? { notModelled: c.notModelled } : {}),
    };
  });
  // cases the model does not model are printed, never counted
  const counted = cases.filter((r) => !r.notModelled);
  const out = counted.filter((r) => !r.inSample);
  const group = (rs: CaseResult[]): GroupStats => ({
    outOfSample: errorStats(rs.filter((r) => !r.inSample).map((r) => r.deltaPct)),
    denseOutOfSample: errorStats(rs.filter((r) => !r.inSample && !r.moe).map((r) => r.deltaPct)),
    inSample: errorStats(rs.filter((r) => r.inSample).map((r) => r.deltaPct)),
    leaveOneSourceOut: errorStats(rs.map((r) => r.leaveOneSourceOutDeltaPct)),
  });
  const by = (key: (r: CaseResult) => string) => {
    const m: Record<string, CaseResult[]> = {};
    for (const r of counted) (m[key(r)] ??= []).push(r);
    return Object.fromEntries(Object.entries(m).map(([k, rs]) => [k, group(rs)]));
  };
  return {
    cases,
    summary: {
      outOfSample: {
        ...errorStats(out.map((r) => r.deltaPct)),
        dense: errorStats(out.filter((r) => !r.moe).map((r) => r.deltaPct)),
        moe: errorStats(out.filter((r) => r.moe).map((r) => r.deltaPct)),
        leaveOneSourceOut: {
          ...errorStats(counted.map((r) => r.leaveOneSourceOutDeltaPct)),
          dense: errorStats(counted.filter((r) => !r.moe).map((r) => r.leaveOneSourceOutDeltaPct)),
        },
      },
      inSample: {
        ...errorStats(counted.filter((r) => r.inSample).map((r) => r.deltaPct)),
        cases: counted.filter((r) => r.inSample).map((r) => r.name),
        fitted: { kernelEfficiency: fit.kernelEfficiency, pooled: fit.pooled },
      },
      byAccelerator: by((r) => r.accelerator),
      bySource: by((r) => r.source),
      notModelled: cases.flatMap((r) => (r.notModelled ? [{ name: r.name, reason: r.notModelled }] : [])),
      memory: {
        ran: counted.length,
        fit: counted.filter((r) => r.memoryFits).length,
        over: counted
          .filter((r) => !r.memoryFits)
          .map((r) => ({ name: r.name, memoryBytes: r.memoryBytes, capacityBytes: r.capacityBytes })),
      },
    },
  };
}
