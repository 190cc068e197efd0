// Regenerate src/validation/stepTimeResiduals.json: the step-time model's out-of-sample residuals on the
// validation corpus (what a forecast's intervals draw the model's error from; issue 12 item 5). Run after
// any change to the step-time model or the corpus: `npm run residuals`. test/validation/
// stepTimeResiduals.slow.test.ts checks that the file matches the model.
import { writeFileSync } from "node:fs";
import { bestMeasuredMfu } from "../dist/validation/bestMeasuredMfu.js";
import { mfuPrecisionClass } from "../dist/validation/bestMfu.js";
import { CORPUS } from "../dist/validation/corpus.js";
import { largestMeasured } from "../dist/validation/largestMeasured.js";
import { measuredStepSeconds } from "../dist/validation/measuredStepSeconds.js";
import { outOfSampleResiduals } from "../dist/validation/modelError.js";
import { validateCorpus } from "../dist/validation/validateCorpus.js";

const report = validateCorpus(CORPUS, { measuredStepSeconds });
const residuals = outOfSampleResiduals(report.cases).map((r, i) => ({
  case: report.cases.filter((c) => !c.inSample && Number.isFinite(c.predicted))[i].name,
  accelerator: r.accelerator,
  logRatio: Number(r.logRatio.toFixed(6)),
}));
// the best MFU each accelerator reached in the corpus, per precision class: a prediction above it gets a
// warning
const bestMfu = {};
for (const a of [...new Set(CORPUS.map((c) => c.accelerator))].sort()) {
  for (const p of [...new Set(CORPUS.filter((c) => c.accelerator === a).map((c) => c.precision))].sort()) {
    const best = bestMeasuredMfu(CORPUS, a, p);
    bestMfu[a] = {
      ...bestMfu[a],
      [mfuPrecisionClass(p)]: { mfu: Number(best.mfu.toFixed(6)), case: best.case },
    };
  }
}
// how far the corpus reaches per accelerator (devices, parameters, sequence): a plan past it is warned
const largest = {};
for (const a of [...new Set(CORPUS.map((c) => c.accelerator))].sort())
  largest[a] = largestMeasured(CORPUS, a);
const doc = {
  description:
    "ln(measured / predicted step time) of every out-of-sample case of the validation corpus (scalecast validate), the best MFU (PaLM App. B) each accelerator reached in it per precision class, and its largest run per accelerator (devices, parameters, sequence); regenerate with npm run residuals",
  residuals,
  bestMfu,
  largestMeasured: largest,
};
const out = new URL("../src/validation/stepTimeResiduals.json", import.meta.url);
writeFileSync(out, `${JSON.stringify(doc, null, 2)}\n`);
console.log(`wrote ${residuals.length} residuals to ${out.pathname}`);
