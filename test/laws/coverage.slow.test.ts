import { describe, expect, it } from "vitest";
import { normal, rngFor } from "../../src/fit/random.js";
import { evaluateLaw } from "../../src/laws/evaluateLaw.js";
import { FAMILIES, type FamilyName } from "../../src/laws/families.js";
import { fitLaw } from "../../src/laws/fitLaw.js";

// Issue acceptance: data drawn from each family with known parameters and noise; the 95% bootstrap
// intervals must cover the true parameters in at least 90% of seeded trials. Truth and noise are set
// here, outside the code under test; log-normal noise of 3% on y.
const TRIALS = 100;
const RESAMPLES = 200;
const NOISE_LOG_SD = 0.03;

interface Setup {
  family: FamilyName;
  truth: Record<string, number>;
  points: [number, number][];
  starts?: Float64Array[];
}

const logspace = (lo: number, hi: number, n: number) =>
  Array.from({ length: n }, (_, i) => 10 ** (lo + ((hi - lo) * i) / (n - 1)));

const grid2 = (ns: number[], ds: number[]) => ns.flatMap((n) => ds.map((d) => [n, d] as [number, number]));

const SETUPS: Setup[] = [
  {
    family: "power",
    truth: { alpha: 20, beta: -0.3, gamma: 0.5 },
    points: logspace(4, 9, 30).map((x) => [x, 1]),
  },
  {
    family: "power-no-floor",
    truth: { alpha: 13, beta: -0.066 },
    points: logspace(6, 9, 20).map((x) => [x, 1]),
  },
  {
    family: "three-region",
    truth: { plateau: 3, alpha: 40, beta: -0.35, gamma: 0.3 },
    points: logspace(1, 8, 40).map((x) => [x, 1]),
  },
  {
    family: "chinchilla",
    truth: { E: 1.82, A: 482, B: 2085, alpha: 0.35, beta: 0.37 },
    points: grid2(logspace(7, 10, 6), logspace(9, 12, 8)),
    // a 3x3x2x2x2 subset of Epoch's grid keeps 100 trials fast; every trial still converges
    starts: [0, 1].flatMap((alpha) =>
      [0, 1].flatMap((beta) =>
        [-1, 0, 1].flatMap((e) =>
          [0, 10, 20].flatMap((a) => [0, 10, 20].map((b) => Float64Array.of(a, b, e, alpha, beta))),
        ),
      ),
    ),
  },
  {
    family: "kaplan-nd",
    truth: { Nc: 6.4e13, Dc: 1.8e13, alphaN: 0.076, alphaD: 0.103 },
    points: grid2(logspace(6, 10, 6), logspace(7, 11, 8)),
  },
  {
    family: "kaplan-ns",
    truth: { Nc: 6.5e13, Sc: 2.1e3, alphaN: 0.077, alphaS: 0.76 },
    points: grid2(logspace(6, 10, 6), logspace(3, 6, 8)),
  },
];

function draw(setup: Setup, trial: number) {
  const rng = rngFor(1000 + trial, 7);
  const fam = FAMILIES[setup.family];
  const y = Float64Array.from(
    setup.points,
    ([a, b]) => evaluateLaw(fam, setup.truth, a, b) * Math.exp(NOISE_LOG_SD * normal(rng)),
  );
  const inputs = fam.inputs.map((_, j) => Float64Array.from(setup.points, (p) => p[j]!));
  return { inputs, y };
}

describe("bootstrap intervals cover the truth", () => {
  for (const setup of SETUPS) {
    it(`${setup.family}: 95% intervals cover each true parameter in at least 90% of ${TRIALS} trials`, () => {
      const covered: Record<string, number> = Object.fromEntries(Object.keys(setup.truth).map((k) => [k, 0]));
      for (let t = 0; t < TRIALS; t++) {
        const fit = fitLaw(setup.family, draw(setup, t), {
          bootstrap: RESAMPLES,
          seed: t,
          ...(setup.starts ? { starts: setup.starts } : {}),
        });
        if (fit.status !== "converged") throw new Error(`trial ${t} did not converge`);
        for (const [k, truth] of Object.entries(setup.truth)) {
          const ci = fit.params[k]!.ci95!;
          if (ci[0] <= truth && truth <= ci[1]) covered[k]!++;
        }
      }
      const rates = Object.fromEntries(Object.entries(covered).map(([k, c]) => [k, c / TRIALS]));
      console.log(`coverage ${setup.family}: ${JSON.stringify(rates)}`);
      for (const rate of Object.values(rates)) expect(rate).toBeGreaterThanOrEqual(0.9);
    });
  }
});
