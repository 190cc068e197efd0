/**
 * The Fine-tune page (`scalecast finetune`): full fine-tuning, LoRA or QLoRA of a decoder on hardware,
 * with the trainable parameters, memory per device, FLOP per token, checkpoint, and days and dollars.
 * A page of its own rather than a section of Serve: it shares the model and hardware fields but none of
 * the request, latency or format fields, and its results (a training step and a run) are read apart
 * from a serving plan's.
 */
import { ACCELERATORS } from "../../../src/hardware/catalog.js";
import { DEFAULT_PUE, gridIntensity, GRID_REGIONS } from "../../../src/hardware/grid.js";
import type { FinetunePlanInput } from "../../../src/plan/finetunePlan.js";
import { InputError } from "../../../src/units/InputError.js";
import { parseCount } from "../../../src/units/parseCount.js";
import { RECOMPUTE } from "../../../src/workload/execution.js";
import { FINETUNE_METHODS, type FinetuneInput } from "../../../src/workload/finetune/finetuneStep.js";
import { LORA_TARGETS, type LoraTarget } from "../../../src/workload/finetune/loraAdapters.js";
import type { ModelSpec } from "../../../src/workload/modelSpec.js";
import { downloadButtons, reportHtml } from "../download.js";
import { jobPanel } from "../jobs.js";
import { live, type PageDef, pageFrame } from "../page.js";
import { formValues, param } from "../state.js";
import { field, group, input, select } from "../ui.js";
import { acceleratorOf } from "./forecastInput.js";
import { finetuneView } from "./finetuneView.js";
import { modelInput } from "./modelInput.js";
import { pueOf, wholeCount } from "./serveInput.js";
import { parseSequence } from "../../../src/units/parseSequence.js";

/**
 * The fine-tuning plan's input for the page's fields (named as `scalecast finetune`'s options: method,
 * rank, targets, seq, micro-batch, recompute, paged, devices, tokens); rank and targets only for LoRA
 * and QLoRA, as the CLI takes them.
 */
export function finetuneInput(spec: ModelSpec, f: Record<string, string>): FinetunePlanInput {
  const method = f.method as FinetuneInput["method"];
  if (!(FINETUNE_METHODS as readonly string[]).includes(method))
    throw new InputError("method", f.method, FINETUNE_METHODS.join(", "));
  const adapters = method !== "full";
  const rank = adapters ? wholeCount(f.rank, "rank") : undefined;
  const targets = adapters && f.targets?.trim() ? f.targets.split(",").map((t) => t.trim()) : undefined;
  for (const t of targets ?? [])
    if (!(LORA_TARGETS as readonly string[]).includes(t))
      throw new InputError("targets", t, `comma-separated names from ${LORA_TARGETS.join(", ")}`);
  const seq = f.seq ? parseSequence(f.seq, "seq") : undefined;
  const microBatch = wholeCount(f["micro-batch"], "micro-batch");
  const tokens = f.tokens ? parseCount(f.tokens, "tokens", { allowUnit: true }) : undefined;
  if (tokens !== undefined && !(tokens > 0))
    throw new InputError("tokens", f.tokens, "a positive count such as 1B");
  const region = f.region || "world";
  gridIntensity(region);
  const pue = pueOf(f.pue);
  const devices = wholeCount(f.devices, "devices");
  return {
    model: spec,
    finetune: {
      method,
      ...(rank !== undefined ? { rank } : {}),
      ...(targets !== undefined ? { targets: targets as LoraTarget[] } : {}),
      ...(seq !== undefined ? { seq } : {}),
      ...(microBatch !== undefined ? { microBatch } : {}),
      recompute: f.recompute as FinetuneInput["recompute"] & string,
    },
    accelerator: acceleratorOf(f.hardware ?? "h100-sxm", f.price),
    region,
    ...(devices !== undefined ? { devices } : {}),
    ...(tokens !== undefined ? { tokens } : {}),
    ...(pue !== undefined ? { pue } : {}),
    ...(f.paged === "on" ? { pagedOptimizer: true } : f.paged === "off" ? { pagedOptimizer: false } : {}),
  };
}

function mount(root: HTMLElement): void {
  const frame = pageFrame(
    "finetune",
    "Fine-tune",
    "Full fine-tuning, LoRA or QLoRA of a model: trainable parameters, memory per device, FLOP per token, the checkpoint, and what a run costs.",
  );
  const model = modelInput("llama2-7b");
  const job = jobPanel("fine-tuning plan");
  const text = (
    name: string,
    label: string,
    value: string,
    attrs: Record<string, string> = {},
    hint?: string,
  ) => field(label, input(name, param(name, value), attrs), hint);
  const rankBox = text("rank", "LoRA rank", "", { inputmode: "numeric", placeholder: "8 LoRA, 64 QLoRA" });
  const targetsBox = text(
    "targets",
    "Target modules",
    "",
    { placeholder: "q,v LoRA; all QLoRA" },
    `comma-separated from ${LORA_TARGETS.join(", ")}`,
  );
  frame.form.append(
    model.fieldset,
    group(
      "Method",
      field(
        "Method",
        select(
          "method",
          [
            ["full", "full fine-tuning"],
            ["lora", "LoRA"],
            ["qlora", "QLoRA (4-bit base)"],
          ],
          param("method", "lora"),
        ),
      ),
      rankBox,
      targetsBox,
      field(
        "Paged optimizer",
        select(
          "paged",
          [
            ["", "default"],
            ["on", "on"],
            ["off", "off"],
          ],
          param("paged", ""),
        ),
        "default: on for QLoRA",
      ),
    ),
    group(
      "Run",
      text("tokens", "Tokens to fine-tune on", "100M", {}, "e.g. 100M or 1B"),
      text("seq", "Sequence (tokens)", "", { inputmode: "numeric", placeholder: "the model's" }),
      text("micro-batch", "Micro-batch (sequences)", "", { inputmode: "numeric", placeholder: "1" }),
      field("Recompute", select("recompute", RECOMPUTE, param("recompute", "full"))),
    ),
    group(
      "System",
      field(
        "Hardware",
        select(
          "hardware",
          ACCELERATORS.map((a) => a.name),
          param("hardware", "h100-sxm"),
        ),
      ),
      text("devices", "Devices", "1", { inputmode: "numeric" }),
      text(
        "price",
        "Price per device-hour",
        "",
        { placeholder: "catalog", "data-error-field": "price per device-hour" },
        "e.g. $2.49",
      ),
      field("Grid region", select("region", GRID_REGIONS, param("region", "world"))),
      text("pue", "PUE", "", { inputmode: "decimal", placeholder: String(DEFAULT_PUE) }),
    ),
    job.el,
  );
  root.append(frame.section);

  async function update(): Promise<void> {
    const f = formValues(frame.form);
    model.sync(f);
    rankBox.hidden = targetsBox.hidden = f.method === "full";
    frame.begin();
    try {
      const m = model.model(f);
      const inp = finetuneInput(m.spec, f);
      const plan = await job.run("finetune", inp);
      frame.done(
        ...finetuneView(
          m.name,
          plan,
          {
            accelerator: inp.accelerator,
            pue: inp.pue ?? DEFAULT_PUE,
            region: inp.region ?? "world",
            tokens: inp.tokens,
          },
          frame.charts,
        ),
        downloadButtons(
          "scalecast-finetune",
          () => ({ model: m.name, ...plan }),
          () => (frame.charts.flush(), reportHtml(`scalecast finetune: ${m.name}`, frame.results, f)),
        ),
      );
    } catch (e) {
      frame.failJob(e, "change an input to plan again");
    }
  }
  model.wire(frame, () => void update());
  live(
    frame,
    () => void update(),
    (t) => t === model.file,
  );
  void update();
}

/** The Fine-tune page. */
export const finetunePage: PageDef = { id: "finetune", title: "Fine-tune", mount };
