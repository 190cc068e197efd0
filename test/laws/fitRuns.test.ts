import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readTable } from "../../src/ingest/readTable.js";
import { selectColumns } from "../../src/ingest/selectColumns.js";
import { fitLaw, fitLawPlan, type LawFit } from "../../src/laws/fitLaw.js";
import { fitRuns } from "../../src/laws/fitRuns.js";
import { runFitPlan } from "../../src/laws/fitTasks.js";
import { lawFromFit } from "../../src/laws/law.js";
import { lawFromJson } from "../../src/laws/lawJson.js";
import { InputError } from "../../src/units/InputError.js";

const EXAMPLE = new URL("../../examples/word-lm-runs.csv", import.meta.url);
const table = () => readTable(readFileSync(EXAMPLE, "utf8"), { fileName: "word-lm-runs.csv" });

describe("fitRuns", () => {
  it("fits the columns it is given exactly as fitLaw does, and pairs HAD19's p(m) draws by resample", () => {
    const r = fitRuns(
      table(),
      { x: "words", y: "loss", params: "params" },
      { law: "power-no-floor", bootstrap: 60, name: "word-lm-runs.csv" },
    );
    if (r.status !== "converged") throw new Error("expected a converged fit");
    const c = selectColumns(table(), { x: "words", y: "loss", p: "params" }, { positive: ["x", "y", "p"] });
    const direct = fitLaw("power-no-floor", { inputs: [c.columns.x], y: c.columns.y }, { bootstrap: 60 });
    const size = fitLaw("power-no-floor", { inputs: [c.columns.x], y: c.columns.p }, { bootstrap: 60 });
    expect(r.fit).toEqual(direct);
    expect(r.sizeFit).toEqual(size);
    expect(r.report).toEqual(c.report);
    // the Law the CLI projects is the one `project --law fit.json` reads back from the JSON
    expect(r.law).toEqual(lawFromJson(r.json, "word-lm-runs.csv"));
    expect(r.law.units).toEqual({ x: "words", y: "loss" });
    // draw k of p(m) comes from resample k of the same rows: 60 of each, paired
    expect(r.law.modelSize!.draws).toHaveLength(60);
    expect(r.law.modelSize!.draws![7]!.sigma).toBe((size as LawFit).bootstrap!.draws[7]!.alpha);
  });

  it("the same fit whether its starts run as one task or as many (one best-start reduction)", () => {
    const c = selectColumns(table(), { x: "words", y: "loss" }, { positive: ["x", "y"] });
    const data = { inputs: [c.columns.x], y: c.columns.y };
    const one = runFitPlan(fitLawPlan("power", data, { bootstrap: 20 }));
    const many = runFitPlan(fitLawPlan("power", data, { bootstrap: 20, startSlices: 7 }));
    expect(many).toEqual(one);
  });

  it("names the missing column and refuses a law of the wrong kind for the columns", () => {
    expect(() => fitRuns(table(), { d: "words" }, { law: "chinchilla" })).toThrow(/columns\.n/);
    const nd = { n: "params", d: "words", loss: "loss" };
    expect(() => fitRuns(table(), nd, { law: "power" })).toThrow(InputError);
    expect(() => fitRuns(table(), nd, { law: "power" })).toThrow(/an L\(N, D\) law \(chinchilla, kaplan-nd/);
  });

  it("lawFromFit and the fit JSON agree on a law without a model-size fit", () => {
    const c = selectColumns(table(), { x: "words", y: "loss" }, { positive: ["x", "y"] });
    const fit = fitLaw("power", { inputs: [c.columns.x], y: c.columns.y }, { bootstrap: 10 }) as LawFit;
    const r = fitRuns(table(), { x: "words", y: "loss" }, { law: "power", bootstrap: 10, name: "f" });
    expect(r.status === "converged" && r.law).toEqual(lawFromFit(fit, { name: "f", columns: r.columns }));
  });
});
