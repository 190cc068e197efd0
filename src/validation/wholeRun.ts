import { z } from "zod";
import { accelerator } from "../hardware/catalog.js";
import { stepProfile } from "../parallel/stepProfile.js";
import { bestLayout } from "../plan/bestLayout.js";
import { checkpointBytesOf, layoutRunCost } from "../plan/layoutRunCost.js";
import { InputError } from "../units/InputError.js";
import { modelPreset } from "../workload/presets/index.js";
import type { CorpusCase } from "./corpusCase.js";
import { type ErrorStats, errorStats } from "./errorStats.js";
import { caseEvaluator, caseLayout, caseProfile } from "./predictCase.js";
import wholeRuns from "./runs/wholeRuns.json" with { type: "json" };

/**
 * A whole training run a source reports the device-hours of (every hour the devices were held, steps or
 * not), for judging the chain `plan --tokens` runs: the step-time model, the layout search and the
 * goodput model together. Nothing is fitted on them.
 */
export const WholeRunSchema = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
  source: z.object({ id: z.string(), citation: z.string(), where: z.string(), url: z.string().optional() }),
  verified: z.enum(["read", "secondary", "memory"]),
  quote: z.string(),
  accelerator: z.string(),
  devices: z.number().int().positive(),
  /** A model preset, searched on the accelerator's default stack, or `corpus:<case>`: that case's step. */
  model: z.string(),
  seq: z.number().int().positive(),
  globalBatch: z.number().int().positive(),
  /** Tokens trained on. */
  tokens: z.number().positive(),
  /** Device-hours the source reports. */
  deviceHours: z.number().positive(),
  /** Unpublished fields and the values taken for them. */
  assumed: z.string(),
});
export type WholeRun = z.output<typeof WholeRunSchema>;

/** The whole runs of `src/validation/runs/wholeRuns.json`, validated when this module loads. */
export const WHOLE_RUNS: readonly WholeRun[] = Object.freeze(parseWholeRuns(wholeRuns));

function parseWholeRuns(data: unknown): WholeRun[] {
  const parsed = z.object({ runs: z.array(WholeRunSchema).min(1) }).safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(`runs/wholeRuns.json ${issue.path.join(".")}`, undefined, issue.message);
  }
  return parsed.data.runs;
}

/** One whole run predicted. */
export interface WholeRunResult {
  name: string;
  source: string;
  accelerator: string;
  devices: number;
  measuredDeviceHours: number;
  predictedDeviceHours: number;
  /** (predicted − measured) / measured, percent. */
  deltaPct: number;
  /** The goodput fraction the prediction divides its steps by. */
  goodput: number;
  mfu: number;
}

/** The step of a run: its tokens per second, MFU and checkpoint bytes. */
function runStep(run: WholeRun, corpus: readonly CorpusCase[]) {
  if (run.model.startsWith("corpus:")) {
    const c = corpus.find((x) => x.name === run.model.slice(7));
    if (!c) throw new InputError(`whole run ${run.name} model`, run.model, "corpus:<a corpus case name>");
    // the case's step stands for the run's: the same hardware, count, batch and sequence, or it says so
    for (const k of ["accelerator", "devices", "globalBatch", "seq"] as const)
      if (c[k] !== run[k])
        throw new InputError(
          `whole run ${run.name} ${k}`,
          run[k],
          `${String(c[k])}, as its step's case ${c.name}`,
        );
    const r = caseEvaluator(c, caseLayout(c).layout!)();
    if (!r.feasible)
      throw new InputError(`whole run ${run.name}`, run.model, `a case that runs: ${r.message}`);
    return {
      tokensPerSecond: (c.globalBatch * c.seq) / r.step.seconds,
      mfu: r.mfu,
      checkpointBytes: checkpointBytesOf(caseProfile(c)),
    };
  }
  const profile = stepProfile(modelPreset(run.model).spec, { precision: "bf16", seq: run.seq });
  const { best } = bestLayout({
    profile,
    accelerator: accelerator(run.accelerator),
    precision: "bf16",
    globalBatch: run.globalBatch,
    devices: run.devices,
  });
  if (!best) throw new InputError(`whole run ${run.name}`, run.model, "a model some layout fits");
  return {
    tokensPerSecond: best.tokensPerSecond,
    mfu: best.mfu,
    checkpointBytes: checkpointBytesOf(profile),
  };
}

/**
 * Predict a whole run's device-hours as `plan --search --tokens` does: the step (the search's best layout
 * on the accelerator's default stack, or a corpus case's published layout), the tokens over its
 * throughput, divided by the goodput model's fraction at its defaults (Llama 3's interruption rate,
 * 15-minute restarts, checkpoints at Daly's interval), times the devices.
 */
export function predictWholeRun(run: WholeRun, corpus: readonly CorpusCase[]): WholeRunResult {
  const step = runStep(run, corpus);
  const acc = accelerator(run.accelerator);
  const cost = layoutRunCost({
    units: run.tokens,
    unitsPerSecond: step.tokensPerSecond,
    devices: run.devices,
    checkpointBytes: step.checkpointBytes,
    tdpWatts: acc.tdpWatts,
    dollarsPerHour: acc.price?.dollarsPerHour,
  });
  const predicted = cost.train.deviceHours;
  return {
    name: run.name,
    source: run.source.id,
    accelerator: run.accelerator,
    devices: run.devices,
    measuredDeviceHours: run.deviceHours,
    predictedDeviceHours: predicted,
    deltaPct: (100 * (predicted - run.deviceHours)) / run.deviceHours,
    goodput: cost.goodput.fraction,
    mfu: step.mfu,
  };
}

/** Every whole run predicted, with the mean and max |delta|. */
export function validateWholeRuns(
  runs: readonly WholeRun[],
  corpus: readonly CorpusCase[],
): { runs: WholeRunResult[]; summary: ErrorStats } {
  const results = runs.map((r) => predictWholeRun(r, corpus));
  return { runs: results, summary: errorStats(results.map((r) => r.deltaPct)) };
}
