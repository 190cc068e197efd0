/** Tick labels and tick positions of the charts, against values worked out by hand. */
import { describe, expect, it } from "vitest";
import { type Chart, chartSvg } from "../../src/report/chartKit.js";
import { scenarioChart } from "../../src/report/plots.js";
import { digitsFor, formatTick, linearTicks, logTicks, trimZeros } from "../../src/report/ticks.js";

describe("chart ticks", () => {
  it("trailing zeros go, significant ones stay", () => {
    expect(trimZeros("10.0T")).toBe("10T");
    expect(trimZeros("$1.20M")).toBe("$1.2M");
    expect(trimZeros("80.0 GiB")).toBe("80 GiB");
    expect(trimZeros("1.00e21")).toBe("1e21");
    expect(trimZeros("1.05")).toBe("1.05");
    expect(trimZeros("100")).toBe("100");
  });

  it("labels are SI counts, binary bytes, dollars and durations", () => {
    expect(formatTick(1e13, "count")).toBe("10T");
    expect(formatTick(2.5e9, "count")).toBe("2.5B");
    expect(formatTick(80 * 2 ** 30, "bytes")).toBe("80 GiB");
    expect(formatTick(1.2e6, "dollars")).toBe("$1.2M");
    expect(formatTick(0.25, "seconds")).toBe("0.25 s");
    // 3e6 s = 34.7 days, 2 significant figures
    expect(formatTick(3e6, "seconds")).toBe("35 days");
    expect(formatTick(1.85e6, "dollars", 3)).toBe("$1.85M");
  });

  it("log ticks: every 2nd power of ten over 12 decades, 1-2-5 over two, nice linear steps over less", () => {
    expect(logTicks(1e9, 1e21)).toEqual([1e10, 1e12, 1e14, 1e16, 1e18, 1e20]);
    expect(logTicks(32, 2048)).toEqual([50, 100, 200, 500, 1000, 2000]);
    // 2.2 to 3.5 holds only one 1-9 × 10^k tick (3): steps of 0.5 instead (0.26 a step for 5 → 0.5)
    expect(logTicks(2.2, 3.5)).toEqual([2.5, 3, 3.5]);
    expect(linearTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it("linear ticks get the digits that tell them apart", () => {
    expect(digitsFor([1.6e6, 1.7e6, 1.8e6, 1.9e6])).toBe(2);
    expect(digitsFor([1.8e6, 1.85e6, 1.9e6])).toBe(3);
  });

  it("a log axis labels every tick it draws (d3's log format would blank 64, 128 and 256)", () => {
    const chart: Chart = scenarioChart(
      { id: "t", title: "t", caption: "t" },
      {
        series: [
          { name: "now", points: [32, 64, 128, 256, 512, 1024, 2048].map((d) => ({ x: d, y: 1e3 / d })) },
        ],
        x: { label: "devices", kind: "integer", log: true },
        y: { label: "days", kind: "plain", log: true },
        chosenLabel: () => "",
      },
    );
    const svg = chartSvg(chart, 600);
    const ticks = [...svg.matchAll(/<text[^>]*>([^<]+)<\/text>/g)].map((m) => m[1]);
    for (const d of ["32", "64", "128", "256", "512", "1024", "2048"]) expect(ticks).toContain(d);
    expect(svg).toContain("devices");
  });
});
