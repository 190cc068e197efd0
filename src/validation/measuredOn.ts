import type { Accelerator } from "../hardware/accelerator.js";

/** An accelerator as the corpus's per-accelerator tables look it up: a catalog name, or its entry. */
export type MeasuredOn = string | Pick<Accelerator, "name" | "variantOf">;

/**
 * The accelerators whose corpus runs stand for this one's, in order: itself, then the one whose compute
 * it shares (`variantOf`, an export variant such as the H800 of the H100) where it has none of its own.
 */
export function measuredNames(a: MeasuredOn): { name: string; names: string[] } {
  if (typeof a === "string") return { name: a, names: [a] };
  return { name: a.name, names: a.variantOf ? [a.name, a.variantOf] : [a.name] };
}
