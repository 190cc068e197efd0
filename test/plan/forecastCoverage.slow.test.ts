import { describe, expect, it } from "vitest";
import { normal, rngFor } from "../../src/fit/random.js";
import { accelerator } from "../../src/hardware/catalog.js";
import { fitLaw, type LawFit } from "../../src/laws/fitLaw.js";
import type { Law } from "../../src/laws/law.js";
import { forecast } from "../../src/plan/forecast.js";
import { requirementFor } from "../../src/plan/requirement.js";

const h100 = accelerator("h100-sxm");

// A statistical check over 60 seeded trials (120 bootstrapped fits): in the slow project (npm run test:slow).
describe("forecast intervals", () => {
  it("the 95% interval of the forecast compute covers the truth in at least 90% of seeded trials", () => {
    // truth: eps(m) = 20·m^-0.3 + 0.5 with p(m) = 50·m^0.7 parameters; 3% log-normal noise on both
    const truth = { alpha: 20, beta: -0.3, gamma: 0.5 };
    const target = 0.75;
    const trials = 60;
    let covered = 0;
    for (let t = 0; t < trials; t++) {
      const rng = rngFor(500 + t, 3);
      const x = Float64Array.from({ length: 24 }, (_, i) => 10 ** (4 + (4 * i) / 23));
      const y = x.map((m) => (truth.alpha * m ** truth.beta + truth.gamma) * Math.exp(0.03 * normal(rng)));
      const p = x.map((m) => 50 * m ** 0.7 * Math.exp(0.03 * normal(rng)));
      const fit = fitLaw("power", { inputs: [x], y }, { bootstrap: 200, seed: t }) as LawFit;
      const size = fitLaw("power-no-floor", { inputs: [x], y: p }, { bootstrap: 200, seed: t }) as LawFit;
      const law: Law = {
        name: "synthetic",
        family: "power",
        params: Object.fromEntries(Object.entries(fit.params).map(([k, e]) => [k, e.value])),
        draws: fit.bootstrap!.draws,
        modelSize: {
          sigma: size.params.alpha!.value,
          betaP: size.params.beta!.value,
          paramsPerUnit: 1,
          draws: size.bootstrap!.draws.map((d) => ({ sigma: d.alpha!, betaP: d.beta! })),
        },
        units: { x: "tokens", y: "loss" },
      };
      const f = forecast({ law, target, accelerator: h100, devices: 64, sensitivity: false, maxDraws: 200 });
      const point = requirementFor(law, law.params, { target }, {}, law.modelSize)!;
      const exact = requirementFor(law, truth, { target }, {}, { sigma: 50, betaP: 0.7 })!;
      // the chain's compute is proportional to N·D for a fixed shape: the truth on the same scale
      const trueCompute =
        (f.compute.flops.value * exact.params * exact.tokens) / (point.params * point.tokens);
      const [lo, hi] = f.compute.flops.ci95!;
      if (lo <= trueCompute && trueCompute <= hi) covered++;
    }
    console.log(`forecast compute interval coverage: ${covered}/${trials}`);
    expect(covered / trials).toBeGreaterThanOrEqual(0.9);
  });
});
