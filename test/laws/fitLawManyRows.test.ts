import { describe, expect, it } from "vitest";
import { fitLaw, START_SUBSAMPLE_ROWS } from "../../src/laws/fitLaw.js";

// Issue 16 item 1: a fit of more than ~125k rows failed after fitting with "Maximum call stack size
// exceeded" (the input range was Math.min(...column)). 200k noise-free rows of eps(m) = 5 m^-0.3 + 0.5
// (HAD19 eq. 1 with a floor) must fit, through the subsample path (starts on START_SUBSAMPLE_ROWS rows,
// then the Newton polish on all of them), to the generating parameters, with the range the data has.
describe("fitLaw on hundreds of thousands of rows", () => {
  it("fits 200k rows to the generating law and reports their range", () => {
    const n = 200_000;
    const x = Float64Array.from({ length: n }, (_, i) => 1000 + 10 * i);
    const y = Float64Array.from(x, (m) => 5 * m ** -0.3 + 0.5);
    expect(n).toBeGreaterThan(START_SUBSAMPLE_ROWS);
    // one start, off the truth by 10-20%, keeps the test to the part that touches every row
    const fit = fitLaw(
      "power",
      { inputs: [x], y },
      { bootstrap: 0, starts: [Float64Array.of(Math.log(4), -0.25, Math.log(0.6))] },
    );
    expect(fit.status).toBe("converged");
    if (fit.status !== "converged") return;
    expect(fit.params.alpha!.value).toBeCloseTo(5, 5);
    expect(fit.params.beta!.value).toBeCloseTo(-0.3, 6);
    expect(fit.params.gamma!.value).toBeCloseTo(0.5, 6);
    expect(fit.diagnostics.range.x).toEqual([1000, 1000 + 10 * (n - 1)]);
    expect(fit.starts.subsample).toEqual({ rows: START_SUBSAMPLE_ROWS, of: n });
  });
});
