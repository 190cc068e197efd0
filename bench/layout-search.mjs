// Layout-search benchmark: layouts evaluated per second, and the full search for a 530B GPT (105 layers,
// hidden 20480, 128 heads, seq 2048) on 5,120 A100 80 GB with a global batch of 2,560 sequences, with
// the context- and expert-parallel dimensions in the space. The baseline is measured in the same run: the
// same search with cp fixed to 1 (the space before cp was a dimension), so the ratio says what cp costs.
// Run after `npm run build`: node bench/layout-search.mjs
import { performance } from "node:perf_hooks";
import { accelerator } from "../dist/hardware/catalog.js";
import { layoutEvaluator } from "../dist/parallel/evaluateLayout.js";
import { formatLayout } from "../dist/parallel/layout.js";
import { memoryFill } from "../dist/parallel/objective.js";
import { jobContext, jobTuples, searchLayouts } from "../dist/parallel/searchLayouts.js";
import { innerLayouts } from "../dist/parallel/searchSpace.js";
import { stepProfile } from "../dist/parallel/stepProfile.js";
import { bindSystem, systemFor } from "../dist/parallel/systemFor.js";

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
