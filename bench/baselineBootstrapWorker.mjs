// Worker of bench/fit-rows.mjs's baseline: bootstrap resamples refitted as before the preconditioned,
// row-compacted refits (plain L-BFGS from the full-data optimum on all rows, weights 0 on the undrawn ones),
// i.e. what `fit` did before. Same resamples (rngFor(seed, k)), same objective, same stopping rule.
import { parentPort } from "node:worker_threads";
import { bootstrapChunk } from "../dist/fit/bootstrap.js";
import { bindLaw } from "../dist/laws/bindLaw.js";
import { FAMILIES } from "../dist/laws/families.js";
import { prepareLawData } from "../dist/laws/lawData.js";

parentPort.on("message", ({ job, from, count }) => {
  const family = FAMILIES[job.family];
  const prepared = prepareLawData(family, {
    inputs: job.inputs.map((c) => Float64Array.from(c)),
    y: Float64Array.from(job.y),
  });
  const bound = bindLaw(family, prepared.logInputs);
  // the per-row model of before: no fused evaluation, no subsets
  const model = { size: bound.size, rows: bound.rows, logPredict: bound.logPredict };
  const draws = bootstrapChunk({
    problem: { model, logY: prepared.logY },
    theta0: Float64Array.from(job.theta0),
    seed: job.seed,
    from,
    count,
    objective: job.objective,
  });
  parentPort.postMessage({ ok: true, value: draws.map((d) => ({ ...d, theta: Array.from(d.theta) })) });
});
