/**
 * The model a serving or fine-tuning page works on, given as on the Workload page: a decoder preset, or
 * JSON (a model spec, or a Hugging Face config.json with `model_type`), typed or read from a file.
 */
import type { ModelSpec } from "../../../src/workload/modelSpec.js";
import { MODEL_PRESETS } from "../../../src/workload/presets/index.js";
import type { Frame } from "../page.js";
import { param } from "../state.js";
import { field, h, select } from "../ui.js";
import { modelFrom } from "./workload.js";

/** Presets a decoder-only cost model takes (serving and fine-tuning cost decoder LMs). */
export const DECODER_PRESETS = MODEL_PRESETS.filter((p) => p.spec.family === "decoder").map((p) => p.name);

/** The model fields: "Model from", the preset, and the JSON (typed, or read from a file). */
export function modelInput(defaultPreset: string) {
  const source = select(
    "source",
    [
      ["preset", "a preset"],
      ["json", "a spec or Hugging Face config.json"],
    ],
    param("source", "preset"),
  );
  const json = h("textarea", {
    name: "json",
    id: "in-json",
    rows: 5,
    spellcheck: "false",
    "data-error-field": "model",
  });
  json.value = param("json", "");
  const file = h("input", { type: "file", id: "in-json-file", accept: ".json" });
  const presetBox = field("Preset", select("preset", DECODER_PRESETS, param("preset", defaultPreset)));
  const jsonBox = h("div", {}, field("Spec or config.json (JSON)", json), field("JSON file", file));
  const fieldset = h(
    "fieldset",
    {},
    h("legend", {}, "Model"),
    field("Model from", source),
    presetBox,
    jsonBox,
  );
  return {
    fieldset,
    /** The file input (its change is read here, not by the live-update handler). */
    file,
    /** Show the fields of the chosen source. */
    sync(f: Record<string, string>): void {
      presetBox.hidden = f.source !== "preset";
      jsonBox.hidden = f.source !== "json";
    },
    /** The model the fields give. */
    model(f: Record<string, string>): { name: string; spec: ModelSpec } {
      return modelFrom(f.source ?? "preset", f.preset ?? defaultPreset, f.json ?? "");
    },
    /** Read a chosen JSON file into the text box, then recompute. */
    wire(frame: Frame, update: () => void): void {
      file.addEventListener("change", async () => {
        const chosen = file.files?.[0];
        if (!chosen) return;
        frame.pending();
        json.value = await chosen.text();
        update();
      });
    },
  };
}
