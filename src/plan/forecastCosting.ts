import { DEFAULT_PUE, energyAndCo2, gridIntensity, powerModel } from "../hardware/grid.js";
import type { TimeBreakdown } from "./forecastTypes.js";
import type { Goodput } from "./goodput.js";

/** What a planned run costs beyond its steps: prices and the facility, every field arithmetic. */
export interface Pricing {
  /** Dollars per device-hour (null: no price known, dollars are not given). */
  dollarsPerHour: number | null;
  tdpWatts: number;
  /** Power usage effectiveness; default 1.10 (grid.ts). */
  pue?: number;
  /** Grid region for kgCO2/kWh; default "world". */
  region?: string;
  /** Multiplier on the step time (1.1 = 10% slower); default 1. */
  stepTimeFactor?: number;
}

/** A run costed: wall-clock time with goodput, device-hours, dollars, energy and CO2, and where time goes. */
export interface RunCosting {
  /** Seconds spent in training steps (steps × step time). */
  productiveSeconds: number;
  /** Wall-clock seconds: productive / goodput fraction. */
  wallSeconds: number;
  days: number;
  deviceHours: number;
  dollars: number | null;
  kWh: number;
  kgCO2: number;
  pue: number;
  region: string;
  kgPerKWh: number;
  breakdown: TimeBreakdown[];
}

/**
 * Cost `steps` optimizer steps of `stepSeconds` each on `devices` devices (the forecast's costing, split
 * from its chain so that a change of price, PUE, region or goodput is arithmetic): wall time = steps ×
 * step time / goodput fraction (goodput.ts); device-hours = devices × wall / 3600; dollars =
 * device-hours × price; energy = devices × TDP × wall × PUE (every device at TDP for the whole run,
 * restarts included: an upper bound, Patterson et al. 2021 Table 4); CO2 = kWh × the region's grid
 * intensity. The breakdown splits days and dollars into steps, checkpoint writes, failures and
 * restarts, and evaluation by the goodput overheads.
 */
export function costRun(
  steps: number,
  stepSeconds: number,
  devices: number,
  goodput: Goodput,
  p: Pricing,
): RunCosting {
  const { pue = DEFAULT_PUE, region = "world", stepTimeFactor = 1 } = p;
  const productiveSeconds = steps * stepSeconds * stepTimeFactor;
  const wallSeconds = productiveSeconds / goodput.fraction;
  const deviceHours = (devices * wallSeconds) / 3600;
  const dollarsFor = (seconds: number) =>
    p.dollarsPerHour === null ? null : ((devices * seconds) / 3600) * p.dollarsPerHour;
  const { kWh, kgCO2 } = energyAndCo2({
    devices,
    seconds: wallSeconds,
    watts: powerModel({ tdpWatts: p.tdpWatts }),
    pue,
    region,
  });
  const part = (name: TimeBreakdown["name"], perProductive: number): TimeBreakdown => ({
    name,
    days: (productiveSeconds * perProductive) / 86400,
    dollars: dollarsFor(productiveSeconds * perProductive),
  });
  const o = goodput.overhead;
  return {
    productiveSeconds,
    wallSeconds,
    days: wallSeconds / 86400,
    deviceHours,
    dollars: dollarsFor(wallSeconds),
    kWh,
    kgCO2,
    pue,
    region,
    kgPerKWh: gridIntensity(region),
    breakdown: [
      part("training steps", 1),
      part("checkpoint writes", o.checkpoints),
      part("failures and restarts", o.failures),
      part("evaluation", o.evaluation),
    ],
  };
}
