/**
 * The Forecast page's lifetime section (`forecast --serve-tokens`, Sardana et al. 2023): given the tokens
 * the model will serve over its life and the serving hardware, the (N, D) that reach the forecast's loss
 * at the least training + serving cost, against the Chinchilla-optimal model, with the cost against N
 * and the break-even volume. Its inputs join the page's form (and so its URL); its results follow the
 * forecast, from the worker.
 */
import { ACCELERATORS, accelerator } from "../../../src/hardware/catalog.js";
import type { ForecastInput } from "../../../src/plan/forecastTypes.js";
import {
  KV_FORMATS,
  type KvFormat,
  WEIGHT_FORMATS,
  type WeightFormat,
} from "../../../src/plan/inferenceFormats.js";
import type { LifetimeSummary, ServingDemand } from "../../../src/plan/lifetimeForecast.js";
import { lifetimeExplanations } from "../../../src/report/explainServing.js";
import { breakEvenChart, lifetimeCostChart } from "../../../src/report/servingCharts.js";
import { InputError } from "../../../src/units/InputError.js";
import { parseCount } from "../../../src/units/parseCount.js";
import type { ChartSet } from "../charts.js";
import { change, fmt } from "../fmt.js";
import { Cancelled, type jobPanel, JobError } from "../jobs.js";
import { controlFor } from "../page.js";
import { param } from "../state.js";
import { type Cell, facts, field, h, input, message, select, show, table } from "../ui.js";
import { wholeCount } from "./serveInput.js";

/** The serving demand the section's fields give, or null when no served tokens are given. */
export function demandOf(f: Record<string, string>): ServingDemand | null {
  if (!f["serve-tokens"]?.trim()) return null;
  const servedTokens = parseCount(f["serve-tokens"], "serve tokens", { allowUnit: true });
  if (!(servedTokens > 0))
    throw new InputError("serve tokens", f["serve-tokens"], "a positive count such as 12T");
  const prompt = wholeCount(f["serve-prompt"], "serve prompt");
  const output = wholeCount(f["serve-output"], "serve output");
  return {
    servedTokens,
    ...(f["serve-hardware"] ? { accelerator: accelerator(f["serve-hardware"]) } : {}),
    ...(prompt !== undefined ? { prompt } : {}),
    ...(output !== undefined ? { output } : {}),
    ...(f["serve-weights"] ? { weights: f["serve-weights"] as WeightFormat } : {}),
    ...(f["serve-kv"] ? { kv: f["serve-kv"] as KvFormat } : {}),
  };
}

const row = (label: string, hint: string, el: HTMLElement) => field(label, el, hint);

/** The fields of the section, for the page's form. */
function inputs(): HTMLElement {
  const text = (name: string, value: string, attrs: Record<string, string>) =>
    input(name, param(name, value), attrs);
  return h(
    "fieldset",
    {},
    h("legend", {}, "Serving over the model's life"),
    h(
      "div",
      { class: "row" },
      row(
        "Tokens served over its life",
        "e.g. 12T (1T a month for a year); empty: training only",
        text("serve-tokens", "", { placeholder: "none", "data-error-field": "serve tokens" }),
      ),
      field(
        "Serving hardware",
        select(
          "serve-hardware",
          [["", "the training hardware"], ...ACCELERATORS.map((a): [string, string] => [a.name, a.name])],
          param("serve-hardware", ""),
        ),
      ),
      field(
        "Serving prompt (tokens)",
        text("serve-prompt", "", {
          inputmode: "numeric",
          placeholder: "1024",
          "data-error-field": "serve prompt",
        }),
      ),
      field(
        "Serving output (tokens)",
        text("serve-output", "", {
          inputmode: "numeric",
          placeholder: "256",
          "data-error-field": "serve output",
        }),
      ),
      field(
        "Serving weights",
        select(
          "serve-weights",
          [["", "bf16"], ...WEIGHT_FORMATS.filter((x) => x !== "bf16")],
          param("serve-weights", ""),
        ),
      ),
      field(
        "Serving KV cache",
        select("serve-kv", [["", "bf16"], ...KV_FORMATS.filter((x) => x !== "bf16")], param("serve-kv", "")),
      ),
    ),
  );
}

/** The section's results: the two models compared, the break-even, and the two charts. */
function view(l: LifetimeSummary, charts: ChartSet): HTMLElement[] {
  const why = lifetimeExplanations(l);
  const c = l.chinchilla;
  const chinTrain = l.chinchillaTotalDollars - c.serveDollars;
  const line = (
    name: string,
    key: string,
    a: number,
    b: number,
    style: "count" | "dollars",
    explained = key,
  ): Cell[] => [
    { text: name, ...(why[explained] ? { why: why[explained] } : {}) },
    { text: fmt(a, style), value: a, key: `lifetime-${key}` },
    { text: fmt(b, style), value: b, key: `chinchilla-${key}` },
    { text: change(a, b), key: `lifetime-change-${key}` },
  ];
  const compared = table(
    ["", "lifetime optimum", "Chinchilla-optimal", "change"],
    [
      line("parameters N", "params", l.params, c.params, "count"),
      line("training tokens D", "tokens", l.tokens, c.tokens, "count"),
      line("training", "train-dollars", l.trainDollars, chinTrain, "dollars"),
      line("serving", "serve-dollars", l.serveDollars, c.serveDollars, "dollars"),
      line(
        "$ per million served tokens",
        "serve-per-million",
        l.serveDollarsPerMillionTokens.chosen,
        l.serveDollarsPerMillionTokens.chinchilla,
        "dollars",
        "serve-dollars",
      ),
      line("total", "total", l.totalDollars, l.chinchillaTotalDollars, "dollars"),
    ],
    `Training plus serving ${fmt(l.servedTokens, "count")} tokens on ${l.serveHardware}`,
  );
  const saved = l.chinchillaTotalDollars - l.totalDollars;
  return [
    compared,
    facts([
      {
        label: "saved",
        text: `${fmt(saved, "dollars")} (${((100 * saved) / l.chinchillaTotalDollars).toFixed(1)}% of the Chinchilla-optimal model's total)`,
        key: "lifetime-saved",
        value: saved,
        why: why.total!,
      },
      {
        label: "break-even",
        text:
          l.breakEvenServedTokens === null
            ? "none: the chosen model costs no more to train"
            : `${fmt(l.breakEvenServedTokens, "count")} served tokens repay the smaller model's extra training`,
        key: "lifetime-break-even",
        value: l.breakEvenServedTokens,
        why: why["break-even"]!,
      },
    ]),
    ...l.warnings.map((w) => message("warning", `warning: ${w}`)),
    h(
      "div",
      { class: "charts" },
      charts.figure(
        lifetimeCostChart(
          {
            id: "lifetime-cost",
            title: "Lifetime cost against model size",
            caption: `Training, serving and total dollars of the models that reach the forecast's loss, by their size N: the lifetime optimum (red) and the Chinchilla-optimal model (black), with their totals.`,
          },
          l,
        ),
      ),
      charts.figure(
        breakEvenChart(
          {
            id: "lifetime-break-even",
            title: "Lifetime cost against tokens served",
            caption:
              "Each model's training plus its serving cost per token times the tokens served; training at the forecast's dollars per training FLOP, as the optimum is found (6·N·D). The lines cross at the break-even volume (red rule); the planned volume is the black one.",
          },
          l,
        ),
      ),
    ),
  ];
}

/** The lifetime section of the Forecast page: its fields, its results region, and how to fill it. */
export function lifetimeSection() {
  const el = h("section", { class: "card lifetime", "aria-label": "lifetime optimum", "data-state": "idle" });
  const heading = () => h("h3", {}, "The model cheapest over its life");
  return {
    /** The fields, for the page's form. */
    inputs: inputs(),
    /** The results region (one element, kept across the page's redraws). */
    el,
    /**
     * Compute and show the lifetime optimum for the forecast input `inp` and the form's fields (after
     * the forecast is shown). A newer job supersedes this one (Cancelled is passed on).
     */
    async run(
      inp: ForecastInput,
      f: Record<string, string>,
      job: ReturnType<typeof jobPanel>,
      charts: ChartSet,
      form: HTMLElement,
    ): Promise<LifetimeSummary | null> {
      let demand: ServingDemand | null;
      try {
        demand = demandOf(f);
      } catch (e) {
        fail(e);
        return null;
      }
      if (!demand) {
        show(
          el,
          heading(),
          h(
            "p",
            { class: "note" },
            "Give the tokens the model will serve over its life to find the (N, D) that reach this loss at the least training + serving cost (Sardana et al. 2023).",
          ),
        );
        el.dataset.state = "done";
        return null;
      }
      el.dataset.state = "busy";
      el.classList.add("stale");
      const started = performance.now();
      try {
        const l = await job.run("lifetime", { input: inp, demand });
        show(el, heading(), ...view(l, charts));
        el.classList.remove("stale");
        // "done" once its charts are drawn too; data-ms: from the forecast shown to the section drawn
        charts.drawPending(() => {
          el.dataset.ms = (performance.now() - started).toFixed(2);
          el.dataset.state = "done";
        });
        return l;
      } catch (e) {
        if (e instanceof Cancelled) {
          el.dataset.state = "idle";
          throw e;
        }
        fail(e);
        return null;
      }
      function fail(e: unknown): void {
        const text = e instanceof Error ? e.message : String(e);
        const field = e instanceof InputError || e instanceof JobError ? e.field : undefined;
        if (field) controlFor(form, field)?.setAttribute("aria-invalid", "true");
        show(el, heading(), message("error", `lifetime optimum: ${text}`));
        el.dataset.state = "error";
        el.classList.remove("stale");
      }
    },
  };
}
