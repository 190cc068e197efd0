import { defaultEfficiencyCurve } from "../../hardware/efficiency.js";
import { countOption, LIMITS, maxWorkers } from "../limits.js";
import { availableParallelism } from "node:os";
import { defineCommand } from "citty";
import { accelerator } from "../../hardware/catalog.js";
import { gridIntensity } from "../../hardware/grid.js";
import type { Accelerator } from "../../hardware/accelerator.js";
import { type LayoutResult, layoutEvaluator, type TimedLayout } from "../../parallel/evaluateLayout.js";
import { explainWinner } from "../../parallel/explainWinner.js";
import { formatLayout, type Layout, LAYOUT_FIELDS, parseLayout } from "../../parallel/layout.js";
import { OBJECTIVES } from "../../parallel/objective.js";
import { runCost } from "../../parallel/runCost.js";
import type { SearchJob } from "../../parallel/searchLayouts.js";
import { had19LayoutStep, hfLayoutStep, STEP_MODELS } from "../../parallel/simpleModels.js";
import { stepProfile } from "../../parallel/stepProfile.js";
import { systemFor } from "../../parallel/systemFor.js";
import { InputError } from "../../units/InputError.js";
import { formatBytes } from "../../units/formatBytes.js";
import { formatDuration } from "../../units/formatDuration.js";
import { parseCount } from "../../units/parseCount.js";
import { parseDuration } from "../../units/parseDuration.js";
import { PRECISIONS, type Precision } from "../../workload/precision.js";
import type { Io } from "../io.js";
import { loadModel } from "../loadModel.js";
import { enumOption, integerOption, numberOption } from "../options.js";
import { renderTable, sig } from "../table.js";
import { runSearch } from "../parallelSearch.js";
import { loadCatalog } from "../loadCatalog.js";

function hardware(io: Io, name: string | undefined, catalog: string | undefined): Accelerator {
  if (name === undefined)
    throw new InputError("--hardware", undefined, "an accelerator name (scalecast hardware list)");
  return accelerator(name, loadCatalog(io, catalog));
}

const complete = (l: Partial<Layout>): l is Layout => LAYOUT_FIELDS.every((k) => l[k] !== undefined);

/** `scalecast plan WORKLOAD --hardware NAME --devices N --global-batch B`: time, cost and energy of a run. */
export function planCommand(io: Io, _setExit: (code: number) => void = () => {}) {
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
      hardware: { type: "string", description: "accelerator name (scalecast hardware list)" },
      catalog: { type: "string", description: "JSON file of extra or overriding accelerators" },
      devices: { type: "string", description: "device count" },
      "max-devices": { type: "string", description: "search any device count up to this budget" },
      "global-batch": { type: "string", description: "samples (sequences) per optimizer step" },
      seq: { type: "string", description: "tokens per sample (default: the model's context)" },
      precision: { type: "string", description: `${PRECISIONS.join("|")} (default bf16)` },
      tokens: { type: "string", description: "tokens (or samples) to train on, e.g. 300B" },
      layout: {
        type: "string",
        description: "tp=8,pp=8,dp=1,vp=3,mb=1,recompute=full,sp=on,zero=1; missing fields are searched",
      },
      search: { type: "boolean", description: "search every field not fixed by --layout" },
      objective: { type: "string", description: `${OBJECTIVES.join("|")} (default throughput)` },
      deadline: { type: "string", description: "for --objective time: the run must finish within, e.g. 30d" },
      region: { type: "string", description: "grid region for CO2 (default world)" },
      pue: { type: "string", description: "power usage effectiveness (default 1.1)" },
      attention: { type: "string", description: "flash|standard (default flash)" },
      model: { type: "string", description: `step-time model ${STEP_MODELS.join("|")} (default detailed)` },
      top: { type: "string", description: "layouts to list with --search (default 5)" },
      workers: { type: "string", description: "worker threads for --search (default: all cores)" },
      "max-fraction": {
        type: "string",
        description: "GEMM efficiency ceiling, e.g. from scalecast calibrate",
      },
      json: { type: "boolean", description: "print JSON" },
    },
    async run({ args }) {
      const model = loadModel(io, args.workload, args["model-json"]);
      const acc = hardware(io, args.hardware, args.catalog);
      const precision = (enumOption(args.precision, "--precision", PRECISIONS) ?? "bf16") as Precision;
      const seq = args.seq !== undefined ? parseCount(args.seq, "--seq") : undefined;
      const devicesLimit = { max: LIMITS.devices, limitName: "2^20, ten times the largest cluster" };
      const devices = countOption(args.devices, "--devices", devicesLimit);
      const maxDevices = countOption(args["max-devices"], "--max-devices", devicesLimit);
      if (devices === undefined && maxDevices === undefined)
        throw new InputError("--devices", undefined, "a device count (or --max-devices for a budget)");
      if (args["global-batch"] === undefined)
        throw new InputError("--global-batch", undefined, "samples per step, e.g. 1536");
      const globalBatch = countOption(args["global-batch"], "--global-batch", {
        max: LIMITS.globalBatch,
        limitName: "2^24 sequences",
      })!;
      const units = args.tokens !== undefined ? parseCount(args.tokens, "--tokens") : undefined;
      const objective = enumOption(args.objective, "--objective", OBJECTIVES) ?? "throughput";
      const deadlineSeconds =
        args.deadline !== undefined ? parseDuration(args.deadline, "--deadline") : undefined;
      if (objective === "time" && (deadlineSeconds === undefined || units === undefined))
        throw new InputError("--objective", "time", "--deadline and --tokens as well");
      const region = args.region ?? "world";
      gridIntensity(region);
      const pue = numberOption(args.pue, "--pue", "a PUE ≥ 1");
      const attention = enumOption(args.attention, "--attention", ["flash", "standard"] as const) ?? "flash";
      const stepModel = enumOption(args.model, "--model", STEP_MODELS) ?? "detailed";
      const topK = integerOption(args.top, "--top") ?? 5;
      const workers =
        countOption(args.workers, "--workers", {
          min: 0,
          max: maxWorkers(),
          limitName: "the cores of this machine",
        }) ?? Math.min(availableParallelism(), 8);
      const fixed = parseLayout(args.layout ?? "");
      const profile = stepProfile(model.spec, { precision, ...(seq !== undefined ? { seq } : {}) });
      const maxFraction = numberOption(
        args["max-fraction"],
        "--max-fraction",
        "a fraction of peak in (0, 1]",
      );
      if (maxFraction !== undefined && !(maxFraction > 0 && maxFraction <= 1))
        throw new InputError("--max-fraction", maxFraction, "a fraction of peak in (0, 1]");
      const curve =
        maxFraction !== undefined ? { ...defaultEfficiencyCurve(acc, precision), maxFraction } : undefined;
      const sys = systemFor(acc, precision, curve);
      const started = performance.now();
      let result: LayoutResult;
      let top: TimedLayout[] = [];
      let search: { evaluated: number; pruned: number; seconds: number } | undefined;
      const fixedProduct = (fixed.dp ?? 1) * (fixed.tp ?? 1) * (fixed.pp ?? 1);
      if (devices !== undefined && devices % fixedProduct !== 0)
        throw new InputError(
          "--layout",
          args.layout,
          `dp·tp·pp dividing --devices (${devices}); got ${fixedProduct}`,
        );
      if (!args.search && complete(fixed) && maxDevices === undefined) {
        if (devices !== undefined && fixed.dp * fixed.tp * fixed.pp !== devices)
          throw new InputError("--layout", formatLayout(fixed), `dp·tp·pp = --devices (${devices})`);
        result = layoutEvaluator(profile, sys, { globalBatch, attention })(fixed);
      } else {
        const job: SearchJob = {
          profile,
          accelerator: acc,
          precision,
          ...(curve ? { curve } : {}),
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
          },
          top: Math.max(topK, 2),
        };
        const found = await runSearch(io, job, workers);
        search = {
          evaluated: found.evaluated,
          pruned: found.pruned,
          seconds: (performance.now() - started) / 1e3,
        };
        top = found.top;
        if (!found.top[0])
          // the inputs admit no layout: bad input (exit 2), not a failure of the tool
          throw new InputError(
            devices !== undefined ? "--devices" : "--max-devices",
            devices ?? maxDevices,
            `a device count on which some layout of ${model.name} fits ${acc.name} with global batch ${globalBatch} (${search.pruned} layouts rejected for memory, the rest for divisibility: dp·tp·pp must equal the devices, dp·mb must divide the global batch, tp the heads, pp the layers)`,
          );
        result = found.top[0];
      }
      // a layout the user fixed that cannot run is bad input: one line on stderr, exit 2
      if (!result.feasible)
        throw new InputError(
          "--layout",
          args.layout ?? formatLayout(result.layout),
          `a layout that fits (${result.message})`,
        );
      const simple =
        stepModel === "detailed"
          ? undefined
          : (stepModel === "had19" ? had19LayoutStep : hfLayoutStep)(model.spec, acc, {
              precision,
              ...(seq !== undefined ? { seq } : {}),
              layout: result.layout,
              globalBatch,
            });
      const report = (t: TimedLayout) => {
        const seconds = simple && t === result ? simple.seconds : t.step.seconds;
        const tokensPerSecond = (t.tokensPerSecond * t.step.seconds) / seconds;
        const cost = runCost({
          units: units ?? 0,
          unitsPerSecond: tokensPerSecond,
          devices: t.devices,
          tdpWatts: acc.tdpWatts,
          dollarsPerHour: acc.price?.dollarsPerHour,
          region,
          ...(pue !== undefined ? { pue } : {}),
        });
        const scale = t.step.seconds / seconds;
        return {
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
          memory: t.memory,
          communication: t.communication,
          ...(units !== undefined
            ? cost
            : { energy: { powerModel: cost.energy.powerModel, pue: cost.energy.pue } }),
        };
      };
      const main = report(result);
      const why = search ? explainWinner(result, top[1]) : undefined;
      if (args.json) {
        io.stdout(
          `${JSON.stringify(
            {
              model: model.name,
              hardware: acc.name,
              precision,
              globalBatch,
              stepModel,
              ...main,
              ...(search ? { top: top.slice(0, topK).map(report), search, why } : {}),
            },
            null,
            2,
          )}\n`,
        );
        return;
      }
      const b = result.step.breakdown;
      const lines = [
        `plan       ${model.name} on ${result.devices} × ${acc.name}, ${precision}, global batch ${globalBatch}${seq ? `, seq ${seq}` : ""}`,
        `layout     ${formatLayout(result.layout)} (${result.microbatches} micro-batches)`,
        `step       ${formatDuration(main.step.seconds)}${simple ? ` (${stepModel} model, ${simple.bound}-bound)` : `: compute ${sig(b.compute)} s, memory-bound ${sig(b.memoryBound)} s, exposed comm ${sig(b.exposedCommunication)} s, bubble ${sig(b.bubble)} s, optimizer ${sig(b.optimizer)} s`}`,
        `throughput ${sig(main.tokensPerSecond)} ${profile.unit}s/s, MFU ${(100 * main.mfu).toFixed(1)}%, HFU ${(100 * main.hfu).toFixed(1)}%`,
        `memory     ${formatBytes(result.memory.perDeviceBytes)} of ${formatBytes(acc.memoryBytes)} per device (weights ${formatBytes(result.memory.weights)}, grads ${formatBytes(result.memory.gradients)}, optimizer ${formatBytes(result.memory.optimizer)}, activations ${formatBytes(result.memory.activations)})`,
      ];
      if (units !== undefined && "train" in main) {
        lines.push(
          `train      ${sig(units)} ${profile.unit}s in ${formatDuration(main.train.seconds)}, ${sig(main.train.deviceHours)} device-hours, ${main.cost.dollars === null ? "no price in the catalog" : `$${sig(main.cost.dollars)}`}`,
          `energy     ${sig(main.energy.kWh)} kWh (${main.energy.powerModel}, PUE ${main.energy.pue}), ${sig(main.co2.kg)} kg CO2 (${region})`,
        );
      }
      if (search) {
        lines.push(
          "",
          `search     ${search.evaluated} layouts timed, ${search.pruned} pruned, ${search.seconds.toFixed(2)} s`,
          renderTable(
            ["#", "layout", "step s", "tokens/s", "MFU", "memory"],
            top
              .slice(0, topK)
              .map((t, i) => [
                String(i + 1),
                formatLayout(t.layout),
                sig(t.step.seconds),
                sig(t.tokensPerSecond),
                `${(100 * t.mfu).toFixed(1)}%`,
                formatBytes(t.memory.perDeviceBytes),
              ]),
          ),
          ...why!.map((w) => `why: ${w}`),
        );
      }
      io.stdout(`${lines.join("\n")}\n`);
    },
  });
}
