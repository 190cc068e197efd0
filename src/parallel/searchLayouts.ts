import type { Accelerator } from "../hardware/accelerator.js";
import type { Precision } from "../workload/precision.js";
import { type EvaluateOptions, layoutEvaluator, type TimedLayout } from "./evaluateLayout.js";
import { LAYOUT_DIMS, type Layout } from "./layout.js";
import type { SearchContext } from "./layoutDim.js";
import { type ObjectiveContext, score } from "./objective.js";
import { innerLayouts, type OuterTuple, outerTuples, type SearchSpaceOptions } from "./searchSpace.js";
import type { StepProfile } from "./stepProfile.js";
import type { ParallelSystem } from "./system.js";
import { bindSystem, systemFor } from "./systemFor.js";
import type { System } from "./systemSchema.js";

/** A search job: plain data, so that it can be posted to a worker thread. */
export interface SearchJob {
  profile: StepProfile;
  /** The catalog accelerator (its default system is used unless `system` is given). */
  accelerator: Accelerator;
  /** The system to time layouts on (a calibrated or user file); default `systemFor(accelerator)`. */
  system?: System;
  precision: Precision;
  space: SearchSpaceOptions;
  evaluate: Omit<EvaluateOptions, "globalBatch">;
  objective: ObjectiveContext;
  /** Layouts kept, best first; default 10. */
  top?: number;
}

/** What a chunk of the search found. */
export interface SearchChunkResult {
  top: TimedLayout[];
  /** Layouts timed. */
  evaluated: number;
  /** Layouts rejected without timing (memory or divisibility). */
  pruned: number;
  /** Of the pruned, rejected for memory. */
  prunedMemory: number;
  /** The smallest per-device need among layouts rejected for memory (bytes), when any was. */
  leastMemoryBytes?: number;
}

/** The system a job runs on. */
export function jobSystem(job: SearchJob): System {
  return job.system ?? systemFor(job.accelerator);
}

/** The search context of a job: the model's shape and what the framework supports. */
export function jobContext(job: SearchJob): SearchContext {
  const p = job.profile;
  const sys = jobSystem(job);
  return {
    globalBatch: job.space.globalBatch,
    blocks: p.blocks,
    heads: p.heads,
    kvHeads: p.kvHeads,
    experts: p.experts,
    seq: p.tokensPerSample,
    devicesPerNode: sys.accelerator.devicesPerNode,
    maxMicroBatch: job.space.maxMicroBatch ?? 64,
    supports: sys.framework.supports,
  };
}

/** The outer tuples of a job's search space (chunks are ranges of them). */
export function jobTuples(job: SearchJob): OuterTuple[] {
  return outerTuples(jobContext(job), job.space);
}

/** Insert `t` into the best-first list `top` of at most `k`, by score. */
export function keepTop(top: { t: TimedLayout; s: number }[], t: TimedLayout, s: number, k: number): void {
  if (top.length === k && s >= top[k - 1]!.s) return;
  let i = top.length;
  while (i > 0 && top[i - 1]!.s > s) i--;
  top.splice(i, 0, { t, s });
  if (top.length > k) top.pop();
}

/**
 * The most memory-frugal inner layout of an outer tuple (smallest micro-batch, full recompute, sequence
 * parallel, the highest ZeRO stage and expert-parallel degree on offer): when even it does not fit, no
 * inner layout does (memory only grows as those relax).
 */
function frugal(inner: readonly Layout[]): Layout {
  const pick = <K extends keyof Layout>(key: K, better: (a: Layout[K], b: Layout[K]) => boolean) =>
    inner.reduce((best, l) => (better(l[key], best) ? l[key] : best), inner[0]![key]);
  const l = inner[0]!;
  // a literal with every field in innerLayouts' order: the evaluator sees one object shape
  return {
    dp: l.dp,
    tp: l.tp,
    pp: l.pp,
    cp: l.cp,
    ep: pick("ep", (a, b) => a > b),
    vp: pick("vp", (a, b) => a < b),
    mb: pick("mb", (a, b) => a < b),
    recompute: inner.some((x) => x.recompute === "full") ? "full" : l.recompute,
    sp: inner.some((x) => x.sp),
    zero: pick("zero", (a, b) => a > b),
  };
}

/**
 * The pure core of the layout search over outer tuples [from, to): for each (tp, cp, pp, dp) the most
 * frugal inner layout is checked first and, when even it does not fit, the tuple is pruned untimed;
 * otherwise every inner layout is scored and the `top` best by the objective (headroom and simplicity preferences
 * included) are kept, their full results built only when they enter the list. Rejected layouts are
 * counted, never formatted (issue 17). Deterministic: the same
 * job and range give the same result on any thread. `sys` is the job's system bound to its precision,
 * by default bound here; a caller running several chunks or searches on one system may bind it once
 * and pass it (its memoised GEMM and collective times then serve them all, issue 17).
 */
export function searchChunk(
  job: SearchJob,
  from: number,
  to: number,
  sys: ParallelSystem = bindSystem(jobSystem(job), job.precision),
): SearchChunkResult {
  const context = jobContext(job);
  const tuples = outerTuples(context, job.space).slice(from, to);
  const evaluate = layoutEvaluator(job.profile, sys, { ...job.evaluate, globalBatch: job.space.globalBatch });
  const k = job.top ?? 10;
  const top: { t: TimedLayout; s: number }[] = [];
  let evaluated = 0;
  let pruned = 0;
  let prunedMemory = 0;
  let leastMemoryBytes: number | undefined;
  const flashTies =
    (job.evaluate.attention ?? "flash") === "flash" &&
    job.profile.heads !== undefined &&
    job.space.fixed?.recompute === undefined;
  for (const tuple of tuples) {
    const inner = innerLayouts(context, job.space, tuple);
    if (inner.length === 0) continue;
    const f = evaluate.score(frugal(inner), job.objective);
    if (typeof f !== "number" && f.reason === "memory") {
      pruned += inner.length;
      prunedMemory += inner.length;
      const need = f.memory!.perDeviceBytes;
      if (leastMemoryBytes === undefined || need < leastMemoryBytes) leastMemoryBytes = need;
      continue;
    }
    for (const l of inner) {
      // with flash attention, selective recompute is what flash already does: same time, same memory
      if (flashTies && l.recompute === "selective") continue;
      // the score first; the full result only for a layout that enters the top list (its score is the
      // same number: one code path, evaluateLayout.ts)
      const s = evaluate.score(l, job.objective);
      if (typeof s !== "number") {
        pruned++;
        if (s.reason === "memory") prunedMemory++;
        continue;
      }
      evaluated++;
      if (top.length === k && s >= top[k - 1]!.s) continue;
      keepTop(top, evaluate(l) as TimedLayout, s, k);
    }
  }
  return {
    top: top.map((x) => x.t),
    evaluated,
    pruned,
    prunedMemory,
    ...(leastMemoryBytes !== undefined ? { leastMemoryBytes } : {}),
  };
}

/** Merge chunk results (in chunk order) into one: the best `k` overall and the counts. */
export function mergeChunks(job: SearchJob, chunks: readonly SearchChunkResult[]): SearchChunkResult {
  const k = job.top ?? 10;
  const top: { t: TimedLayout; s: number }[] = [];
  let evaluated = 0;
  let pruned = 0;
  let prunedMemory = 0;
  let leastMemoryBytes: number | undefined;
  for (const c of chunks) {
    evaluated += c.evaluated;
    pruned += c.pruned;
    prunedMemory += c.prunedMemory;
    if (
      c.leastMemoryBytes !== undefined &&
      (leastMemoryBytes === undefined || c.leastMemoryBytes < leastMemoryBytes)
    )
      leastMemoryBytes = c.leastMemoryBytes;
    for (const t of c.top) keepTop(top, t, score(t, job.objective), k);
  }
  return {
    top: top.map((x) => x.t),
    evaluated,
    pruned,
    prunedMemory,
    ...(leastMemoryBytes !== undefined ? { leastMemoryBytes } : {}),
  };
}

/** The whole search on this thread (chunks on worker threads are the CLI's business); `sys` as in {@link searchChunk}. */
export function searchLayouts(job: SearchJob, sys?: ParallelSystem): SearchChunkResult {
  return searchChunk(job, 0, jobTuples(job).length, sys);
}

/** The layout dimensions, for help text. */
export const SEARCHED_DIMENSIONS = LAYOUT_DIMS.map((d) => d.key);
