import { InputError } from "../units/InputError.js";
import { parseJsonDocument } from "../ingest/parseJsonDocument.js";
import { fromHuggingFaceConfig } from "../workload/hf/fromHuggingFaceConfig.js";
import { MODEL_PRESETS, modelPreset } from "../workload/presets/index.js";
import { parseModelSpec, type ModelSpec } from "../workload/modelSpec.js";
import type { Io } from "./io.js";
import { readFileText } from "./readRuns.js";

/**
 * A model named on the command line: a preset, a spec JSON file ({"family": ...}), a Hugging Face
 * config.json ({"model_type": ...}), or inline JSON (--model-json).
 */
export function loadModel(
  io: Io,
  ref: string | undefined,
  inline: string | undefined,
): { name: string; spec: ModelSpec } {
  if (inline !== undefined)
    return { name: "--model-json", spec: specFromJson(parseJson(inline, "--model-json"), "--model-json") };
  if (ref === undefined)
    throw new InputError(
      "MODEL",
      undefined,
      "a preset name (scalecast workload --list), a spec JSON file, or --model-json",
    );
  if (MODEL_PRESETS.some((p) => p.name === ref)) return { name: ref, spec: modelPreset(ref).spec };
  if (!/\.json$/i.test(ref)) modelPreset(ref); // throws, listing the presets
  return { name: ref, spec: specFromJson(parseJson(readFileText(io, ref, "MODEL"), ref), ref) };
}

function parseJson(text: string, field: string): unknown {
  return parseJsonDocument(text, field);
}

function specFromJson(doc: unknown, field: string): ModelSpec {
  if (doc && typeof doc === "object" && "model_type" in doc)
    return parseModelSpec(fromHuggingFaceConfig(doc), field);
  return parseModelSpec(doc, field);
}
