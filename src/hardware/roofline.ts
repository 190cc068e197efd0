import { InputError } from "../units/InputError.js";
import { HAD19_EFFICIENCY } from "./catalog/efficiencies.js";
import { HAD19_TARGET } from "./catalog/had19.js";

/** Options of {@link rooflineSeconds}. */
export interface RooflineOptions {
  /** FLOP to execute (≥ 0). */
  flops: number;
  /** Bytes moved to and from device memory (≥ 0). */
  bytes: number;
  /** Peak compute, FLOP/s. */
  peakFlopsPerSecond: number;
  /** Peak memory bandwidth, bytes/s. */
  bytesPerSecond: number;
  /** Fraction of peak compute achieved, in (0, 1]; default 1. */
  computeEfficiency?: number;
  /** Fraction of peak bandwidth achieved, in (0, 1]; default 1. */
  memoryEfficiency?: number;
}

/** A roofline time and the roof that bounds it. */
export interface RooflineResult {
  /** max(computeSeconds, memorySeconds). */
  seconds: number;
  /** flops / (computeEfficiency · peakFlopsPerSecond). */
  computeSeconds: number;
  /** bytes / (memoryEfficiency · bytesPerSecond). */
  memorySeconds: number;
  bound: "compute" | "memory";
}

function check(field: string, value: number, positive: boolean): void {
  const ok = Number.isFinite(value) && (positive ? value > 0 : value >= 0);
  if (!ok)
    throw new InputError(
      field,
      value,
      positive ? "a positive finite number" : "a non-negative finite number",
    );
}

function checkFraction(field: string, value: number): void {
  if (!(value > 0 && value <= 1)) throw new InputError(field, value, "a fraction in (0, 1]");
}

/**
 * Roofline time (Williams, Waterman & Patterson, CACM 2009): t = max(F/(e_c·P), B/(e_m·W)), with no
 * overlap penalty. Ties count as compute-bound.
 */
export function rooflineSeconds(options: RooflineOptions): RooflineResult {
  const {
    flops,
    bytes,
    peakFlopsPerSecond,
    bytesPerSecond,
    computeEfficiency = 1,
    memoryEfficiency = 1,
  } = options;
  check("flops", flops, false);
  check("bytes", bytes, false);
  check("peakFlopsPerSecond", peakFlopsPerSecond, true);
  check("bytesPerSecond", bytesPerSecond, true);
  checkFraction("computeEfficiency", computeEfficiency);
  checkFraction("memoryEfficiency", memoryEfficiency);
  const computeSeconds = flops / (computeEfficiency * peakFlopsPerSecond);
  const memorySeconds = bytes / (memoryEfficiency * bytesPerSecond);
  const bound = computeSeconds >= memorySeconds ? "compute" : "memory";
  return { seconds: Math.max(computeSeconds, memorySeconds), computeSeconds, memorySeconds, bound };
}

/** HAD19 §5.2 derates: 80% of peak compute (the HAD19 target's recorded GEMM ceiling). */
export const HAD19_COMPUTE_EFFICIENCY = HAD19_EFFICIENCY.gemm.ceiling.fp32!;
/** HAD19 §5.2: 70% of peak bandwidth (the HAD19 target's recorded streaming fraction). */
export const HAD19_MEMORY_EFFICIENCY = HAD19_EFFICIENCY.memoryBandwidth;

/**
 * HAD19's step-time model (Hestness, Ardalani & Diamos, PPoPP 2019, §5.2; REFERENCE.md (a)):
 * t = max(c/(0.8·x_c), a/(0.7·x_a)). Defaults to the paper's target accelerator, the catalog's
 * `had19-target` (Table 4: x_c = 15.67 TFLOP/s fp32, x_a = 898 GB/s), and its recorded efficiency
 * (one copy of each number). Word LM, Table 3: 1444e12 / (0.8 · 15.67e12) = 115 s.
 *
 * @param step - FLOP `c` and bytes `a` of one step.
 * @param device - peak FLOP/s and bytes/s; HAD19's target by default.
 */
export function had19Roofline(
  step: { flops: number; bytes: number },
  device: { peakFlopsPerSecond: number; bytesPerSecond: number } = {
    peakFlopsPerSecond: HAD19_TARGET.peakFlopsPerSecond.fp32,
    bytesPerSecond: HAD19_TARGET.memoryBytesPerSecond,
  },
): RooflineResult {
  return rooflineSeconds({
    ...step,
    ...device,
    computeEfficiency: HAD19_COMPUTE_EFFICIENCY,
    memoryEfficiency: HAD19_MEMORY_EFFICIENCY,
  });
}
