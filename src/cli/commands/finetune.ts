import { defineCommand } from "citty";
import { accelerator } from "../../hardware/catalog.js";
import { gridIntensity } from "../../hardware/grid.js";
import { type FinetunePlan, finetunePlan } from "../../plan/finetunePlan.js";
import { InputError } from "../../units/InputError.js";
import { formatBytes } from "../../units/formatBytes.js";
import { formatDollars } from "../../units/formatDollars.js";
import { parseCount } from "../../units/parseCount.js";
import { RECOMPUTE } from "../../workload/execution.js";
import { FINETUNE_METHODS, type FinetuneInput } from "../../workload/finetune/finetuneStep.js";
import { LORA_TARGETS, type LoraTarget } from "../../workload/finetune/loraAdapters.js";
import type { Io } from "../io.js";
import { loadModel } from "../loadModel.js";
import { enumOption, numberOption } from "../options.js";
import { sig } from "../table.js";
import { loadCatalog } from "../loadCatalog.js";
import { keyValues } from "../table.js";
import { parseSequence } from "../../units/parseSequence.js";
import { GOODPUT_ARGS, goodputFromArgs } from "./forecastArgs.js";
import { requireTokensFor } from "./runFlags.js";

const args = {
  model: {
    type: "positional",
    description: "preset name, spec JSON or Hugging Face config.json",
    required: false,
  },
  "model-json": { type: "string", description: "the model spec as inline JSON" },
  method: { type: "string", description: `${FINETUNE_METHODS.join("|")}` },
  rank: { type: "string", description: "LoRA rank (default 8 for lora, 64 for qlora)" },
  targets: {
    type: "string",
    description: `adapted matrices, comma-separated from ${LORA_TARGETS.join(",")} (default q,v for lora, all for qlora)`,
  },
  hardware: { type: "string", description: "accelerator name (scalecast hardware list)" },
  catalog: { type: "string", description: "JSON file of extra or overriding accelerators" },
  devices: { type: "string", description: "devices (default 1)" },
  tokens: { type: "string", description: "tokens to fine-tune on, e.g. 1B: adds days and dollars" },
  seq: {
    type: "string",
    description:
      "tokens per sequence (default: the model's training sequence; a Hugging Face config's context capped at 4096)",
  },
  "micro-batch": { type: "string", description: "sequences per device per step (default 1)" },
  recompute: { type: "string", description: `${RECOMPUTE.join("|")} (default full)` },
  paged: {
    type: "boolean",
    description: "page optimizer state to host memory when short (default: on for qlora)",
  },
  region: { type: "string", description: "grid region for CO2 (default world)" },
  pue: { type: "string", description: "power usage effectiveness (default 1.1)" },
  ...GOODPUT_ARGS,
  json: { type: "boolean", description: "print JSON" },
} as const;

const count = (v: string | undefined, field: string) => {
  if (v === undefined) return undefined;
  const n = parseCount(v, field, { allowUnit: true });
  if (!Number.isInteger(n) || n < 1) throw new InputError(field, v, "a positive integer");
  return n;
};

/** `scalecast finetune MODEL --method full|lora|qlora --hardware NAME`: memory, step and cost of a fine-tune. */
export function finetuneCommand(io: Io) {
  return defineCommand({
    meta: {
      name: "finetune",
      description:
        "Fine-tuning (full, LoRA, QLoRA): trainable parameters, memory, FLOP per token, time and cost",
    },
    args,
    run({ args: a }) {
      const model = loadModel(io, a.model, a["model-json"]);
      const method = enumOption(a.method, "--method", FINETUNE_METHODS);
      if (method === undefined) throw new InputError("--method", undefined, FINETUNE_METHODS.join(" | "));
      if (a.hardware === undefined)
        throw new InputError("--hardware", undefined, "an accelerator name (scalecast hardware list)");
      const acc = accelerator(a.hardware, loadCatalog(io, a.catalog));
      const region = a.region ?? "world";
      gridIntensity(region);
      const targets = a.targets?.split(",").map((t) => t.trim());
      for (const t of targets ?? [])
        if (!(LORA_TARGETS as readonly string[]).includes(t))
          throw new InputError("--targets", t, `comma-separated names from ${LORA_TARGETS.join(", ")}`);
      const rank = count(a.rank, "--rank");
      const seq = a.seq !== undefined ? parseSequence(a.seq, "--seq") : undefined;
      const microBatch = count(a["micro-batch"], "--micro-batch");
      const recompute = enumOption(a.recompute, "--recompute", RECOMPUTE);
      const finetune: FinetuneInput = {
        method,
        ...(rank !== undefined ? { rank } : {}),
        ...(targets !== undefined ? { targets: targets as LoraTarget[] } : {}),
        ...(seq !== undefined ? { seq } : {}),
        ...(microBatch !== undefined ? { microBatch } : {}),
        ...(recompute !== undefined ? { recompute } : {}),
      };
      const devices = count(a.devices, "--devices");
      const tokens =
        a.tokens === undefined ? undefined : parseCount(a.tokens, "--tokens", { allowUnit: true });
      if (tokens !== undefined && !(tokens > 0))
        throw new InputError("--tokens", a.tokens, "a positive count such as 1B");
      // energy, CO2 and goodput are a run's: without tokens to train there is none to price
      if (tokens === undefined) requireTokensFor(a);
      const pue = numberOption(a.pue, "--pue", "a PUE of at least 1");
      if (pue !== undefined && !(pue >= 1)) throw new InputError("--pue", a.pue, "a PUE of at least 1");
      const plan = finetunePlan({
        model: model.spec,
        finetune,
        accelerator: acc,
        region,
        ...(devices !== undefined ? { devices } : {}),
        ...(tokens !== undefined ? { tokens } : {}),
        ...(pue !== undefined ? { pue } : {}),
        ...(a.paged !== undefined ? { pagedOptimizer: a.paged } : {}),
        goodput: goodputFromArgs(a),
      });
      if (a.json) io.stdout(`${JSON.stringify({ model: model.name, ...plan }, null, 2)}\n`);
      else io.stdout(`${renderFinetune(model.name, plan, region)}\n`);
    },
  });
}

function renderFinetune(name: string, p: FinetunePlan, region: string): string {
  const m = p.memory.replica;
  const lora = p.lora ? `, rank ${p.lora.rank} on ${p.lora.targets.join(",")}` : "";
  const b = p.step.breakdown;
  const rows: string[][] = [
    [
      "trainable parameters",
      `${sig(p.params.trainable)} of ${sig(p.params.total)} (${sig((100 * p.params.trainable) / p.params.total)}%)`,
    ],
    [
      "memory per device",
      `${formatBytes(p.memory.perDeviceBytes)} of ${formatBytes(p.memory.capacityBytes)} (${p.sharding}${p.pagedOptimizerBytes > 0 ? `, ${formatBytes(p.pagedOptimizerBytes)} of optimizer state paged to the host` : ""})`,
    ],
    ["memory, all devices", formatBytes(p.memory.totalBytes)],
    [
      "one replica",
      `frozen ${formatBytes(m.frozenWeights)}, trainable ${formatBytes(m.trainableWeights)}, gradients ${formatBytes(m.gradients)}, optimizer ${formatBytes(m.optimizer)}, activations ${formatBytes(m.activations + m.buffers)}`,
    ],
    ["FLOP per token", `${sig(p.step.flopsPerToken)} (with recompute ${sig(p.step.hardwareFlopsPerToken)})`],
    [
      "step (one micro-batch)",
      `${sig(p.step.seconds)} s for ${p.step.tokensPerMicroBatch} tokens per device, MFU ${sig(100 * p.step.mfu)}%`,
    ],
    [
      "step breakdown, s",
      `GEMM ${sig(b.gemm)}, memory-bound ${sig(b.memoryBound)}, adapters ${sig(b.adapters)}, dequantisation ${sig(b.dequantization)}, communication ${sig(b.exposedCommunication)}, optimizer ${sig(b.optimizer)}, paging ${sig(b.paging)}`,
    ],
    ["tokens/s", sig(p.step.tokensPerSecond)],
    ["checkpoint", formatBytes(p.checkpointBytes)],
  ];
  if (p.train)
    rows.push(
      [
        "time",
        `${sig(p.train.days)} days (${sig(p.train.deviceHours)} device-hours), goodput ${(100 * p.train.goodput).toFixed(2)}% (failures, restarts, checkpoints)`,
      ],
      ["cost", p.cost?.dollars === null || p.cost === null ? "-" : formatDollars(p.cost.dollars)],
      ["energy", `${sig(p.energy!.kWh)} kWh, ${sig(p.co2!.kg)} kgCO2 (${region})`],
    );
  return [`fine-tuning ${name}: ${p.method}${lora} on ${p.devices} x ${p.hardware}`, keyValues(rows)].join(
    "\n",
  );
}
