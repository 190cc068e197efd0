// Layout-search benchmark: layouts evaluated per second, and the full search for a 530B GPT (105 layers,
// hidden 20480, 128 heads, seq 2048) on 5,120 A100 80 GB with a global batch of 2,560 sequences, with
// the context- and expert-parallel dimensions in the space. The baseline is measured in the same run: the
// same search with cp fixed to 1 (the space before cp was a dimension), so the ratio says what cp costs.
// Then the web app's Plan page case (llama2-7b on 128 H100, batch 512, a fresh system as for a new input):
// the search, and its score-only pass over the whole space against a pass building every full result (what
// the search did before issue 17), both in this run.
// Run after `npm run build`: node bench/layout-search.mjs
import { performance } from "node:perf_hooks";
import { accelerator } from "../dist/hardware/catalog.js";
import { layoutEvaluator } from "../dist/parallel/evaluateLayout.js";
import { formatLayout } from "../dist/parallel/layout.js";
import { memoryFill, score } from "../dist/parallel/objective.js";
import { jobContext, jobTuples, searchLayouts } from "../dist/parallel/searchLayouts.js";
import { innerLayouts } from "../dist/parallel/searchSpace.js";
import { stepProfile } from "../dist/parallel/stepProfile.js";
import { bindSystem, systemFor } from "../dist/parallel/systemFor.js";
import { modelPreset } from "../dist/workload/presets/index.js";

const CALCULON_SECONDS_PER_LAYOUT = 0.018; // REFERENCE.md "Peers": ~18 ms per configuration (quoted; not run here)
const model = { family: "decoder", layers: 105, hidden: 20480, heads: 128, vocab: 51200, seq: 2048 };
const acc = accelerator("a100-80gb");
const t0 = performance.now();
const profile = stepProfile(model, { precision: "bf16" });
const profileSeconds = (performance.now() - t0) / 1e3;
// Megatron-Core (uneven pipeline stages); the A100's default stack, Megatron-LM 2021, has no layout here
const system = systemFor(acc, { framework: "megatron-core" });
const job = (fixed = {}) => ({
  profile,
  accelerator: acc,
  system,
  precision: "bf16",
  space: { devices: 5120, globalBatch: 2560, fixed },
  evaluate: {},
  objective: { objective: "throughput" },
  top: 5,
});

// 1. raw evaluation rate over every layout of the space (feasible or not)
const context = jobContext(job());
const layouts = jobTuples(job()).flatMap((t) => innerLayouts(context, job().space, t));
const evaluate = layoutEvaluator(profile, bindSystem(system, "bf16"), { globalBatch: 2560 });
for (const l of layouts.slice(0, 2000)) evaluate(l); // warm-up
let evaluated = 0;
const t1 = performance.now();
while (performance.now() - t1 < 2000) {
  for (const l of layouts) evaluate(l);
  evaluated += layouts.length;
}
const rate = evaluated / ((performance.now() - t1) / 1e3);

// 1b. rejected layouts' "needs X per device" messages (issue 17): formatted only when read (a getter in
// evaluateLayout.ts); the baseline, measured in the same run, reads every one, as the evaluator formatted
// them all before. Medians of 5 interleaved passes over the whole space.
const pass = (readMessages) => {
  const t = performance.now();
  let chars = 0;
  for (const l of layouts) {
    const r = evaluate(l);
    if (readMessages && !r.feasible) chars += r.message.length;
  }
  return [(performance.now() - t) / 1e3, chars];
};
const eager = [];
const lazy = [];
for (let i = 0; i < 5; i++) {
  eager.push(pass(true)[0]);
  lazy.push(pass(false)[0]);
}
const mid = (v) => [...v].sort((a, b) => a - b)[v.length >> 1];
const rejected = layouts.filter((l) => !evaluate(l).feasible).length;

// 2. the full search (one thread, pruning on), the median of 5, against the cp = 1 baseline
const median = (f) => {
  const times = [];
  let r;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    r = f();
    times.push((performance.now() - t) / 1e3);
  }
  times.sort((a, b) => a - b);
  return { seconds: times[2], result: r };
};
const full = median(() => searchLayouts(job()));
const baseline = median(() => searchLayouts(job({ cp: 1 })));
const found = full.result;
const total = found.evaluated + found.pruned;
console.log(`530B GPT (105 layers, h 20480, 128 heads, seq 2048) on 5,120 A100 80 GB, global batch 2,560`);
console.log(`profile (two workload evaluations): ${(profileSeconds * 1e3).toFixed(1)} ms`);
console.log(`space: ${layouts.length} layouts (${jobTuples(job()).length} (tp, cp, pp, dp) tuples)`);
console.log(
  `evaluation rate: ${Math.round(rate).toLocaleString("en-US")} layouts/s (${(1e6 / rate).toFixed(2)} µs each)`,
);
console.log(
  `rejected messages: ${rejected} of ${layouts.length} rejected; a pass formatting every message ${(mid(eager) * 1e3).toFixed(1)} ms (before), none ${(mid(lazy) * 1e3).toFixed(1)} ms (now): ratio ${(mid(eager) / mid(lazy)).toFixed(2)}x`,
);
console.log(
  `full search with cp and ep: ${found.evaluated} timed + ${found.pruned} pruned = ${total} in ${(full.seconds * 1e3).toFixed(1)} ms (median of 5)`,
);
console.log(
  `baseline (cp fixed to 1): ${(baseline.seconds * 1e3).toFixed(1)} ms; ratio ${(full.seconds / baseline.seconds).toFixed(2)}×`,
);
console.log(
  `  target: the full search under 500 ms on this machine: ${full.seconds < 0.5 ? "met" : "NOT met"}`,
);
console.log(
  `  Calculon at 18 ms/layout would take ${(total * CALCULON_SECONDS_PER_LAYOUT).toFixed(1)} s for the same ${total}`,
);
for (const [i, t] of found.top.entries())
  console.log(
    `  #${i + 1} ${formatLayout(t.layout)}  step ${t.step.seconds.toFixed(2)} s  MFU ${(100 * t.mfu).toFixed(1)}%  ${(t.memory.perDeviceBytes / 2 ** 30).toFixed(1)} GiB (${(100 * memoryFill(t)).toFixed(0)}% of usable)  links intra ${t.links.intraNode.busySeconds.toFixed(2)} s, inter ${t.links.interNode.busySeconds.toFixed(2)} s`,
  );

// 3. the Plan page's case: llama2-7b on 128 H100 (its default stack), a fresh system per search (cold memo)
const h100 = accelerator("h100-sxm");
const profile7b = stepProfile(modelPreset("llama2-7b").spec, { precision: "bf16" });
const small = () => ({
  profile: profile7b,
  accelerator: h100,
  precision: "bf16",
  space: { devices: 128, globalBatch: 512 },
  evaluate: {},
  objective: { objective: "throughput" },
  top: 5,
});
const planSearch = median(() => searchLayouts(small()));
const sj = small();
const sctx = jobContext(sj);
const space = jobTuples(sj).flatMap((t) => innerLayouts(sctx, sj.space, t));
const ev = layoutEvaluator(sj.profile, bindSystem(systemFor(h100), "bf16"), { globalBatch: 512 });
const scored = [];
const built = [];
for (let i = 0; i < 9; i++) {
  let t = performance.now();
  for (const l of space) ev.score(l, sj.objective);
  scored.push((performance.now() - t) / 1e3);
  t = performance.now();
  for (const l of space) {
    const r = ev(l);
    if (r.feasible) score(r, sj.objective);
  }
  built.push((performance.now() - t) / 1e3);
}
console.log(
  `llama2-7b on 128 H100 (the Plan page): search ${(planSearch.seconds * 1e3).toFixed(1)} ms (median of 5, ${planSearch.result.evaluated} timed + ${planSearch.result.pruned} pruned)`,
);
console.log(
  `  a pass over its ${space.length} layouts scoring only ${(mid(scored) * 1e3).toFixed(1)} ms, building every result ${(mid(built) * 1e3).toFixed(1)} ms (before issue 17): ratio ${(mid(built) / mid(scored)).toFixed(2)}x (medians of 9)`,
);
