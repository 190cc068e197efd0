import { InputError } from "../../units/InputError.js";
import { type LawPreset, LawPresetSchema } from "../preset.js";
import { CHINCHILLA_PRESETS } from "./chinchilla.js";
import { HAD19_PRESETS } from "./had19.js";
import { KAPLAN_PRESETS } from "./kaplan.js";

/** Every published law, validated once at load. */
export const LAW_PRESETS: readonly LawPreset[] = [
  ...HAD19_PRESETS,
  ...CHINCHILLA_PRESETS,
  ...KAPLAN_PRESETS,
].map((p) => LawPresetSchema.parse(p));

/** Look up a published law by name; unknown names are an InputError listing the known ones. */
export function lawPreset(name: string): LawPreset {
  const found = LAW_PRESETS.find((p) => p.name === name);
  if (!found) throw new InputError("law", name, `one of ${LAW_PRESETS.map((p) => p.name).join(", ")}`);
  return found;
}
