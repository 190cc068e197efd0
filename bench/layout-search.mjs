// Layout-search benchmark: layouts evaluated per second, and the full search for a 530B GPT (105 layers,
// hidden 20480, 128 heads, seq 2048) on 5,120 A100 80 GB with a global batch of 2,560 sequences.
// Run after `npm run build`: node bench/layout-search.mjs
import { performance } from "node:perf_hooks";
import { accelerator } from "../dist/hardware/catalog.js";
import { layoutEvaluator } from "../dist/parallel/evaluateLayout.js";
import { innerLayouts, outerTriples } from "../dist/parallel/searchSpace.js";
import { searchLayouts } from "../dist/parallel/searchLayouts.js";
import { stepProfile } from "../dist/parallel/stepProfile.js";
import { systemFor } from "../dist/parallel/systemFor.js";
import { formatLayout } from "../dist/parallel/layout.js";

const CALCULON_SECONDS_PER_LAYOUT = 0.018; // REFERENCE.md "Peers": ~18 ms per configuration (quoted; not run here)
const model = { family: "decoder", layers: 105, hidden: 20480, heads: 128, vocab: 51200, seq: 2048 };
const acc = accelerator("a100-80gb");
const t0 = performance.now();
const profile = stepProfile(model, { precision: "bf16" });
const profileSeconds = (performance.now() - t0) / 1e3;
const space = {
  devices: 5120,
  globalBatch: 2560,
  blocks: profile.blocks,
  heads: profile.heads,
  devicesPerNode: acc.devicesPerNode,
};

// 1. raw evaluation rate over every layout of the space (feasible or not), all timed by the evaluator
const layouts = outerTriples(space).flatMap((t) => innerLayouts(space, t));
const evaluate = layoutEvaluator(profile, systemFor(acc, "bf16"), { globalBatch: 2560 });
for (const l of layouts.slice(0, 2000)) evaluate(l); // warm-up
let rounds = 0;
let evaluated = 0;
const t1 = performance.now();
while (performance.now() - t1 < 2000) {
  for (const l of layouts) evaluate(l);
  evaluated += layouts.length;
  rounds++;
}
const rate = evaluated / ((performance.now() - t1) / 1e3);

// 1b. rejected layouts' "needs X per device" messages (issue 17): formatted only when read now; the
// baseline, measured in the same run, reads every one, as the evaluator formatted them all before
function passSeconds(readMessages) {
  let chars = 0;
  const t = performance.now();
  for (const l of layouts) {
    const r = evaluate(l);
    if (readMessages && !r.feasible) chars += r.message.length;
  }
  return [(performance.now() - t) / 1e3, chars];
}
const lazy = [];
const eager = [];
for (let i = 0; i < 5; i++) {
  eager.push(passSeconds(true)[0]);
  lazy.push(passSeconds(false)[0]);
}
const median = (v) => [...v].sort((a, b) => a - b)[v.length >> 1];
const rejected = layouts.filter((l) => !evaluate(l).feasible).length;

// 2. the full search (one thread, pruning on)
const t2 = performance.now();
const found = searchLayouts({
  profile,
  accelerator: acc,
  precision: "bf16",
  space: { devices: 5120, globalBatch: 2560 },
  evaluate: {},
  objective: { objective: "throughput" },
  top: 5,
});
const searchSeconds = (performance.now() - t2) / 1e3;
const total = found.evaluated + found.pruned;
console.log(`530B GPT (105 layers, h 20480, 128 heads, seq 2048) on 5,120 A100 80 GB, global batch 2,560`);
console.log(`profile (two workload evaluations): ${(profileSeconds * 1e3).toFixed(1)} ms`);
console.log(`space: ${layouts.length} layouts (${outerTriples(space).length} (tp, pp, dp) triples)`);
console.log(
  `evaluation rate: ${Math.round(rate).toLocaleString("en-US")} layouts/s (${(1e6 / rate).toFixed(2)} µs each, ${rounds} passes)`,
);
console.log(
  `  vs Calculon ~18 ms/layout: ${Math.round(rate * CALCULON_SECONDS_PER_LAYOUT).toLocaleString("en-US")}× faster`,
);
console.log(
  `rejected messages: ${rejected} of ${layouts.length} layouts rejected; a pass formatting every message ${(median(eager) * 1e3).toFixed(1)} ms (before), formatting none ${(median(lazy) * 1e3).toFixed(1)} ms (now): ratio ${(median(eager) / median(lazy)).toFixed(2)}x (medians of 5 interleaved)`,
);
console.log(
  `full search: ${found.evaluated} timed + ${found.pruned} pruned = ${total} in ${(searchSeconds * 1e3).toFixed(1)} ms`,
);
console.log(
  `  Calculon at 18 ms/layout would take ${(total * CALCULON_SECONDS_PER_LAYOUT).toFixed(1)} s for the same ${total}`,
);
for (const [i, t] of found.top.entries())
  console.log(
    `  #${i + 1} ${formatLayout(t.layout)}  step ${t.step.seconds.toFixed(2)} s  MFU ${(100 * t.mfu).toFixed(1)}%  ${(t.memory.perDeviceBytes / 2 ** 30).toFixed(1)} GiB`,
  );
