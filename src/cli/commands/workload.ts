import { defineCommand } from "citty";
import { formatBytes } from "../../units/formatBytes.js";
import { InputError } from "../../units/InputError.js";
import { countOption, LIMITS } from "../limits.js";
// only zod-free modules load with the command: the analytic models (zod schemas, presets) load when a
// preset or spec is costed, the ONNX reader when an .onnx graph is (CLI startup, issue 17)
import { OPTIMIZERS, RECOMPUTE } from "../../workload/executionOptions.js";
import { PRECISIONS } from "../../workload/precision.js";
import type { firstOrderSweep } from "../../workload/had19/firstOrderSweep.js";
import type { Had19Domain, Had19Table2Row } from "../../workload/had19/table2.js";
import type { StepCost } from "../../workload/stepCost.js";
import type { Io } from "../io.js";
import { closest } from "../closest.js";
import { enumOption } from "../options.js";
import { isOnnxModel, readOnnxBytes } from "../readOnnx.js";
import { renderTable, sig } from "../table.js";
import { parseSequence } from "../../units/parseSequence.js";

/** `scalecast workload MODEL`: what one training step of a model costs. */
export function workloadCommand(io: Io) {
  return defineCommand({
    meta: { name: "workload", description: "Parameters, FLOP, bytes and memory of one training step" },
    args: {
      model: {
        type: "positional",
        description: "preset name, spec JSON, Hugging Face config.json or an .onnx graph",
        required: false,
      },
      "model-json": { type: "string", description: "the model spec as inline JSON" },
      list: { type: "boolean", description: "list the model presets" },
      batch: { type: "string", description: "samples per step (default 1)" },
      seq: {
        type: "string",
        description:
          "tokens per sample (default: the model's training sequence; a Hugging Face config's context capped at 4096)",
      },
      precision: { type: "string", description: `${PRECISIONS.join("|")} (default bf16)` },
      optimizer: { type: "string", description: `${OPTIMIZERS.join("|")} (default adamw)` },
      recompute: { type: "string", description: `${RECOMPUTE.join("|")} (default none)` },
      inference: { type: "boolean", description: "forward only, with the KV cache for decoders" },
      "first-order": {
        type: "boolean",
        description: "fit HAD19's gamma, lambda, mu, delta over widths and subbatches",
      },
      "by-layer": { type: "boolean", description: "print every layer" },
      dim: { type: "string", description: "ONNX: a free dimension, name=value (repeatable), e.g. batch=32" },
      "by-op": { type: "boolean", description: "ONNX: print every node" },
      strict: { type: "boolean", description: "ONNX: fail on operators without a cost rule" },
      json: { type: "boolean", description: "print JSON" },
    },
    async run({ args, rawArgs }) {
      if (args.list) {
        const { MODEL_PRESETS } = await import("../../workload/presets/index.js");
        if (args.json) io.stdout(`${JSON.stringify(MODEL_PRESETS, null, 2)}\n`);
        else
          io.stdout(
            `${renderTable(
              ["preset", "family", "source"],
              MODEL_PRESETS.map((p) => [p.name, p.spec.family, p.source]),
            )}\n`,
          );
        return;
      }
      const onnx = isOnnxModel(args.model) && args["model-json"] === undefined;
      const model = onnx
        ? undefined
        : (await import("../loadModel.js")).loadModel(io, args.model, args["model-json"]);
      const execution = {
        // the flags checked here, so that an error names the flag the user typed
        ...(args.batch !== undefined
          ? {
              batch: countOption(args.batch, "--batch", {
                max: LIMITS.globalBatch,
                limitName: "2^24 samples",
              }),
            }
          : {}),
        ...(args.seq !== undefined ? { seq: parseSequence(args.seq, "--seq") } : {}),
        ...(args.precision !== undefined
          ? { precision: enumOption(args.precision, "--precision", PRECISIONS) }
          : {}),
        ...(args.optimizer !== undefined
          ? { optimizer: enumOption(args.optimizer, "--optimizer", OPTIMIZERS) }
          : {}),
        ...(args.recompute !== undefined
          ? { recompute: enumOption(args.recompute, "--recompute", RECOMPUTE) }
          : {}),
      };
      if (onnx) {
        // citty keeps the last of repeated options: collect every --dim from the raw arguments
        const dimArgs = rawArgs.flatMap((a, i) =>
          a === "--dim" ? [rawArgs[i + 1] ?? ""] : a.startsWith("--dim=") ? [a.slice(6)] : [],
        );
        // a one-shot analysis: V8's optimizing compiler waits longer (see tierUpLater)
        (await import("../tierUpLater.js")).tierUpLater();
        // the ONNX reader (protobuf) loads only for an .onnx model
        const { onnxWorkload, parseDims } = await import("../../graph/onnxWorkload.js");
        const dims = parseDims(dimArgs);
        const { batch, seq, ...exec } = execution;
        // an .onnx graph names its own sizes: --batch and --seq would be silently ignored, so refuse them
        if (batch !== undefined || seq !== undefined)
          throw new InputError(
            batch !== undefined ? "--batch" : "--seq",
            batch ?? seq,
            "--dim NAME=VALUE for an .onnx model (its free dimensions, e.g. --dim batch=32)",
          );
        const r = onnxWorkload(readOnnxBytes(args.model!), args.model!, {
          dims,
          execution: exec,
          strict: Boolean(args.strict),
          byOp: Boolean(args["by-op"]),
          closestName: closest,
        });
        for (const w of r.warnings) io.stderr(`scalecast: warning: ${args.model}: ${w}\n`);
        if (args.json) io.stdout(`${JSON.stringify(r.json, null, 2)}\n`);
        else io.stdout(`${renderStep(args.model!, r.step, Boolean(args["by-layer"]))}\n${r.text}\n`);
        return;
      }
      if (!model) return;
      if (args["first-order"]) {
        const { firstOrderSweep } = await import("../../workload/had19/firstOrderSweep.js");
        const { HAD19_TABLE2 } = await import("../../workload/had19/table2.js");
        const fit = firstOrderSweep(model.spec, { execution });
        const { points, residuals: _r, ...coefficients } = fit;
        if (args.json)
          io.stdout(`${JSON.stringify({ model: model.name, firstOrder: coefficients, points }, null, 2)}\n`);
        else io.stdout(`${renderFirstOrder(model.name, fit, HAD19_TABLE2)}\n`);
        return;
      }
      const { inferenceStep, trainingStep } = await import("../../workload/trainingStep.js");
      if (args.inference) {
        const inf = inferenceStep(model.spec, execution);
        if (args.json)
          io.stdout(`${JSON.stringify({ model: model.name, spec: model.spec, inference: inf }, null, 2)}\n`);
        else
          io.stdout(
            [
              `model      ${model.name} (${model.spec.family}), inference`,
              `forward    ${sig(inf.flops)} FLOP per batch, ${sig(inf.flopsPerUnit)} FLOP per ${inf.unit}`,
              `memory     weights ${formatBytes(inf.weights)}, KV cache ${formatBytes(inf.kvCache)}, buffers ${formatBytes(inf.buffers)}, total ${formatBytes(inf.total)}`,
            ].join("\n") + "\n",
          );
        return;
      }
      const step = trainingStep(model.spec, execution);
      if (args.json) {
        const { layers: _layers, ...rest } = step;
        io.stdout(`${JSON.stringify({ model: model.name, spec: model.spec, ...rest }, null, 2)}\n`);
      } else io.stdout(`${renderStep(model.name, step, Boolean(args["by-layer"]))}\n`);
    },
  });
}

function renderFirstOrder(
  name: string,
  fit: ReturnType<typeof firstOrderSweep>,
  HAD19_TABLE2: Readonly<Record<Had19Domain, Had19Table2Row>>,
): string {
  const domain = name.replace(/^had19-/, "").replace(/-(today|catamount)$/, "") as Had19Domain;
  const table2 = name.startsWith("had19-") ? HAD19_TABLE2[domain] : undefined;
  const row = (k: "gamma" | "lambda" | "mu" | "delta", unit: string) => [
    k,
    sig(fit[k]),
    table2 ? sig(table2[k]) : "-",
    unit,
    sig(fit.rms[k === "gamma" ? "flops" : k === "delta" ? "footprint" : "bytes"]),
  ];
  return [
    `HAD19 first-order model of ${name}: ${fit.points.length} steps (widths x subbatches), fp32`,
    renderTable(
      ["coef", "fitted", "HAD19 Table 2", "unit", "rms rel. residual"],
      [
        row("gamma", "FLOP/param/sample"),
        row("lambda", "bytes/param"),
        row("mu", "bytes/sample/sqrt(param)"),
        row("delta", "bytes/param"),
      ],
    ),
    "c_t = gamma p b, a_t = lambda p + mu b sqrt(p), f_t = delta p (Hestness, Ardalani & Diamos, PPoPP 2019, §4.2-4.5)",
  ].join("\n");
}

function renderStep(name: string, s: StepCost, byLayer: boolean): string {
  const e = s.execution;
  const tokens = s.forward.unit === "token" ? `${e.batch} x ${e.seq} tokens` : `${e.batch} samples`;
  const lines = [
    `model      ${name} (${s.family})`,
    `params     total ${sig(s.params.total)}, non-embedding ${sig(s.params.nonEmbedding)}, active ${sig(s.params.active)}`,
    `forward    ${sig(s.forward.flopsPerSample)} FLOP per ${s.forward.unit}`,
    `step       ${tokens}, ${e.precision}, ${e.optimizer}, recompute ${e.recompute}`,
    `           model ${sig(s.step.flops)} FLOP, hardware ${sig(s.step.hardwareFlops)} FLOP, ${sig(s.step.bytesAccessed)} bytes, intensity ${sig(s.step.operationalIntensity)} FLOP/byte`,
    `optimizer  ${sig(s.optimizer.flops)} FLOP, ${sig(s.optimizer.bytesAccessed)} bytes, ${s.optimizer.stateBytesPerParam} bytes of state per parameter`,
    `memory     weights ${formatBytes(s.memory.weights)}, gradients ${formatBytes(s.memory.gradients)}, optimizer ${formatBytes(s.memory.optimizer)}, activations ${formatBytes(s.memory.activations)}, buffers ${formatBytes(s.memory.buffers)}`,
    `           total ${formatBytes(s.memory.total)}`,
    "",
    renderTable(
      ["op kind", "forward FLOP", "backward FLOP", "bytes"],
      s.byOp.map((o) => [o.kind, sig(o.forwardFlops), sig(o.backwardFlops), sig(o.bytesAccessed)]),
    ),
  ];
  if (byLayer)
    lines.push(
      "",
      renderTable(
        ["layer", "kind", "params", "forward FLOP", "step FLOP", "bytes", "activations"],
        s.byLayer.map((l) => [
          l.name,
          l.kind,
          sig(l.params),
          sig(l.forwardFlops),
          sig(l.flops),
          sig(l.bytesAccessed),
          formatBytes(l.activations),
        ]),
      ),
    );
  return lines.join("\n");
}
