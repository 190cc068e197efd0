import type { Accelerator } from "../hardware/accelerator.js";
import { accelerator } from "../hardware/catalog.js";
import { FRAMEWORK_NAMES } from "../parallel/framework.js";
import { systemFor } from "../parallel/systemFor.js";
import type { System } from "../parallel/systemSchema.js";
import { InputError } from "../units/InputError.js";
import type { Precision } from "../workload/precision.js";
import type { Io } from "./io.js";
import { readFileText } from "./readRuns.js";
import { loadCatalog } from "./loadCatalog.js";
import { parseSystemText, withSystemOptions } from "./systemOptions.js";

/** Read and validate a system JSON file (`--system FILE`, what `scalecast calibrate --out` writes). */
export function loadSystem(io: Io, path: string, field = "--system"): System {
  return parseSystemText(readFileText(io, path, field), `${field} ${path}`);
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
  return withSystemOptions(
    system,
    { framework: args.framework, memoryReserve: args["memory-reserve"], maxFraction: args["max-fraction"] },
    precision,
  );
}
