import { describe, expect, it } from "vitest";
import { accelerator } from "../../src/hardware/catalog.js";
import { had19Roofline } from "../../src/hardware/roofline.js";
import { type Case, deltaPct, printCases } from "./report.js";

const check = (cases: Case[]) => {
  for (const c of cases)
    if (c.tolerancePct !== undefined)
      expect(Math.abs(deltaPct(c.actual, c.expected)), c.name).toBeLessThan(c.tolerancePct);
};

describe("HAD19 Table 3 step times with the HAD19 roofline on had19-target (--model had19)", () => {
  it("within 10% from Table 3's FLOP and bytes per step", () => {
    const acc = accelerator("had19-target");
    const device = {
      peakFlopsPerSecond: acc.peakFlopsPerSecond.fp32,
      bytesPerSecond: acc.memoryBytesPerSecond,
    };
    // Hestness, Ardalani & Diamos, PPoPP 2019, Table 3: TFLOP/step, TB/step, step seconds
    const rows: [string, number, number, number][] = [
      ["word LM", 1444, 41.5, 115],
      ["char LM", 12618, 488.1, 1007],
      ["NMT", 499, 18.4, 39.8],
      ["speech", 72, 2.8, 5.8],
      ["ResNet", 28, 0.4, 2.3],
    ];
    const cases = rows.map(([name, tflop, tb, s]) => ({
      name: `${name} step s`,
      actual: had19Roofline({ flops: tflop * 1e12, bytes: tb * 1e12 }, device).seconds,
      expected: s,
      tolerancePct: 10,
    }));
    printCases("HAD19 Table 3 step time, t = max(c/(0.8 peak), a/(0.7 bw)) on had19-target", cases);
    check(cases);
  });
});
