import { defineCommand } from "citty";
import { accelerator } from "../../hardware/catalog.js";
import { gridIntensity } from "../../hardware/grid.js";
import { KV_FORMATS, WEIGHT_FORMATS } from "../../plan/inferenceFormats.js";
import { type InferencePlan, inferencePlan } from "../../plan/inferencePlan.js";
import { BATCHINGS } from "../../plan/inferenceRun.js";
import { throughputLatencyPlot } from "../../report/servingPlots.js";
import { InputError } from "../../units/InputError.js";
import { formatBytes } from "../../units/formatBytes.js";
import { parseCount } from "../../units/parseCount.js";
import type { Io } from "../io.js";
import { loadModel } from "../loadModel.js";
import { enumOption, numberOption } from "../options.js";
import { renderTable, sig } from "../table.js";
import { loadCatalog } from "../loadCatalog.js";
import { keyValues } from "../table.js";

const count = (v: string | undefined, field: string) => {
  if (v === undefined) return undefined;
  const n = parseCount(v, field);
  if (!Number.isInteger(n) || n < 1) throw new InputError(field, v, "a positive integer");
  return n;
};

const positive = (v: string | undefined, field: string, expected: string) => {
  const n = numberOption(v, field, expected);
  if (n !== undefined && !(n > 0)) throw new InputError(field, v, expected);
  return n;
};

const args = {
  model: {
    type: "positional",
    description: "preset name, spec JSON or Hugging Face config.json",
    required: false,
  },
  "model-json": { type: "string", description: "the model spec as inline JSON" },
  hardware: { type: "string", description: "accelerator name (scalecast hardware list)" },
  catalog: { type: "string", description: "JSON file of extra or overriding accelerators" },
  devices: { type: "string", description: "devices to use (default: the best layout's tp x pp)" },
  prompt: { type: "string", description: "prompt tokens per request (default 1024)" },
  output: { type: "string", description: "output tokens per request (default 256)" },
  batch: { type: "string", description: "sequences in flight per replica (default: searched)" },
  "ttft-ms": { type: "string", description: "time-to-first-token target, milliseconds" },
  "tpot-ms": { type: "string", description: "time-per-output-token target, milliseconds" },
  weights: { type: "string", description: `${WEIGHT_FORMATS.join("|")} (default bf16)` },
  kv: { type: "string", description: `KV cache ${KV_FORMATS.join("|")} (default bf16)` },
  batching: { type: "string", description: `${BATCHINGS.join("|")} (default continuous)` },
  region: { type: "string", description: "grid region for CO2 (default world)" },
  pue: { type: "string", description: "power usage effectiveness (default 1.1)" },
  report: { type: "string", description: "write an HTML report with the throughput-latency plot here" },
  json: { type: "boolean", description: "print JSON" },
} as const;

/** `scalecast inference MODEL --hardware NAME`: the cheapest way to serve a model under latency targets. */
export function inferenceCommand(io: Io) {
  return defineCommand({
    meta: {
      name: "inference",
      description:
        "Serving: best batch and layout under TTFT/TPOT targets, tokens/s, $ and kWh per million tokens",
    },
    args,
    run({ args: a }) {
      const model = loadModel(io, a.model, a["model-json"]);
      if (a.hardware === undefined)
        throw new InputError("--hardware", undefined, "an accelerator name (scalecast hardware list)");
      const acc = accelerator(a.hardware, loadCatalog(io, a.catalog));
      const region = a.region ?? "world";
      gridIntensity(region);
      const ttft = positive(a["ttft-ms"], "--ttft-ms", "a positive number of milliseconds");
      const tpot = positive(a["tpot-ms"], "--tpot-ms", "a positive number of milliseconds");
      const pue = numberOption(a.pue, "--pue", "a PUE of at least 1");
      if (pue !== undefined && !(pue >= 1)) throw new InputError("--pue", a.pue, "a PUE of at least 1");
      const devices = count(a.devices, "--devices");
      const prompt = count(a.prompt, "--prompt");
      const output = count(a.output, "--output");
      const batch = count(a.batch, "--batch");
      const weights = enumOption(a.weights, "--weights", WEIGHT_FORMATS);
      const kv = enumOption(a.kv, "--kv", KV_FORMATS);
      const batching = enumOption(a.batching, "--batching", BATCHINGS);
      const plan = inferencePlan({
        model: model.spec,
        accelerator: acc,
        region,
        ...(devices !== undefined ? { devices } : {}),
        ...(prompt !== undefined ? { prompt } : {}),
        ...(output !== undefined ? { output } : {}),
        ...(batch !== undefined ? { batch } : {}),
        ...(ttft !== undefined ? { ttftSeconds: ttft / 1e3 } : {}),
        ...(tpot !== undefined ? { tpotSeconds: tpot / 1e3 } : {}),
        ...(weights !== undefined ? { weights } : {}),
        ...(kv !== undefined ? { kv } : {}),
        ...(batching !== undefined ? { batching } : {}),
        ...(pue !== undefined ? { pue } : {}),
      });
      if (a.report) {
        io.writeText(a.report, renderServingReport(model.name, plan));
        io.stderr(`scalecast: wrote the HTML report to ${a.report}\n`);
      }
      if (a.json) io.stdout(`${JSON.stringify({ model: model.name, ...plan }, null, 2)}\n`);
      else io.stdout(`${renderInference(model.name, plan)}\n`);
    },
  });
}

const ms = (s: number) => `${sig(1e3 * s)} ms`;

function renderInference(name: string, p: InferencePlan): string {
  const l = p.layout;
  const lines = [
    `serving ${name} (${sig(p.params.total)} params) on ${p.devices} x ${p.hardware}: prompt ${p.prompt}, output ${p.output}, weights ${p.weights}, KV ${p.kv}, ${p.batching} batching`,
    keyValues([
      ["layout", `tp=${l.tp} pp=${l.pp} dp=${l.dp}`],
      ["batch (sequences per replica)", String(p.batch)],
      ["output tokens/s", sig(p.tokensPerSecond)],
      ["output tokens/s per device", sig(p.tokensPerSecondPerDevice)],
      ["time to first token", ms(p.ttftSeconds)],
      ["time per output token", ms(p.tpotSeconds)],
      [
        "$ per million output tokens",
        p.dollarsPerMillionTokens === null ? "-" : `$${sig(p.dollarsPerMillionTokens)}`,
      ],
      ["kWh per million output tokens", sig(p.kWhPerMillionTokens)],
      ["kgCO2 per million output tokens", `${sig(p.kgCO2PerMillionTokens)}, grid ${p.region}`],
      [
        "memory per device",
        `${formatBytes(p.memory.perDeviceBytes)} of ${formatBytes(p.memory.capacityBytes)} (weights ${formatBytes(p.memory.weightsBytes)}, KV ${formatBytes(p.memory.kvCacheBytes)})`,
      ],
      [
        "decode step",
        `compute-bound parts ${ms(p.decode.computeSeconds)}, memory-bound parts ${ms(p.decode.memorySeconds)}, communication ${ms(p.decode.commSeconds)}`,
      ],
    ]),
    "",
    "throughput-latency curve (best layout per batch)",
    renderTable(
      ["batch", "layout", "TTFT", "TPOT", "tokens/s per user", "tokens/s per device", "meets targets"],
      p.curve.map((c) => [
        String(c.batch),
        `tp=${c.layout.tp} pp=${c.layout.pp}`,
        ms(c.ttftSeconds),
        ms(c.tpotSeconds),
        sig(c.userTokensPerSecond),
        sig(c.tokensPerSecondPerDevice),
        c.meetsTargets ? "yes" : "no",
      ]),
    ),
    `calibration: ${sig(p.calibration.bandwidthFraction)} of datasheet bandwidth in decode, ${ms(p.calibration.stepOverheadSeconds)} per forward pass (src/plan/servingCalibration.ts)`,
    ...p.warnings.map((w) => `warning: ${w}`),
  ];
  return lines.join("\n");
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function renderServingReport(name: string, p: InferencePlan): string {
  const title = `scalecast inference: ${name} on ${p.hardware}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body { font-family: system-ui, sans-serif; max-width: 960px; margin: 2em auto; padding: 0 1em; }</style>
</head><body>
<h1>${esc(title)}</h1>
<pre>${esc(renderInference(name, p))}</pre>
<figure class="plot"><figcaption>Throughput against per-user speed, one point per batch size</figcaption>${throughputLatencyPlot(p.curve)}</figure>
</body></html>
`;
}
