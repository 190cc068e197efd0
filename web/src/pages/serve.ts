/** The Serve page: what serving a model costs (`scalecast inference`), with the throughput-latency curve. */
import { ACCELERATORS } from "../../../src/hardware/catalog.js";
import { DEFAULT_PUE, GRID_REGIONS } from "../../../src/hardware/grid.js";
import { KV_FORMATS, WEIGHT_FORMATS } from "../../../src/plan/inferenceFormats.js";
import { BATCHINGS } from "../../../src/plan/inferenceRun.js";
import { downloadButtons, reportHtml } from "../download.js";
import { jobPanel } from "../jobs.js";
import { live, type PageDef, pageFrame } from "../page.js";
import { formValues, param } from "../state.js";
import { field, group, input, select } from "../ui.js";
import { modelInput } from "./modelInput.js";
import { inferenceInput, pueOf } from "./serveInput.js";
import { servingView } from "./serveView.js";

function mount(root: HTMLElement): void {
  const frame = pageFrame(
    "serve",
    "Serve",
    "A model on hardware under latency targets: the best batch and layout, tokens per second, and what a million tokens cost.",
  );
  const model = modelInput("llama3-70b");
  const job = jobPanel("serving search");
  const text = (
    name: string,
    label: string,
    value: string,
    attrs: Record<string, string> = {},
    hint?: string,
  ) => field(label, input(name, param(name, value), attrs), hint);
  frame.form.append(
    model.fieldset,
    group(
      "Requests",
      text("prompt", "Prompt (tokens)", "1024", { inputmode: "numeric" }),
      text("output", "Output (tokens)", "256", { inputmode: "numeric" }),
      text("ttft-ms", "TTFT target (ms)", "", {
        inputmode: "decimal",
        placeholder: "none",
        "data-error-field": "TTFT target",
      }),
      text(
        "tpot-ms",
        "TPOT target (ms)",
        "50",
        { inputmode: "decimal", placeholder: "none", "data-error-field": "TPOT target" },
        "time per output token",
      ),
      text("batch", "Batch (sequences)", "", { inputmode: "numeric", placeholder: "searched" }),
      field("Batching", select("batching", BATCHINGS, param("batching", "continuous"))),
    ),
    group(
      "Formats",
      field("Weights", select("weights", WEIGHT_FORMATS, param("weights", "bf16"))),
      field("KV cache", select("kv", KV_FORMATS, param("kv", "bf16"))),
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
      text("devices", "Devices", "8", { inputmode: "numeric", placeholder: "one replica" }),
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
    frame.begin();
    try {
      const m = model.model(f);
      const inp = inferenceInput(m.spec, f);
      const plan = await job.run("inference", inp);
      const views = servingView(
        m.name,
        plan,
        {
          accelerator: inp.accelerator,
          pue: pueOf(f.pue) ?? DEFAULT_PUE,
          region: inp.region ?? "world",
          ttftSeconds: inp.ttftSeconds,
          tpotSeconds: inp.tpotSeconds,
        },
        frame.charts,
      );
      frame.done(
        ...views,
        downloadButtons(
          "scalecast-inference",
          () => ({ model: m.name, ...plan }),
          () => (frame.charts.flush(), reportHtml(`scalecast inference: ${m.name}`, frame.results, f)),
        ),
      );
    } catch (e) {
      frame.failJob(e, "change an input to search again");
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

/** The Serve page. */
export const servePage: PageDef = { id: "serve", title: "Serve", mount };
