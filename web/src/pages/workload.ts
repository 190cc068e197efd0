import { parseDims } from "../../../src/graph/onnxWorkload.js";
import { InputError } from "../../../src/units/InputError.js";
import { parseCount } from "../../../src/units/parseCount.js";
import { OPTIMIZERS, RECOMPUTE } from "../../../src/workload/execution.js";
import { fromHuggingFaceConfig } from "../../../src/workload/hf/fromHuggingFaceConfig.js";
import { type ModelSpec, parseModelSpec, WORKLOAD_FAMILIES } from "../../../src/workload/modelSpec.js";
import { PRECISIONS } from "../../../src/workload/precision.js";
import { MODEL_PRESETS, modelPreset } from "../../../src/workload/presets/index.js";
import { inferenceStep, trainingStep } from "../../../src/workload/trainingStep.js";
import { barsChart } from "../../../src/report/plots.js";
import { downloadButtons, reportHtml } from "../download.js";
import { fmt, num, numCell } from "../fmt.js";
import { jobPanel } from "../jobs.js";
import { live, type PageDef, pageFrame } from "../page.js";
import { formValues, param } from "../state.js";
import { card, checkbox, facts, field, h, input, select, table } from "../ui.js";
import { sequenceText, stepView } from "./workloadView.js";
import { parseSequence } from "../../../src/units/parseSequence.js";

const SOURCES: [string, string][] = [
  ["preset", "a preset"],
  ["json", "a spec or Hugging Face config.json"],
  ["onnx", "an ONNX file"],
];

/** A model given on the page: a preset, or JSON (a spec, or a Hugging Face config with `model_type`). */
export function modelFrom(source: string, preset: string, json: string): { name: string; spec: ModelSpec } {
  if (source === "preset") return { name: preset, spec: modelPreset(preset).spec };
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch (e) {
    throw new Error(
      `model JSON: got ${JSON.stringify(json.slice(0, 40))}, expected valid JSON (${(e as Error).message})`,
    );
  }
  if (doc && typeof doc === "object" && "model_type" in doc)
    return {
      name: configName(doc as Record<string, unknown>),
      spec: parseModelSpec(fromHuggingFaceConfig(doc), "config.json"),
    };
  const spec = parseModelSpec(doc, "spec");
  const named = (doc as { name?: unknown }).name;
  return { name: typeof named === "string" && named ? named : `custom ${spec.family}`, spec };
}

/** A Hugging Face config's name: its `_name_or_path`, else its architecture, else its model type. */
export function configName(c: Record<string, unknown>): string {
  const path = typeof c._name_or_path === "string" ? c._name_or_path : "";
  const arch =
    Array.isArray(c.architectures) && typeof c.architectures[0] === "string" ? c.architectures[0] : "";
  return path || arch || `${String(c.model_type)} config`;
}

/** Execution fields set on the page (empty fields keep the core's defaults). */
export function executionOf(f: Record<string, string>) {
  const n = (k: string, field: string) => (f[k] ? parseCount(f[k]!, field) : undefined);
  const batch = n("batch", "batch");
  const seq = f.seq ? parseSequence(f.seq, "sequence") : undefined;
  if (batch !== undefined && !(Number.isInteger(batch) && batch >= 1))
    throw new InputError("batch", f.batch, "a whole number of samples, at least 1");
  return {
    ...(batch !== undefined ? { batch } : {}),
    ...(seq !== undefined ? { seq } : {}),
    precision: f.precision as "bf16",
    optimizer: f.optimizer as "adamw",
    recompute: f.recompute as "none",
  };
}

/** Steps already costed, by model and execution: going back to a preset or a batch is instant. */
const steps = new Map<string, ReturnType<typeof trainingStep>>();

function stepOf(spec: ModelSpec, exec: ReturnType<typeof executionOf>): ReturnType<typeof trainingStep> {
  const key = JSON.stringify([spec, exec]);
  let s = steps.get(key);
  if (!s) {
    s = trainingStep(spec, exec);
    steps.set(key, s);
    if (steps.size > 16) steps.delete(steps.keys().next().value!);
  }
  return s;
}

function mount(root: HTMLElement): void {
  const frame = pageFrame(
    "workload",
    "Workload",
    "Parameters, FLOP, bytes and memory of one training step, by layer and by operator.",
  );
  const source = select("source", SOURCES, param("source", "preset"));
  const preset = select(
    "preset",
    MODEL_PRESETS.map((p) => p.name),
    param("preset", "llama2-7b"),
  );
  const json = h("textarea", { name: "json", id: "in-json", rows: 6, spellcheck: "false" });
  json.value = param("json", "");
  const jsonFile = h("input", { type: "file", id: "in-json-file", accept: ".json" });
  const onnxFile = h("input", { type: "file", id: "in-onnx-file", accept: ".onnx" });
  const dims = input("dims", param("dims", ""), { placeholder: "batch=1,sequence=128" });
  const inference = checkbox("inference", param("inference", "") === "1");
  const job = jobPanel("ONNX analysis");
  const presetBox = h("div", {}, field("Preset", preset));
  const jsonBox = h("div", {}, field("Spec or config.json (JSON)", json), field("JSON file", jsonFile));
  const onnxBox = h(
    "div",
    {},
    field("ONNX file", onnxFile),
    field("Free dimensions (name=value, comma-separated)", dims),
    job.el,
  );
  frame.form.append(
    h("fieldset", {}, h("legend", {}, "Model"), field("Model from", source), presetBox, jsonBox, onnxBox),
    h(
      "fieldset",
      {},
      h("legend", {}, "Execution"),
      h(
        "div",
        { class: "row" },
        field("Batch (samples per step)", input("batch", param("batch", "1"), { inputmode: "numeric" })),
        field(
          "Sequence (tokens)",
          input("seq", param("seq", ""), { inputmode: "numeric", placeholder: "the model's" }),
        ),
        field("Precision", select("precision", PRECISIONS, param("precision", "bf16"))),
        field("Optimizer", select("optimizer", OPTIMIZERS, param("optimizer", "adamw"))),
        field("Recompute", select("recompute", RECOMPUTE, param("recompute", "none"))),
        field("Inference (forward only, KV cache)", inference),
      ),
    ),
  );
  root.append(frame.section);
  let onnx: { bytes: Uint8Array; name: string } | null = null;
  let last: unknown = null;

  function finish(name: string, views: HTMLElement[], json: unknown): void {
    last = json;
    frame.done(
      ...views,
      downloadButtons(
        "scalecast-workload",
        () => last,
        () => (
          frame.charts.flush(),
          reportHtml(`scalecast workload: ${name}`, frame.results, formValues(frame.form))
        ),
      ),
    );
  }

  async function update(): Promise<void> {
    const f = formValues(frame.form);
    presetBox.hidden = f.source !== "preset";
    jsonBox.hidden = f.source !== "json";
    onnxBox.hidden = f.source !== "onnx";
    frame.begin();
    try {
      const exec = executionOf(f);
      if (f.source === "onnx") {
        if (!onnx) return frame.done(h("p", {}, "Choose an .onnx file."));
        const { batch: _b, seq: _s, ...execution } = exec;
        const r = await job.run("onnx", {
          bytes: onnx.bytes,
          name: onnx.name,
          dims: parseDims(f.dims || undefined),
          execution,
        });
        return finish(
          onnx.name,
          [...stepView(onnx.name, r.step, false, frame.charts), h("pre", {}, r.text.trim())],
          r.json,
        );
      }
      const model = modelFrom(f.source!, f.preset!, f.json!);
      if (f.inference) {
        const inf = inferenceStep(model.spec, exec);
        const parts = [
          { name: "weights", value: inf.weights },
          { name: "KV cache", value: inf.kvCache },
          { name: "buffers", value: inf.buffers },
        ];
        const family = WORKLOAD_FAMILIES[model.spec.family];
        const seq = {
          execution: { seq: exec.seq ?? family.defaultSeq(model.spec as never) },
          forward: { unit: family.unit },
        };
        return finish(
          model.name,
          [
            card(
              "Inference",
              facts([
                { label: "model", text: `${model.name} (${model.spec.family}), inference`, key: "model" },
                {
                  label: "sequence",
                  text: sequenceText(seq, Boolean(f.seq)),
                  key: "seq",
                  value: seq.execution.seq,
                },
                {
                  label: "forward FLOP per batch",
                  text: num(inf.flops),
                  key: "inference-flops",
                  value: inf.flops,
                },
                {
                  label: `forward FLOP per ${inf.unit}`,
                  text: num(inf.flopsPerUnit),
                  key: "inference-flops-per-unit",
                  value: inf.flopsPerUnit,
                },
                {
                  label: "memory total",
                  text: fmt(inf.total, "bytes"),
                  key: "inference-total",
                  value: inf.total,
                },
              ]),
            ),
            table(
              ["memory", "bytes", ""],
              parts.map((p) => [p.name, numCell(p.value), fmt(p.value, "bytes")]),
              "Inference memory",
            ),
            h(
              "div",
              { class: "charts" },
              frame.charts.figure(
                barsChart(
                  {
                    id: "inference-memory",
                    title: "Inference memory by part",
                    caption: "Weights, KV cache and buffers of one forward pass.",
                  },
                  { parts, label: "memory", kind: "bytes" },
                ),
              ),
            ),
          ],
          { model: model.name, spec: model.spec, inference: inf },
        );
      }
      const step = stepOf(model.spec, exec);
      const { layers: _layers, ...rest } = step;
      finish(model.name, stepView(model.name, step, Boolean(f.seq), frame.charts), {
        model: model.name,
        spec: model.spec,
        ...rest,
      });
    } catch (e) {
      frame.failJob(e, "choose the file again to analyse it");
    }
  }
  live(
    frame,
    () => void update(),
    (t) => t === jsonFile || t === onnxFile,
  );
  jsonFile.addEventListener("change", async () => {
    const chosen = jsonFile.files?.[0];
    if (!chosen) return;
    frame.pending();
    json.value = await chosen.text();
    void update();
  });
  onnxFile.addEventListener("change", async () => {
    const chosen = onnxFile.files?.[0];
    if (!chosen) return;
    frame.pending();
    onnx = { bytes: new Uint8Array(await chosen.arrayBuffer()), name: chosen.name };
    void update();
  });
  void update();
}

/** The Workload page. */
export const workloadPage: PageDef = { id: "workload", title: "Workload", mount };
