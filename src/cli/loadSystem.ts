import type { Accelerator } from "../hardware/accelerator.js";
import { accelerator } from "../hardware/catalog.js";
import { FRAMEWORK_NAMES, frameworkProfile } from "../parallel/framework.js";
import { withGemmCeiling } from "../parallel/calibrateSystem.js";
import { systemFor } from "../parallel/systemFor.js";
import { parseSystem, type System } from "../parallel/systemSchema.js";
import { InputError } from "../units/InputError.js";
import { parseBytes } from "../units/parseBytes.js";
import type { Precision } from "../workload/precision.js";
import type { Io } from "./io.js";
import { numberOption } from "./options.js";
import { readFileText } from "./readRuns.js";
import { loadCatalog } from "./loadCatalog.js";

/** Read and validate a system JSON file (`--system FILE`, what `scalecast calibrate --out` writes). */
export function loadSystem(io: Io, path: string, field = "--system"): System {
  const text = readFileText(io, path, field);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new InputError(field, path, `a JSON system file (${(e as Error).message})`);
  }
  return parseSystem(doc, `${field} ${path}`);
}

/** The system options every command that times layouts shares. */
export const systemArgs = {
  hardware: { type: "string", description: "accelerator name (scalecast hardware list)" },
  catalog: { type: "string", description: "JSON file of extra or overriding accelerators" },
  system: {
    type: "string",
    description: "a system JSON file (scalecast calibrate --out); replaces --hardware",
  },
  framework: { type: "string", description: `training stack profile: ${FRAMEWORK_NAMES.join("|")}` },
  "memory-reserve": {
    type: "string",
    description:
      "device memory the model may not use, e.g. 6GiB (default: 1 GiB + 0.6 GiB per communicator + 5%)",
  },
  "max-fraction": {
    type: "string",
    description: "GEMM ceiling, a fraction of dense peak (overrides the system's)",
  },
} as const;

/**
 * The system a command runs on: `--system FILE`, or the catalog's accelerator `--hardware` (with
 * `--catalog` entries), then `--framework`, `--memory-reserve` and `--max-fraction` applied on top.
 */
export function systemFromArgs(
  io: Io,
  args: {
    hardware?: string | undefined;
    catalog?: string | undefined;
    system?: string | undefined;
    framework?: string | undefined;
    "memory-reserve"?: string | undefined;
    "max-fraction"?: string | undefined;
  },
  precision: Precision,
): System {
  let system: System;
  if (args.system !== undefined) {
    if (args.hardware !== undefined)
      throw new InputError(
        "--hardware",
        args.hardware,
        "nothing with --system (the system file names its accelerator)",
      );
    system = loadSystem(io, args.system);
  } else {
    if (args.hardware === undefined)
      throw new InputError(
        "--hardware",
        undefined,
        "an accelerator name (scalecast hardware list) or --system FILE",
      );
    const acc: Accelerator = accelerator(args.hardware, loadCatalog(io, args.catalog));
    system = systemFor(acc);
  }
  if (args.framework !== undefined) system = { ...system, framework: frameworkProfile(args.framework) };
  if (args["memory-reserve"] !== undefined) {
    const bytes = parseBytes(args["memory-reserve"], "--memory-reserve");
    if (!(bytes >= 0 && bytes < system.accelerator.memoryBytes))
      throw new InputError(
        "--memory-reserve",
        args["memory-reserve"],
        `between 0 and the device's ${system.accelerator.memoryBytes} bytes`,
      );
    system = { ...system, memoryReserve: { fixedBytes: bytes, perCommunicatorBytes: 0, fraction: 0 } };
  }
  const maxFraction = numberOption(args["max-fraction"], "--max-fraction", "a fraction of peak in (0, 1]");
  if (maxFraction !== undefined) {
    if (!(maxFraction > 0 && maxFraction <= 1))
      throw new InputError("--max-fraction", args["max-fraction"], "a fraction of peak in (0, 1]");
    system = withGemmCeiling(system, precision, maxFraction);
  }
  return system;
}
