import { accelerator } from "../hardware/catalog.js";
import { type LayoutResult, layoutEvaluator } from "../parallel/evaluateLayout.js";
import { type FrameworkName, type FrameworkProfile } from "../parallel/framework.js";
import { MEGATRON_CORE_FROM_YEAR } from "../parallel/frameworkRules.js";
import { FRAMEWORK_PROFILES } from "../parallel/frameworkProfiles.js";
import { isCompleteLayout, type Layout } from "../parallel/layout.js";
import { searchLayouts } from "../parallel/searchLayouts.js";
import { stepProfile, type StepProfile } from "../parallel/stepProfile.js";
import { bindSystem, systemFor } from "../parallel/systemFor.js";
import { RECOMPUTE } from "../workload/execution.js";
import type { Precision } from "../workload/precision.js";
import type { CorpusCase } from "./corpusCase.js";
import { corpusModelSpec } from "./corpusModel.js";

/** Framework profiles by name, as the protocol fits them. */
export type FrameworkProfiles = Readonly<Record<FrameworkName, FrameworkProfile>>;

/** Largest micro-batch searched where a source's layout does not fit with the framework's defaults. */
export const CORPUS_MAX_MICRO_BATCH = 16;

export { MEGATRON_CORE_FROM_YEAR } from "../parallel/frameworkRules.js";

/** The framework profile a case runs with (the corpus's label, Megatron's generation resolved). */
export function caseFramework(c: CorpusCase): FrameworkName {
  if (c.framework === "megatron" && (accelerator(c.accelerator).released ?? 0) >= MEGATRON_CORE_FROM_YEAR)
    return "megatron-core";
  return c.framework;
}

const profiles = new Map<string, StepProfile>();

/** The step profile of a case's model, sequence and precision (memoised: the protocol asks often). */
export function caseProfile(c: CorpusCase): StepProfile {
  const key = `${JSON.stringify(c.model)}|${c.seq}|${c.precision}`;
  let p = profiles.get(key);
  if (!p) {
    p = stepProfile(corpusModelSpec(c), { seq: c.seq, precision: c.precision as Precision });
    profiles.set(key, p);
  }
  return p;
}

/**
 * The attention kernels of a case: as published, or where the source does not say, fused on every
 * accelerator FlashAttention runs on and standard on V100 (FlashAttention needs sm75+).
 */
export function caseAttention(c: CorpusCase): "flash" | "standard" {
  return c.attention ?? (c.accelerator.startsWith("v100") ? "standard" : "flash");
}

/**
 * The framework profile a case runs with: its framework's, with what the source states about its stack
 * where that differs (`stack`, corpusCase.ts: fusion, embedding chunks, gradient precision, overlapped
 * gradient reduction, tensor and expert parallelism, a synchronous tensor-parallel backward, gradient
 * accumulation as its own pass, the loss and optimizer kernels).
 */
export function caseProfileOf(c: CorpusCase, frameworks: FrameworkProfiles): FrameworkProfile {
  const fw = frameworks[caseFramework(c)];
  if (!c.stack) return fw;
  const { overlapTensorParallel, overlapGradients, overlapExpertParallel, ...rest } = c.stack;
  return {
    ...fw,
    ...rest,
    overlap: {
      ...fw.overlap,
      gradients: overlapGradients ?? fw.overlap.gradients,
      tensorParallel: overlapTensorParallel ?? fw.overlap.tensorParallel,
      expertParallel: overlapExpertParallel ?? fw.overlap.expertParallel,
    },
  };
}

/** The catalog system of a case with the given framework profiles. */
function caseSystem(c: CorpusCase, frameworks: FrameworkProfiles) {
  return systemFor(accelerator(c.accelerator), { framework: caseProfileOf(c, frameworks) });
}

/** How a case's layout was completed. */
export type LayoutSource =
  "published" | "defaults" | "defaults-over-memory" | "searched" | "searched-over-memory";

/**
 * The layout a case ran. Fields the source publishes are kept; a missing cp or ep is what the device
 * count or a dense model leaves (1 otherwise); the rest take the framework's defaults (`defaults`:
 * micro-batch, interleaving, sequence parallelism, ZeRO stage) with the least recompute that fits in
 * memory, not the model's optimum, which would flatter the model. Where the source publishes the
 * degrees (dp, tp, pp, cp) and no recompute fits, the defaults are kept under the most frugal
 * recompute (`defaults-over-memory`: the run did run, so the memory model is wrong there; inventing a
 * smaller micro-batch with gradient accumulation the stack did not use would be a second error). Only
 * without published degrees are the unpublished fields searched (fastest layout that fits,
 * micro-batches up to {@link CORPUS_MAX_MICRO_BATCH}); when nothing fits at all, the fastest layout is
 * taken regardless of memory (`searched-over-memory`).
 */
export function caseLayout(
  c: CorpusCase,
  frameworks: FrameworkProfiles = FRAMEWORK_PROFILES,
): { layout: Layout | undefined; source: LayoutSource } {
  const fixed: Partial<Layout> = { ...c.layout };
  if (fixed.cp === undefined && fixed.dp !== undefined && fixed.tp !== undefined && fixed.pp !== undefined) {
    const rest = c.devices / (fixed.dp * fixed.tp * fixed.pp);
    if (Number.isInteger(rest)) fixed.cp = rest;
  }
  if (fixed.ep === undefined && !c.moe) fixed.ep = 1;
  if (isCompleteLayout(fixed)) return { layout: fixed, source: "published" };
  const fw = caseProfileOf(c, frameworks);
  const sys = bindSystem(caseSystem(c, frameworks), c.precision as Precision);
  const evaluate = layoutEvaluator(caseProfile(c), sys, {
    globalBatch: c.globalBatch,
    attention: caseAttention(c),
  });
  if (fixed.dp !== undefined && fixed.tp !== undefined && fixed.pp !== undefined && fixed.cp !== undefined) {
    const d = fw.defaults;
    let last: Layout | undefined;
    for (const recompute of fixed.recompute !== undefined ? [fixed.recompute] : RECOMPUTE) {
      const l: Layout = {
        dp: fixed.dp,
        tp: fixed.tp,
        pp: fixed.pp,
        cp: fixed.cp,
        ep: fixed.ep ?? 1,
        vp: fixed.vp ?? d.vp,
        mb: fixed.mb ?? (d.mb !== "batch" ? d.mb : fixed.pp === 1 ? c.globalBatch / fixed.dp : 1),
        recompute,
        sp: fixed.sp ?? (d.sp && fixed.tp > 1),
        zero: fixed.zero ?? (fixed.dp * fixed.cp > 1 ? d.zero : 0),
      };
      if (evaluate(l).feasible) return { layout: l, source: "defaults" };
      last = l;
    }
    // the run did run with its published degrees: keep the stack's defaults under the most frugal
    // recompute rather than invent a micro-batch or gradient accumulation the stack did not use
    if (last) return { layout: last, source: "defaults-over-memory" };
  }
  const search = (timeWhenOverMemory: boolean) =>
    searchLayouts({
      profile: caseProfile(c),
      accelerator: accelerator(c.accelerator),
      system: caseSystem(c, frameworks),
      precision: c.precision as Precision,
      space: {
        devices: c.devices,
        globalBatch: c.globalBatch,
        fixed,
        maxMicroBatch: Math.max(CORPUS_MAX_MICRO_BATCH, fixed.mb ?? 0),
      },
      evaluate: { attention: caseAttention(c), timeWhenOverMemory },
      objective: { objective: "throughput" },
      top: 1,
    }).top[0]?.layout;
  const found = search(false);
  if (found) return { layout: found, source: "searched" };
  const over = search(true);
  return { layout: over, source: "searched-over-memory" };
}

/**
 * A case's step-time model on one layout: `evaluate(k)` times the layout with kernel efficiency k (the
 * calibration fit varies it; segment times are computed once). A published layout ran, so it is timed
 * even where the memory model says it does not fit (`memory.perDeviceBytes` > capacity then shows the
 * memory model's own error).
 */
export function caseEvaluator(
  c: CorpusCase,
  layout: Layout,
  frameworks: FrameworkProfiles = FRAMEWORK_PROFILES,
): (kernelEfficiency?: number) => LayoutResult {
  const sys = bindSystem(caseSystem(c, frameworks), c.precision as Precision);
  const evaluate = layoutEvaluator(caseProfile(c), sys, {
    globalBatch: c.globalBatch,
    attention: caseAttention(c),
    timeWhenOverMemory: true,
  });
  return (k) => evaluate(layout, k);
}
