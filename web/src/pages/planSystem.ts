/**
 * The Plan page's system, as `scalecast plan` builds it (src/cli/loadSystem.ts): a system file (what
 * `scalecast calibrate --out` writes), validated with the core's schema, or the catalog's accelerator;
 * then the framework profile, the memory reserve and the GEMM ceiling on top, with the CLI's own code
 * (`parseSystemText`, `withSystemOptions`).
 */
import { parseSystemText, withSystemOptions } from "../../../src/cli/systemOptions.js";
import { accelerator } from "../../../src/hardware/catalog.js";
import { FRAMEWORK_NAMES } from "../../../src/parallel/framework.js";
import { systemFor } from "../../../src/parallel/systemFor.js";
import type { System } from "../../../src/parallel/systemSchema.js";
import { InputError } from "../../../src/units/InputError.js";
import { parseDollars } from "../../../src/units/parseDollars.js";
import type { Precision } from "../../../src/workload/precision.js";
import type { Frame } from "../page.js";
import { param } from "../state.js";
import { field, h, input, select } from "../ui.js";

/** The field errors in the system file are reported under (and the box they mark). */
export const SYSTEM_FIELD = "system file";

/** The labels errors in the system options name (the page's labels, as the CLI names its flags). */
const FIELDS = { framework: "framework", memoryReserve: "memory reserve", maxFraction: "GEMM ceiling" };

/**
 * The system for the page's fields: the system JSON when one is given (its accelerator replaces the
 * hardware choice, as `--system` replaces `--hardware`), else the catalog's accelerator; the price per
 * device-hour typed replaces the system's; then framework, memory reserve and GEMM ceiling as typed.
 */
export function systemOf(f: Record<string, string>, precision: Precision): System {
  let system = f.system?.trim()
    ? parseSystemText(f.system, SYSTEM_FIELD)
    : systemFor(accelerator(f.hardware ?? "h100-sxm"));
  if (f.price) {
    const dollarsPerHour = parseDollars(f.price, "price per device-hour");
    if (!(dollarsPerHour > 0))
      throw new InputError("price per device-hour", f.price, "a positive amount such as $2.49");
    system = {
      ...system,
      accelerator: {
        ...system.accelerator,
        price: { dollarsPerHour, date: "entered", source: "price entered on the page" },
      },
    };
  }
  return withSystemOptions(
    system,
    { framework: f.framework, memoryReserve: f["memory-reserve"], maxFraction: f["max-fraction"] },
    precision,
    FIELDS,
  );
}

/**
 * The system fields: the system file (chosen or pasted; kept in the link when short enough), the
 * framework profile, the memory reserve and the GEMM ceiling.
 */
export function systemInputs() {
  const text = h("textarea", {
    name: "system",
    id: "in-system",
    rows: 3,
    spellcheck: "false",
    placeholder: "paste a system JSON, or choose a file",
    "data-error-field": SYSTEM_FIELD,
  });
  text.value = param("system", "");
  const file = h("input", { type: "file", id: "in-system-file", accept: ".json,application/json" });
  const fields = [
    field("System file (scalecast calibrate --out)", file),
    field("System JSON", text, "replaces the hardware choice; empty: the catalog's"),
    field(
      "Framework",
      select(
        "framework",
        [["", "the system's"], ...FRAMEWORK_NAMES.map((n): [string, string] => [n, n])],
        param("framework", ""),
      ),
    ),
    field(
      "Memory reserve",
      input("memory-reserve", param("memory-reserve", ""), {
        placeholder: "1 GiB + 0.6 GiB/comm. + 5%",
        "data-error-field": FIELDS.memoryReserve,
      }),
      "e.g. 6GiB: memory the model may not use",
    ),
    field(
      "GEMM ceiling",
      input("max-fraction", param("max-fraction", ""), {
        inputmode: "decimal",
        placeholder: "the system's",
        "data-error-field": FIELDS.maxFraction,
      }),
      "fraction of dense peak, e.g. 0.7",
    ),
  ];
  return {
    fields,
    file,
    /** Read a chosen system file into the box (compact, so the link can keep it), then recompute. */
    wire(frame: Frame, update: () => void): void {
      file.addEventListener("change", async () => {
        const chosen = file.files?.[0];
        if (!chosen) return;
        frame.pending();
        const raw = await chosen.text();
        try {
          text.value = JSON.stringify(JSON.parse(raw));
        } catch {
          text.value = raw; // the recompute reports what is wrong with it, beside the box
        }
        update();
      });
    },
  };
}
