import { describe, expect, it } from "vitest";
import { accelerator } from "../../src/hardware/catalog.js";
import { InputError } from "../../src/units/InputError.js";
import { corpusModelSpec } from "../../src/validation/corpusModel.js";
import { parseServingFile, SERVING_CORPUS, servingSources } from "../../src/validation/serving.js";

describe("serving corpus (issue 15)", () => {
  it("loads every file: at least 15 cases from at least 4 sources, read in stored copies", () => {
    const sources = servingSources();
    console.log(
      `\nserving corpus: ${SERVING_CORPUS.length} cases from ${sources.length} sources\n` +
        sources
          .map((s) => `  ${s.id.padEnd(18)} ${String(s.cases).padStart(3)} cases (${s.read} read)`)
          .join("\n"),
    );
    expect(SERVING_CORPUS.length).toBeGreaterThanOrEqual(15);
    expect(sources.length).toBeGreaterThanOrEqual(4);
    expect(SERVING_CORPUS.filter((c) => c.verified === "read").length).toBeGreaterThanOrEqual(15);
    const kinds = new Set(SERVING_CORPUS.map((c) => c.accelerator));
    for (const k of ["h100-sxm", "h200"]) expect(kinds, k).toContain(k);
    expect(SERVING_CORPUS.some((c) => c.moe)).toBe(true);
  });

  it("every case names a catalog accelerator, a model that parses, and a layout that fits its devices", () => {
    expect(SERVING_CORPUS.filter((c) => c.verified === "read").length).toBeGreaterThan(0);
    for (const c of SERVING_CORPUS) {
      expect(() => accelerator(c.accelerator), c.name).not.toThrow();
      expect(corpusModelSpec({ name: c.name, model: c.model }).family, c.name).toBe("decoder");
      expect(c.name.startsWith(`${c.source.id}-`), c.name).toBe(true);
      // a case read from its source quotes it
      expect(c.verified !== "read" || Boolean(c.quote), c.name).toBe(true);
      const { tp = 1, pp = 1, dp } = c.layout;
      if (dp !== undefined) expect(dp * tp * pp, c.name).toBe(c.devices);
      else expect(c.devices % (tp * pp), c.name).toBe(0);
    }
  });

  it("MLPerf: each system's Offline throughput is at least its Server throughput (Server runs under latency bounds)", () => {
    const mlperf = SERVING_CORPUS.filter((c) => c.scenario === "mlperf-server");
    expect(mlperf.length).toBeGreaterThanOrEqual(8);
    for (const server of mlperf) {
      const offline = SERVING_CORPUS.find(
        (c) => c.name === server.name.replace(/-server$/, "-offline") && c.scenario === "mlperf-offline",
      );
      expect(offline, server.name).toBeDefined();
      expect(offline!.value, server.name).toBeGreaterThanOrEqual(server.value);
    }
  });

  it("bad data is an InputError naming the file, the case and the field", () => {
    const good = SERVING_CORPUS[0]!;
    const bad = { cases: [{ ...good, kv: "fp6" }] };
    expect(() => parseServingFile(good.source.id, bad)).toThrow(InputError);
    expect(() => parseServingFile(good.source.id, bad)).toThrow(
      new RegExp(`serving/${good.source.id}\\.json case "${good.name}" field kv`),
    );
    expect(() => parseServingFile("other", { cases: [good] })).toThrow(/field source\.id/);
  });
});
