import { describe, expect, it } from "vitest";
import { run } from "./run.js";

// A learning curve drawn by hand from eps(m) = 13·m^−0.066 (HAD19's word LM, Table 1), no noise:
// m = 1e6 → 13·e^(−0.066·13.8155) = 13·0.40176 = 5.2229; the rest the same way.
const CURVE = ["x,y", ...[1e6, 1e7, 1e8, 1e9, 1e10].map((m) => `${m},${13 * m ** -0.066}`)].join("\n");

describe("scalecast fit / project", () => {
  it("fit --json prints the documented keys and recovers HAD19's word-LM constants from noiseless points", async () => {
    const r = await run(["fit", "c.csv", "--law", "power-no-floor", "--bootstrap", "50", "--json"], {
      "c.csv": CURVE,
    });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(expect.arrayContaining(["law", "params", "diagnostics", "rows"]));
    expect(j.law).toBe("power-no-floor");
    expect(j.params.alpha.value).toBeCloseTo(13, 6);
    expect(j.params.beta.value).toBeCloseTo(-0.066, 8);
    expect(Object.keys(j.params.alpha)).toEqual(["value", "se", "ci95"]);
    expect(j.rows).toEqual({ read: 5, kept: 5, rejectedCount: 0, byReason: {}, rejected: [] });
    expect(j.diagnostics.r2Log).toBeCloseTo(1, 9);
  });

  it("a fit written by fit --json projects like the preset it came from", async () => {
    const fit = await run(["fit", "c.csv", "--law", "power-no-floor", "--bootstrap", "20", "--json"], {
      "c.csv": CURVE,
    });
    const viaFile = await run(["project", "--law", "fit.json", "--target", "2.48", "--json"], {
      "fit.json": fit.stdout,
    });
    expect(viaFile.code).toBe(0);
    const p = JSON.parse(viaFile.stdout);
    expect(Object.keys(p)).toEqual(
      expect.arrayContaining(["target", "data", "model", "dataScale", "modelScale"]),
    );
    // m* = (2.48/13)^(1/−0.066) = 7.97e10 words (HAD19 Table 1 word LM: 104x of 768M)
    expect(p.data.value / 7.97e10).toBeCloseTo(1, 2);
    // today's data for a fit is the largest measured x, 1e10; 7.97e10 / 1e10 = 7.97
    expect(p.dataScale.value).toBeCloseTo(7.97, 1);
    expect(p.warnings).toEqual([]);
  });

  it("project --json for an L(N, D) preset includes compute = 6ND", async () => {
    const r = await run(["project", "--law", "chinchilla-epoch", "--compute", "5.88e23", "--json"]);
    const p = JSON.parse(r.stdout);
    expect(p.compute.value).toBeCloseTo(5.88e23, -20);
    expect((6 * p.model.value * p.data.value) / 5.88e23).toBeCloseTo(1, 9);
    expect(p.model.value / 7.31e10).toBeCloseTo(1, 2);
  });

  it("warns when a projection extrapolates far past the measured data, saying how far", async () => {
    const fit = await run(["fit", "c.csv", "--law", "power-no-floor", "--bootstrap", "0", "--json"], {
      "c.csv": CURVE,
    });
    const r = await run(["project", "--law", "f.json", "--target", "1.5", "--json"], {
      "f.json": fit.stdout,
    });
    const p = JSON.parse(r.stdout);
    // m* = (1.5/13)^(1/−0.066) = e^(2.1595/0.066) = e^32.72 = 1.62e14, which is 1.62e4 × the largest x (1e10)
    expect(p.warnings[0]).toMatch(
      /extrapolation: data size 1\.6\de\+14 is 1\.6\de\+4x the largest measured \(1\.00e\+10\)/,
    );
  });

  it("--law auto compares families on the held-out largest points and prints the comparison", async () => {
    // eps = 2·m^−0.3 + 0.2, sampled by hand at 12 points; the floor makes the plain power law extrapolate worse
    const rows = Array.from({ length: 12 }, (_, i) => 10 ** (2 + i * 0.5)).map(
      (m) => `${m},${2 * m ** -0.3 + 0.2}`,
    );
    const r = await run(["fit", "a.csv", "--law", "auto", "--bootstrap", "0"], {
      "a.csv": ["x,y", ...rows].join("\n"),
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/law auto: held out the 2 largest point\(s\)/);
    expect(r.stdout).toMatch(/power-no-floor/);
    const j = JSON.parse(
      (
        await run(["fit", "a.csv", "--law", "auto", "--bootstrap", "0", "--json"], {
          "a.csv": ["x,y", ...rows].join("\n"),
        })
      ).stdout,
    );
    expect(["power", "three-region"]).toContain(j.selection.chosen);
    expect(j.params.gamma.value).toBeCloseTo(0.2, 3);
  });

  it("laws lists every preset named in the issue with its source", async () => {
    const r = await run(["laws"]);
    for (const name of [
      "had19-word-lm",
      "had19-char-lm",
      "had19-nmt",
      "had19-speech",
      "had19-resnet",
      "chinchilla-hoffmann",
      "chinchilla-epoch",
      "kaplan-nd",
      "kaplan-ns",
      "kaplan-n",
      "kaplan-d",
    ])
      expect(r.stdout).toContain(name);
    expect(r.stdout).toContain("Hestness, Ardalani & Diamos, PPoPP 2019, Table 1");
  });

  it("a fit that cannot converge says so, prints no parameters and exits 3", async () => {
    // with no L-BFGS iterations allowed, no start can meet the gradient or decrease tests from Epoch's grid
    const rows = [1e7, 1e8, 1e9].flatMap((n) =>
      [1e9, 1e10, 1e11].map((d) => `${n},${d},${1.8 + 400 / n ** 0.34 + 400 / d ** 0.28}`),
    );
    const r = await run(
      ["fit", "n.csv", "--law", "chinchilla", "--n", "n", "--d", "d", "--max-iterations", "0", "--json"],
      {
        "n.csv": ["n,d,loss", ...rows].join("\n"),
      },
    );
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/fit did not converge: chinchilla law, none of 4500 starting points converged/);
    const j = JSON.parse(r.stdout);
    expect(j.status).toBe("not-converged");
    expect(j.params).toBeUndefined();
  });
});
