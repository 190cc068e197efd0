import { checkDivisibility } from "./evaluateLayout.js";
import { type Layout, SINGLE_DEVICE_LAYOUT } from "./layout.js";
import type { StepProfile } from "./stepProfile.js";
import type { ParallelSystem } from "./system.js";
import { type SearchJob, jobContext, jobTuples } from "./searchLayouts.js";
import { bindSystem } from "./systemFor.js";
import { jobSystem } from "./searchLayouts.js";
import { innerLayouts } from "./searchSpace.js";

/** Why no layout of a job can run on its device count, and which nearby counts could. */
export interface NoLayoutDiagnosis {
  /** One sentence: the divisibility that fails. */
  reason: string;
  /** Nearby device counts (below and above) for which some layout divides properly, nearest first. */
  nearby: number[];
}

const hasDividingLayout = (job: SearchJob): boolean => {
  const tuples = jobTuples(job);
  if (tuples.length === 0) return false;
  const context = jobContext(job);
  const sys = bindSystem(jobSystem(job), job.precision);
  return tuples.some((t) =>
    innerLayouts(context, job.space, t).some(
      (l) => checkDivisibility(job.profile, sys, l, job.space.globalBatch) === undefined,
    ),
  );
};

/**
 * Diagnose a search that found no layout for divisibility (issue 13: "plan gpt3-175b ... --devices 1000
 * says no layout fits"): the constraint that fails, in words, and up to `count` device counts within
 * ±`span` of the request (nearest first) for which a layout divides properly. Memory is not judged
 * here: a count listed may still need more memory than the devices have.
 */
export function diagnoseNoLayout(job: SearchJob, count = 4, span = 256): NoLayoutDiagnosis {
  const d = job.space.devices;
  const b = job.space.globalBatch;
  const p = job.profile;
  const node = jobContext(job).devicesPerNode;
  const reason =
    d === undefined
      ? `no layout of at most ${job.space.maxDevices} devices divides the model and the global batch ${b}`
      : `${d} devices = dp·tp·pp·cp needs dp to divide the global batch ${b}, tp to divide the ${node}-device node and the ${p.heads ?? "(no)"} heads, pp to fit the ${p.blocks} blocks and cp the ${p.tokensPerSample}-token sequence, and no combination does${job.space.fixed && Object.keys(job.space.fixed).length ? " with the fields --layout fixes" : ""}`;
  const nearby: number[] = [];
  if (d !== undefined)
    for (let step = 1; step <= span && nearby.length < count; step++)
      for (const n of [d - step, d + step])
        if (
          n >= 1 &&
          nearby.length < count &&
          hasDividingLayout({ ...job, space: { ...job.space, devices: n } })
        )
          nearby.push(n);
  return { reason, nearby };
}

/**
 * What the fields a user fixes cannot do on their own, whatever the search picks for the rest: ep on a
 * dense model, tp beyond the heads or the node, cp that does not divide the sequence, pp·vp beyond the
 * blocks. The rest of the layout is taken neutral (1, and dp at least ep) and the batch checked only when
 * both dp and mb are fixed, so the message is the fixed fields' own; undefined when they fit.
 */
export function fixedFieldsProblem(
  p: StepProfile,
  sys: ParallelSystem,
  fixed: Partial<Layout>,
  globalBatch: number,
): string | undefined {
  const dp = fixed.dp ?? fixed.ep ?? 1;
  const mb = fixed.mb ?? 1;
  const pp = fixed.pp ?? ((fixed.vp ?? 1) > 1 ? 2 : 1);
  const neutral: Layout = { ...SINGLE_DEVICE_LAYOUT, ...fixed, dp, mb, pp };
  const batch = fixed.dp !== undefined && fixed.mb !== undefined ? globalBatch : dp * mb * pp;
  return checkDivisibility(p, sys, neutral, batch);
}
