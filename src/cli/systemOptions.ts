import { withGemmCeiling } from "../parallel/calibrateSystem.js";
import { FRAMEWORK_NAMES } from "../parallel/framework.js";
import { frameworkProfile } from "../parallel/frameworkProfiles.js";
import { parseSystem, type System } from "../parallel/systemSchema.js";
import { parseJsonDocument } from "../ingest/parseJsonDocument.js";
import { InputError } from "../units/InputError.js";
import { parseBytes } from "../units/parseBytes.js";
import type { Precision } from "../workload/precision.js";
import { enumOption, numberOption } from "./options.js";
import { requireUnit } from "../units/requireUnit.js";

/**
 * A system file's text (what `scalecast calibrate --out` writes) parsed and validated with the core's
 * schema (`parseSystem`): bad JSON or a bad field is an InputError naming `where` (and the field's path
 * inside the file) with the value found there. Pure: the CLI reads the file, the web app its upload.
 */
export function parseSystemText(text: string, where: string): System {
  // parseJsonDocument also refuses nesting deeper than zod and the error formatter can walk (issue 16)
  return parseSystem(parseJsonDocument(text, where, "a JSON system file", text.trim().slice(0, 40)), where);
}

/** The options applied on top of a system, as typed (`--framework`, `--memory-reserve`, `--max-fraction`). */
export interface SystemOptionValues {
  framework?: string | undefined;
  memoryReserve?: string | undefined;
  maxFraction?: string | undefined;
}

/** The field names errors report (the CLI's flags by default; the web app passes its labels). */
export interface SystemOptionFields {
  framework: string;
  memoryReserve: string;
  maxFraction: string;
}

const CLI_FIELDS: SystemOptionFields = {
  framework: "--framework",
  memoryReserve: "--memory-reserve",
  maxFraction: "--max-fraction",
};

/**
 * A system with the user's overrides, the same in the CLI and the web app: a framework profile by name
 * (`FRAMEWORK_PROFILES`), a memory reserve in bytes ("6GiB": the whole reserve, replacing the default
 * 1 GiB + 0.6 GiB per communicator + 5%, between 0 and the device's memory), and a GEMM ceiling at
 * `precision` (a fraction of dense peak in (0, 1]). Empty values leave the system as it is.
 */
export function withSystemOptions(
  system: System,
  o: SystemOptionValues,
  precision: Precision,
  fields: SystemOptionFields = CLI_FIELDS,
): System {
  let out = system;
  const framework = enumOption(o.framework || undefined, fields.framework, FRAMEWORK_NAMES);
  if (framework !== undefined) out = { ...out, framework: frameworkProfile(framework) };
  if (o.memoryReserve !== undefined && o.memoryReserve !== "") {
    const bytes = parseBytes(
      requireUnit(o.memoryReserve, fields.memoryReserve, "6GiB or 8 GB"),
      fields.memoryReserve,
    );
    if (!(bytes >= 0 && bytes < out.accelerator.memoryBytes))
      throw new InputError(
        fields.memoryReserve,
        o.memoryReserve,
        `less than the device's memory, ${(out.accelerator.memoryBytes / 2 ** 30).toFixed(1)}GiB (${out.accelerator.name})`,
      );
    out = { ...out, memoryReserve: { fixedBytes: bytes, perCommunicatorBytes: 0, fraction: 0 } };
  }
  const maxFraction = numberOption(o.maxFraction, fields.maxFraction, "a fraction of peak in (0, 1]");
  if (maxFraction !== undefined) {
    if (!(maxFraction > 0 && maxFraction <= 1))
      throw new InputError(fields.maxFraction, o.maxFraction, "a fraction of peak in (0, 1]");
    out = withGemmCeiling(out, precision, maxFraction);
  }
  return out;
}
