import type { System } from "./systemSchema.js";

/**
 * A calibrated system's own fit, said beside the corpus's error band (plan's `model err` line and the web
 * Plan page): the user's runs it kept and its RMS error before and after calibration; empty for a
 * catalog system.
 */
export function calibrationNote(system: System): string {
  const c = system.calibration;
  return c
    ? `; this system was calibrated on ${c.kept} of your ${c.runs} runs, RMS error ${c.rmsPctBefore.toFixed(1)}% before and ${c.rmsPctAfter.toFixed(1)}% after`
    : "";
}
