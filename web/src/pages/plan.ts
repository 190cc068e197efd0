import { ACCELERATORS } from "../../../src/hardware/catalog.js";
import { GRID_REGIONS } from "../../../src/hardware/grid.js";
import { numberOption } from "../../../src/cli/options.js";
import type { TimedLayout } from "../../../src/parallel/evaluateLayout.js";
import { fixedFieldsProblem } from "../../../src/parallel/diagnoseNoLayout.js";
import { formatLayout, isCompleteLayout, layoutDevices, parseLayout } from "../../../src/parallel/layout.js";
import { bindSystem } from "../../../src/parallel/systemFor.js";
import { unsupportedByStack } from "../../../src/parallel/unsupportedByStack.js";
import { preferenceNote } from "../../../src/parallel/explainWinner.js";
import { OBJECTIVES, type Objective } from "../../../src/parallel/objective.js";
import { InputError } from "../../../src/units/InputError.js";
import { parseCount } from "../../../src/units/parseCount.js";
import { PRECISIONS, type Precision } from "../../../src/workload/precision.js";
import { MODEL_PRESETS } from "../../../src/workload/presets/index.js";
import { downloadButtons, reportHtml } from "../download.js";
import { fmt, numCell, pct } from "../fmt.js";
import { jobPanel } from "../jobs.js";
import { live, type PageDef, pageFrame } from "../page.js";
import { formValues, param } from "../state.js";
import { field, group, h, input, message, select, table } from "../ui.js";
import { mfuAboveBestWarning } from "../../../src/validation/bestMfu.js";
import { bestMeasuredMfuOn, largestMeasuredOn } from "../../../src/validation/measuredLimitsTable.js";
import { beyondMeasuredWarning } from "../../../src/validation/largestMeasured.js";
import { layoutView } from "./planView.js";
import { systemInputs, systemOf } from "./planSystem.js";
import { modelFrom } from "./workload.js";
import { parseDeadline } from "../../../src/units/requireUnit.js";
import { parseSequence } from "../../../src/units/parseSequence.js";
import { planJob } from "./planJob.js";

/** Attention kernels: the framework's (as `plan` without --attention), or either one. */
const ATTENTION: readonly [string, string][] = [
  ["framework", "the framework's"],
  ["flash", "flash"],
  ["standard", "standard"],
];

function mount(root: HTMLElement): void {
  const frame = pageFrame(
    "plan",
    "Plan",
    "A workload on hardware: the best parallel layouts (or yours), where a step's time and memory go, MFU, and what the run costs.",
  );
  const source = select(
    "source",
    [
      ["preset", "a preset"],
      ["json", "a spec or config.json"],
    ],
    param("source", "preset"),
  );
  const json = h("textarea", { name: "json", id: "in-json", rows: 4, spellcheck: "false" });
  json.value = param("json", "");
  const presetBox = field(
    "Preset",
    select(
      "preset",
      MODEL_PRESETS.map((p) => p.name),
      param("preset", "llama2-7b"),
    ),
  );
  const jsonBox = field("Spec or config.json (JSON)", json);
  const job = jobPanel("layout search");
  const hardware = select(
    "hardware",
    ACCELERATORS.map((a) => a.name),
    param("hardware", "h100-sxm"),
  );
  const hardwareBox = field("Hardware", hardware, "the catalog's; a system file names its own");
  const hardwareHint = hardwareBox.querySelector("small")!;
  const sys = systemInputs();
  const text = (
    name: string,
    label: string,
    value: string,
    attrs: Record<string, string> = {},
    hint?: string,
  ) => field(label, input(name, param(name, value), { "data-error-field": name, ...attrs }), hint);
  frame.form.append(
    group("Model", field("Model from", source), presetBox, jsonBox),
    group(
      "Run",
      text("batch", "Global batch (samples)", "512", {
        inputmode: "numeric",
        "data-error-field": "global batch",
      }),
      text("seq", "Sequence (tokens)", "", { inputmode: "numeric", placeholder: "the model's" }),
      field("Precision", select("precision", PRECISIONS, param("precision", "bf16"))),
      text("tokens", "Tokens to train", "2T", {}, "e.g. 2T or 300B"),
    ),
    group(
      "System",
      hardwareBox,
      field(
        "Device count",
        select(
          "count",
          [
            ["exactly", "exactly"],
            ["up-to", "up to"],
          ],
          param("count", "exactly"),
        ),
      ),
      text("devices", "Devices", "64", { inputmode: "numeric" }),
      text(
        "price",
        "Price per device-hour",
        "",
        { placeholder: "catalog", "data-error-field": "price per device-hour" },
        "e.g. $2.49",
      ),
      field("Grid region", select("region", GRID_REGIONS, param("region", "world"))),
      text("pue", "PUE", "", { inputmode: "decimal", placeholder: "1.1", "data-error-field": "PUE" }),
    ),
    group(
      "Layout",
      text(
        "layout",
        "Fix layout fields",
        "",
        { placeholder: "tp=8,pp=2", "data-error-field": "layout" },
        "as plan --layout: dp, tp, pp, cp, ep, vp, mb, recompute, sp, zero; the rest is searched",
      ),
      field("Attention", select("attention", ATTENTION, param("attention", "framework"))),
      field("Objective", select("objective", OBJECTIVES, param("objective", "throughput"))),
      text("deadline", "Deadline (objective time)", "", { placeholder: "30d" }),
    ),
    group("Calibrated system", ...sys.fields),
    job.el,
  );
  root.append(frame.section);

  async function update(): Promise<void> {
    const f = formValues(frame.form);
    presetBox.hidden = f.source !== "preset";
    jsonBox.hidden = f.source !== "json";
    // a system file names its accelerator, as --system replaces --hardware
    hardware.disabled = Boolean(f.system?.trim());
    frame.begin();
    try {
      const model = modelFrom(f.source!, f.preset!, f.json!);
      const count = parseCount(f.devices!, "devices");
      const units = f.tokens ? parseCount(f.tokens, "tokens", { allowUnit: true }) : undefined;
      const precision = f.precision as Precision;
      const system = systemOf(f, precision);
      const acc = system.accelerator;
      hardwareHint.textContent = f.system?.trim()
        ? `from the system file: ${acc.name}`
        : "the catalog's; a system file names its own";
      const parsed = parseLayout(f.layout ?? "", "layout");
      // a layout that gives every field but cp and ep means cp = ep = 1, as plan --layout takes it
      const fixed = isCompleteLayout({ cp: 1, ep: 1, ...parsed }) ? { cp: 1, ep: 1, ...parsed } : parsed;
      const objective = f.objective as Objective;
      const deadlineSeconds = f.deadline ? parseDeadline(f.deadline, "deadline") : undefined;
      if (objective === "time" && (deadlineSeconds === undefined || units === undefined))
        throw new InputError("deadline", f.deadline, "a deadline and tokens to train for the objective time");
      const pj = planJob({
        spec: model.spec,
        system,
        precision,
        ...(f.seq ? { seq: parseSequence(f.seq, "seq") } : {}),
        globalBatch: parseCount(f.batch!, "global batch"),
        ...(f.count === "up-to" ? { maxDevices: count } : { devices: count }),
        objective,
        ...(units !== undefined ? { units } : {}),
        ...(deadlineSeconds !== undefined ? { deadlineSeconds } : {}),
        fixed,
        ...(f.attention === "flash" || f.attention === "standard" ? { attention: f.attention } : {}),
      });
      // as plan --layout: a fixed field the model cannot take is named, not hidden behind "no layout"
      const fieldProblem = fixedFieldsProblem(
        pj.profile,
        bindSystem(system, precision),
        fixed,
        pj.space.globalBatch,
      );
      if (fieldProblem)
        throw new InputError(
          "layout",
          formatLayout(parsed),
          `fields ${model.name} can take: ${fieldProblem}`,
        );
      const pue = numberOption(f.pue || undefined, "PUE", "a PUE of at least 1");
      let top: TimedLayout[];
      let counts = "";
      if (isCompleteLayout(fixed) && f.count !== "up-to") {
        if (layoutDevices(fixed) !== count)
          throw new InputError(
            "layout",
            formatLayout(fixed),
            `dp·tp·pp·cp = devices (${count}); this layout uses ${layoutDevices(fixed)}`,
          );
        const r = await job.run("evaluate", { job: pj, layout: fixed });
        if (!r.feasible) return frame.fail(`this layout cannot run: ${r.message}`);
        top = [r];
        counts = "the layout given";
      } else {
        const found = await job.run("search", pj);
        if (!found.top[0])
          return frame.fail(
            `no layout of ${model.name} fits ${plainCount(count, f.count === "up-to")} ${acc.name} (${found.pruned} rejected for memory or divisibility)`,
          );
        top = found.top;
        counts = `${found.evaluated} timed, ${found.pruned} pruned`;
      }
      const best = top[0]!;
      const { views, cost } = layoutView(best, pj, units, f.region!, pue, frame.charts);
      const topTable = table(
        ["#", "layout", "step", "tokens/s", "MFU", "memory"],
        top.map((t, i) => [
          String(i + 1),
          { text: formatLayout(t.layout).replaceAll(",", ", "), align: "left" },
          numCell(t.step.seconds, undefined, fmt(t.step.seconds, "seconds")),
          numCell(t.tokensPerSecond, undefined, fmt(t.tokensPerSecond, "count")),
          pct(t.mfu),
          fmt(t.memory.perDeviceBytes, "bytes"),
        ]),
        `Best layouts (${counts})`,
      );
      const out = {
        model: model.name,
        hardware: acc.name,
        best,
        top,
        ...(cost ? { cost } : {}),
      };
      // a prediction above the best MFU measured on this hardware is optimistic (issue 12 item 7)
      const above = mfuAboveBestWarning(best.mfu, acc.name, bestMeasuredMfuOn(acc, precision));
      // a run larger than any the corpus measured on this hardware: the model's error there is unmeasured
      const beyond = beyondMeasuredWarning(
        { devices: best.devices, params: pj.profile.params.total, seq: pj.profile.seq },
        acc.name,
        largestMeasuredOn(acc),
        system.calibration?.kept,
      );
      // a fixed field the stack does not run is timed as given, and said (as plan --layout does)
      const unsupported = unsupportedByStack(parsed, system.framework);
      // which of the search's preferences (memory headroom, simpler layouts) put the winner first
      const choice = top.length > 1 ? preferenceNote(best, top, objective) : undefined;
      frame.done(
        ...(above ? [message("warning", `warning: ${above}`)] : []),
        ...(beyond ? [message("warning", `warning: ${beyond}`)] : []),
        ...unsupported.map((u) => message("warning", `warning: layout ${u} (framework); timed as given`)),
        ...views,
        topTable,
        ...(choice ? [message("note", `choice: ${choice}`)] : []),
        downloadButtons(
          "scalecast-plan",
          () => out,
          () => (frame.charts.flush(), reportHtml(`scalecast plan: ${model.name}`, frame.results, f)),
        ),
      );
    } catch (e) {
      frame.failJob(e, "change an input to search again");
    }
  }
  sys.wire(frame, () => void update());
  live(
    frame,
    () => void update(),
    (t) => t === sys.file,
  );
  void update();
}

const plainCount = (n: number, upTo: boolean) => `${upTo ? "up to " : ""}${n}`;

/** The Plan page. */
export const planPage: PageDef = { id: "plan", title: "Plan", mount };
