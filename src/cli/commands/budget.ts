import { defineCommand } from "citty";
import { lawFromPreset } from "../../laws/law.js";
import { lawPreset } from "../../laws/presets/index.js";
import { forecast } from "../../plan/forecast.js";
import type { Budget, Forecast } from "../../plan/forecastTypes.js";
import { HF_PARAMS_EXPONENT, hfFrontierScale } from "../../plan/hfFrontier.js";
import { InputError } from "../../units/InputError.js";
import { parseCount } from "../../units/parseCount.js";
import { parseDollars } from "../../units/parseDollars.js";
import { parseFlop } from "../../units/parseFlop.js";
import { forecastCache } from "../../plan/forecastCache.js";
import type { Io } from "../io.js";
import { formatLayout } from "../../parallel/layout.js";
import { range95, renderTable, sig } from "../table.js";
import { forecastWithLifetime, LIFETIME_ARGS, renderLifetime } from "./lifetimeArgs.js";
import {
  FORECAST_SYSTEM_ARGS,
  forecastSystem,
  GOODPUT_ARGS,
  MODEL_ERROR_ARGS,
  goodputFromArgs,
  modelErrorFromArgs,
} from "./forecastArgs.js";
import { numberOption } from "../options.js";
import { loadLaw } from "./project.js";
import { measuredLimitsFields } from "../../validation/measuredLimitsTable.js";
import { parseDeadline } from "../../units/requireUnit.js";

/** `scalecast budget`: what a budget buys: compute-optimal N and D, the loss, and time and cost. */
export function budgetCommand(io: Io) {
  return defineCommand({
    meta: { name: "budget", description: "Budget -> compute-optimal N and D, predicted loss, time and cost" },
    args: {
      law: {
        type: "string",
        description:
          "chinchilla-hoffmann | chinchilla-epoch | kaplan-nd | a fit JSON | hf (the HF frontier rule)",
        default: "chinchilla-epoch",
      },
      flops: { type: "string", description: "compute budget, e.g. 5.88e23 or 6806 PF-days" },
      dollars: { type: "string", description: "money budget, e.g. $1.5M" },
      "device-hours": { type: "string", description: "device-hour budget" },
      deadline: { type: "string", description: "wall-clock budget, e.g. 30d" },
      ...FORECAST_SYSTEM_ARGS,
      devices: { type: "string", description: "device count (default 256)" },
      region: { type: "string", description: "grid region for CO2 (default world)" },
      pue: { type: "string", description: "power usage effectiveness (default 1.1)" },
      "reference-params": {
        type: "string",
        description: "hf: parameters of a reference compute-optimal run",
      },
      "reference-flops": { type: "string", description: "hf: FLOP of that reference run" },
      ...GOODPUT_ARGS,
      ...MODEL_ERROR_ARGS,
      ...LIFETIME_ARGS,
      json: { type: "boolean", description: "print JSON" },
    },
    run({ args }) {
      const budget: Budget = {};
      if (args.flops !== undefined) budget.flops = parseFlop(args.flops, "--flops");
      if (args.dollars !== undefined) budget.dollars = parseDollars(args.dollars, "--dollars");
      if (args["device-hours"] !== undefined)
        budget.deviceHours = parseCount(args["device-hours"], "--device-hours");
      if (args.deadline !== undefined) budget.deadlineSeconds = parseDeadline(args.deadline, "--deadline");
      if (Object.keys(budget).length !== 1)
        throw new InputError(
          "budget",
          Object.keys(budget).join(", ") || undefined,
          "exactly one of --flops, --dollars, --device-hours, --deadline",
        );
      const { accelerator: acc, system } = forecastSystem(io, args, "bf16");
      const devices = args.devices !== undefined ? parseCount(args.devices, "--devices") : 256;
      const modelError = modelErrorFromArgs(args, acc);
      const common = {
        accelerator: acc,
        system,
        devices,
        goodput: goodputFromArgs(args),
        region: args.region ?? "world",
        ...(args.pue !== undefined ? { pue: numberOption(args.pue, "--pue", "a PUE of at least 1")! } : {}),
        ...(modelError ? { modelError } : {}),
        ...measuredLimitsFields(acc, "bf16"),
        cache: forecastCache(),
        sensitivity: false,
        series: false,
      };
      let f: Forecast;
      let hf: { paramsRatio: number; stepsRatio: number; exponent: number } | undefined;
      if (args.law !== "hf")
        for (const k of ["reference-params", "reference-flops"] as const)
          if (args[k] !== undefined)
            throw new InputError(`--${k}`, args[k], "--law hf: only the HF rule scales from a reference run");
      if (args.law === "hf") {
        // HF frontier rule (REFERENCE (f)): N = N_ref·(C/C_ref)^0.870; D = C/(6N)
        if (budget.flops === undefined)
          throw new InputError("--law", "hf", "a FLOP budget (--flops): the rule relates compute to size");
        if (args["serve-tokens"] !== undefined)
          throw new InputError(
            "--serve-tokens",
            args["serve-tokens"],
            "a Chinchilla-form law (the HF rule has no L(N, D))",
          );
        if (args["reference-params"] === undefined || args["reference-flops"] === undefined)
          throw new InputError(
            "--reference-params",
            args["reference-params"],
            "a reference run (--reference-params N --reference-flops C) the rule scales from",
          );
        const n0 = parseCount(args["reference-params"], "--reference-params");
        const c0 = parseFlop(args["reference-flops"], "--reference-flops");
        const scale = hfFrontierScale(budget.flops / c0);
        hf = { ...scale, exponent: HF_PARAMS_EXPONENT };
        const params = n0 * scale.paramsRatio;
        f = forecast({ ...common, law: lawFromPreset(lawPreset("kaplan-nd")), budget, fixed: { params } });
      } else {
        f = forecastWithLifetime(args, { ...common, law: loadLaw(io, args.law), budget });
      }
      const out = {
        law: args.law,
        budget,
        budgetUse: f.budget,
        units: f.units,
        params: f.model.params,
        shapedParams: f.model.shapedParams,
        tokens: f.data.tokens,
        tokensPerParam: f.data.tokens.value / f.model.params.value,
        flops: f.compute.flops.value,
        loss: hf ? null : f.loss,
        ...(hf ? { hf } : {}),
        hardware: acc.name,
        devices: f.devices,
        layout: f.layout,
        seq: f.batch.seq,
        globalBatch: f.batch.global,
        steps: f.steps.value,
        mfu: f.mfu,
        goodput: f.goodput.fraction,
        days: f.train.days.value,
        dollars: f.cost.dollars?.value ?? null,
        kWh: f.energy.kWh.value,
        kgCO2: f.co2.kg.value,
        intervals: f.intervals,
        warnings: f.warnings,
        ...("lifetime" in f ? { lifetime: f.lifetime } : {}),
      };
      if (args.json) {
        io.stdout(`${JSON.stringify(out, null, 2)}\n`);
        return;
      }
      // null for a lifetime forecast (--serve-tokens): it plans the lifetime optimum, not the budget's run
      const use = f.budget ?? { kind: "none", used: 0, limit: 0 };
      const used = f.budget ? `${((100 * use.used) / use.limit).toFixed(2)}% of the budget` : "-";
      const rows = [
        ["parameters N", sig(out.params.value), range95(out.params.ci95), f.units.params],
        ["tokens D", sig(out.tokens.value), range95(out.tokens.ci95), f.units.data],
        ["tokens per parameter", sig(out.tokensPerParam), "-", "-"],
        [
          "loss",
          out.loss ? sig(out.loss.value, 4) : "-",
          out.loss ? range95(out.loss.ci95) : "-",
          out.loss ? f.units.loss : "the HF rule predicts no loss",
        ],
        [
          "training FLOP (shaped model)",
          sig(out.flops),
          range95(f.compute.flops.ci95),
          use.kind === "flops" ? used : "FLOP",
        ],
        [
          `time on ${out.devices} x ${acc.name}`,
          `${sig(out.days)} days`,
          range95(f.train.days.ci95),
          `MFU ${(100 * out.mfu).toFixed(1)}%, goodput ${(100 * out.goodput).toFixed(1)}%${use.kind === "deadline" ? `; ${used}` : ""}`,
        ],
        [
          "cost",
          out.dollars === null ? "-" : `$${sig(out.dollars)}`,
          range95(f.cost.dollars?.ci95),
          use.kind === "dollars" || use.kind === "deviceHours" ? used : "-",
        ],
        ["energy / CO2", `${sig(out.kWh)} kWh / ${sig(out.kgCO2)} kg`, "-", "-"],
        [
          "model and sequence",
          `${sig(out.shapedParams)} params, ${out.seq} tokens per sample`,
          "-",
          formatLayout(f.layout),
        ],
      ];
      if (hf)
        rows.unshift([
          "HF rule",
          `${sig(hf.paramsRatio)}x params, ${sig(hf.stepsRatio)}x steps`,
          "-",
          `N ∝ C^${hf.exponent.toFixed(3)}`,
        ]);
      const warnings = f.warnings.map((w) => `\nwarning: ${w}`).join("");
      io.stdout(
        `${renderTable(["quantity", "value", "95% interval", "note"], rows, ["auto", "auto", "auto", "left"])}${warnings}${renderLifetime(f)}\n`,
      );
    },
  });
}
