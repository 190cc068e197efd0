import { availableParallelism } from "node:os";
import { defineCommand } from "citty";
import { diagnoseNoLayout, fixedFieldsProblem } from "../../parallel/diagnoseNoLayout.js";
import { type LayoutResult, layoutEvaluator, type TimedLayout } from "../../parallel/evaluateLayout.js";
import { explainWinner, preferenceNote } from "../../parallel/explainWinner.js";
import { formatLayout, isCompleteLayout, layoutDevices, parseLayout } from "../../parallel/layout.js";
import { memoryFill, OBJECTIVES } from "../../parallel/objective.js";
import type { SearchJob } from "../../parallel/searchLayouts.js";
import { had19LayoutStep, hfLayoutStep, STEP_MODELS } from "../../parallel/simpleModels.js";
import { stepProfile } from "../../parallel/stepProfile.js";
import { unsupportedByStack } from "../../parallel/unsupportedByStack.js";
import { bindSystem } from "../../parallel/systemFor.js";
import { checkpointBytesOf, layoutRunCost } from "../../plan/layoutRunCost.js";
import { InputError } from "../../units/InputError.js";
import { formatBytes } from "../../units/formatBytes.js";
import { PRECISIONS, type Precision } from "../../workload/precision.js";
import type { Io } from "../io.js";
import { loadModel } from "../loadModel.js";
import { systemArgs, systemFromArgs } from "../loadSystem.js";
import { enumOption, integerOption } from "../options.js";
import { countOption, LIMITS } from "../limits.js";
import { runSearch } from "../parallelSearch.js";
import { GOODPUT_ARGS } from "./forecastArgs.js";
import { renderPlanText } from "./planText.js";
import { sig } from "../table.js";
import { mfuAboveBestWarning } from "../../validation/bestMfu.js";
import { bestMeasuredMfuOn, largestMeasuredOn } from "../../validation/measuredLimitsTable.js";
import { beyondMeasuredWarning } from "../../validation/largestMeasured.js";
import { parseSequence } from "../../units/parseSequence.js";
import { stepTimeErrorBand } from "../../validation/stepTimeError.js";
import { planRunArgs } from "./planArgs.js";

/** `scalecast plan WORKLOAD --hardware NAME --devices N --global-batch B`: time, cost and energy of a run. */
export function planCommand(io: Io, setExit: (code: number) => void = () => {}) {
  return defineCommand({
    meta: {
      name: "plan",
      description: "Step time, MFU, memory, time, cost, energy and CO2 of a layout; --search finds the best",
    },
    args: {
      workload: {
        type: "positional",
        description: "preset name, spec JSON or Hugging Face config.json",
        required: false,
      },
      "model-json": { type: "string", description: "the model spec as inline JSON" },
      ...systemArgs,
      devices: { type: "string", description: "device count" },
      "max-devices": { type: "string", description: "search any device count up to this budget" },
      "global-batch": { type: "string", description: "samples (sequences) per optimizer step" },
      seq: {
        type: "string",
        description:
          "tokens per sample (default: the model's training sequence; a Hugging Face config's context capped at 4096)",
      },
      precision: { type: "string", description: `${PRECISIONS.join("|")} (default bf16)` },
      tokens: { type: "string", description: "tokens (or samples) to train on, e.g. 300B" },
      layout: {
        type: "string",
        description:
          "tp=8,cp=1,pp=8,dp=1,ep=1,vp=3,mb=1,recompute=full,sp=on,zero=1; missing fields are searched",
      },
      search: { type: "boolean", description: "search every field not fixed by --layout" },
      objective: { type: "string", description: `${OBJECTIVES.join("|")} (default throughput)` },
      deadline: { type: "string", description: "for --objective time: the run must finish within, e.g. 30d" },
      region: { type: "string", description: "grid region for CO2 (default world)" },
      pue: { type: "string", description: "power usage effectiveness (default 1.1)" },
      ...GOODPUT_ARGS,
      attention: {
        type: "string",
        description: "flash|standard (default: the framework's, flash but for megatron)",
      },
      model: { type: "string", description: `step-time model ${STEP_MODELS.join("|")} (default detailed)` },
      top: { type: "string", description: "layouts to list with --search (default 5)" },
      workers: { type: "string", description: "worker threads for --search (default: all cores)" },
      json: { type: "boolean", description: "print JSON" },
    },
    async run({ args }) {
      const model = loadModel(io, args.workload, args["model-json"]);
      const precision = (enumOption(args.precision, "--precision", PRECISIONS) ?? "bf16") as Precision;
      const system = systemFromArgs(io, args, precision);
      const acc = system.accelerator;
      const seq = args.seq !== undefined ? parseSequence(args.seq, "--seq") : undefined;
      const {
        devices,
        maxDevices,
        globalBatch,
        units,
        objective,
        deadlineSeconds,
        region,
        pue,
        goodputOptions,
      } = planRunArgs(args);
      // the framework profile's attention unless given (Megatron-LM 2021-22 ran standard attention)
      const attention =
        enumOption(args.attention, "--attention", ["flash", "standard"] as const) ??
        system.framework.attention;
      const stepModel = enumOption(args.model, "--model", STEP_MODELS) ?? "detailed";
      const topK =
        countOption(args.top, "--top", { max: LIMITS.top, limitName: "far more than a terminal shows" }) ?? 5;
      const cores = availableParallelism();
      const workers = integerOption(args.workers, "--workers") ?? Math.min(cores, 8);
      if (workers > cores)
        throw new InputError("--workers", args.workers, `at most the ${cores} cores of this machine`);
      const parsed = parseLayout(args.layout ?? "");
      // a layout that gives every field but the newer cp and ep means cp = ep = 1
      const fixed = isCompleteLayout({ cp: 1, ep: 1, ...parsed }) ? { cp: 1, ep: 1, ...parsed } : parsed;
      const profile = stepProfile(model.spec, { precision, ...(seq !== undefined ? { seq } : {}) });
      const sys = bindSystem(system, precision);
      // a fixed field the model cannot take (ep on a dense model) is named before any search hides it
      const fieldProblem = fixedFieldsProblem(profile, sys, fixed, globalBatch);
      if (fieldProblem)
        throw new InputError(
          "--layout",
          formatLayout(parsed),
          `fields ${model.name} can take: ${fieldProblem}`,
        );
      for (const line of unsupportedByStack(parsed, system.framework))
        io.stderr(`scalecast: warning: --layout ${line} (--framework); timed as given\n`);
      const started = performance.now();
      let result: LayoutResult;
      let top: TimedLayout[] = [];
      let search: { evaluated: number; pruned: number; seconds: number } | undefined;
      if (!args.search && isCompleteLayout(fixed) && maxDevices === undefined) {
        if (devices !== undefined && layoutDevices(fixed) !== devices)
          throw new InputError(
            "--layout",
            formatLayout(fixed),
            `dp·tp·pp·cp = --devices (${devices}); this layout uses ${layoutDevices(fixed)}`,
          );
        result = layoutEvaluator(profile, sys, { globalBatch, attention })(fixed);
        if (!result.feasible && result.reason === "divisibility")
          throw new InputError("--layout", formatLayout(fixed), `a layout that divides: ${result.message}`);
      } else {
        const job: SearchJob = {
          profile,
          accelerator: acc,
          system,
          precision,
          space: {
            ...(devices !== undefined ? { devices } : { maxDevices: maxDevices! }),
            globalBatch,
            fixed,
          },
          evaluate: { attention },
          objective: {
            objective,
            ...(units !== undefined ? { units } : {}),
            ...(deadlineSeconds !== undefined ? { deadlineSeconds } : {}),
            ...(sys.dollarsPerHour !== undefined ? { dollarsPerHour: sys.dollarsPerHour } : {}),
            ...(objective !== "throughput" && units !== undefined && goodputOptions !== false
              ? { goodput: { checkpointBytes: checkpointBytesOf(profile), options: goodputOptions } }
              : {}),
          },
          top: Math.max(topK, 10),
        };
        const found = await runSearch(io, job, workers);
        search = {
          evaluated: found.evaluated,
          pruned: found.pruned,
          seconds: (performance.now() - started) / 1e3,
        };
        top = found.top;
        if (!found.top[0]) {
          if (found.prunedMemory === 0) {
            const d = diagnoseNoLayout(job);
            throw new InputError(
              devices !== undefined ? "--devices" : "--max-devices",
              devices ?? maxDevices,
              `a count a layout divides: ${d.reason}${d.nearby.length ? `; nearby counts that divide: ${d.nearby.join(", ")}` : ""}`,
            );
          }
          const need = found.leastMemoryBytes;
          // a stack without uneven pipeline stages keeps pp dividing the blocks: say so, and which does not
          const fw = system.framework;
          const uneven = fw.supports.unevenPipeline
            ? ""
            : `, or a stack with uneven pipeline stages (${fw.name} keeps pp dividing the ${profile.blocks} blocks; --framework megatron-core does not)`;
          io.stderr(
            `scalecast: no layout of ${model.name} fits in memory on ${devices ?? `up to ${maxDevices}`} × ${acc.name}: the most frugal needs ${need !== undefined ? formatBytes(need) : "more than"} per device, has ${formatBytes(acc.memoryBytes)} (${found.pruned} layouts rejected); use more devices or a larger accelerator${uneven}\n`,
          );
          setExit(1);
          if (args.json) io.stdout(`${JSON.stringify({ feasible: false, search }, null, 2)}\n`);
          return;
        }
        result = found.top[0];
      }
      if (!result.feasible) {
        if (args.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
        io.stderr(`scalecast: infeasible: ${result.message}\n`);
        setExit(1);
        return;
      }
      const simple =
        stepModel === "detailed"
          ? undefined
          : (stepModel === "had19" ? had19LayoutStep : hfLayoutStep)(model.spec, acc, {
              precision,
              ...(seq !== undefined ? { seq } : {}),
              layout: result.layout,
              globalBatch,
            });
      const runOf = (devices: number, tokensPerSecond: number) =>
        layoutRunCost({
          units: units ?? 0,
          unitsPerSecond: tokensPerSecond,
          devices,
          checkpointBytes: checkpointBytesOf(profile),
          goodput: goodputOptions,
          tdpWatts: acc.tdpWatts,
          dollarsPerHour: acc.price?.dollarsPerHour,
          region,
          ...(pue !== undefined ? { pue } : {}),
        });
      // a layout as plan reports it (its JSON view), and the run it prices
      const report = (t: TimedLayout) => {
        const seconds = simple && t === result ? simple.seconds : t.step.seconds;
        const tokensPerSecond = (t.tokensPerSecond * t.step.seconds) / seconds;
        const cost = runOf(t.devices, tokensPerSecond);
        const scale = t.step.seconds / seconds;
        const view = {
          layout: t.layout,
          devices: t.devices,
          microbatches: t.microbatches,
          step:
            simple && t === result
              ? { seconds, breakdown: null, model: stepModel, bound: simple.bound }
              : t.step,
          mfu: t.mfu * scale,
          hfu: t.hfu * scale,
          tokensPerSecond,
          memory: { ...t.memory, usableFraction: memoryFill(t) },
          communication: t.communication,
          links: t.links,
          ...(units !== undefined
            ? cost
            : { energy: { powerModel: cost.energy.powerModel, pue: cost.energy.pue } }),
        };
        return { view, cost };
      };
      const { view: main, cost: mainCost } = report(result);
      // the step-time model's own error on this hardware (issue 12 item 5): measured/predicted over the
      // corpus's out-of-sample runs, its 2.5% and 97.5% quantiles, as forecast's intervals take it
      const band = stepTimeErrorBand(acc);
      const modelError = {
        ...band,
        stepSeconds95: band.measuredOverPredicted95.map((f) => f * main.step.seconds),
      };
      const warnings: string[] = [];
      const above = mfuAboveBestWarning(main.mfu, acc.name, bestMeasuredMfuOn(acc, precision));
      if (above) warnings.push(above);
      const beyond = beyondMeasuredWarning(
        { devices: result.devices, params: profile.params.total, seq: profile.seq },
        acc.name,
        largestMeasuredOn(acc),
        system.calibration?.kept,
      );
      if (beyond) warnings.push(beyond);
      for (const [tier, load] of Object.entries(result.links))
        if (!load.fits)
          warnings.push(
            `${tier} traffic (${sig(load.busySeconds)} s) exceeds the step (${sig(result.step.seconds)} s)`,
          );
      const preference = search ? preferenceNote(result, top, objective) : undefined;
      const why = search ? explainWinner(result, top[1]) : undefined;
      if (args.json) {
        io.stdout(
          `${JSON.stringify(
            {
              model: model.name,
              hardware: acc.name,
              system: system.name,
              framework: system.framework.name,
              precision,
              globalBatch,
              stepModel,
              ...main,
              modelError,
              warnings,
              ...(search
                ? { top: top.slice(0, topK).map((t) => report(t).view), search, why, preference }
                : {}),
            },
            null,
            2,
          )}\n`,
        );
        return;
      }
      io.stdout(
        renderPlanText({
          modelName: model.name,
          accelerator: acc,
          system,
          frameworkGiven: args.framework !== undefined,
          systemGiven: args.system !== undefined,
          precision,
          globalBatch,
          seq,
          unit: profile.unit,
          result,
          main,
          modelError,
          run: units !== undefined ? mainCost : undefined,
          simple: simple ? { stepModel, bound: simple.bound } : undefined,
          units,
          region,
          warnings,
          search: search ? { counts: search, top: top.slice(0, topK), preference, why: why! } : undefined,
        }),
      );
    },
  });
}
