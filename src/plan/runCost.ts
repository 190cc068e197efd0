import { DEFAULT_PUE, energyAndCo2, powerModel } from "../hardware/grid.js";

/** What training for a number of tokens (or samples) on a timed layout costs. */
export interface RunCost {
  train: { seconds: number; deviceHours: number };
  cost: { dollars: number | null; dollarsPerDeviceHour: number | null };
  energy: { kWh: number; wattsPerDevice: number; pue: number; powerModel: string };
  co2: { kg: number; region: string };
}

/** Inputs of {@link runCost}. */
export interface RunCostOptions {
  /** Tokens (or samples) to train on. */
  units: number;
  /** Throughput of the layout, tokens (or samples) per second. */
  unitsPerSecond: number;
  devices: number;
  tdpWatts: number;
  dollarsPerHour: number | undefined;
  /** Power usage effectiveness; default `DEFAULT_PUE` (1.10, Google fleet 2023). */
  pue?: number;
  /** Grid region for kgCO2/kWh; default "world". */
  region?: string;
}

/**
 * Time, device-hours, dollars, energy and CO2 of a run: seconds = D / throughput; device-hours =
 * devices × seconds / 3600; dollars = device-hours × the catalog's price per device-hour; energy =
 * devices × TDP × seconds × PUE (power model: every device at TDP for the whole run, Patterson et al.
 * 2021 Table 4; host CPUs and network are not counted, PUE covers the facility); CO2 = kWh × the
 * region's grid intensity (the HF calculator's kWh × 0.534 with the PUE made explicit, REFERENCE (f)).
 */
export function runCost(o: RunCostOptions): RunCost {
  const { units, unitsPerSecond, devices, tdpWatts, dollarsPerHour, pue = DEFAULT_PUE, region = "world" } = o;
  const seconds = units / unitsPerSecond;
  const deviceHours = (devices * seconds) / 3600;
  const watts = powerModel({ tdpWatts });
  const { kWh, kgCO2 } = energyAndCo2({ devices, seconds, watts, pue, region });
  return {
    train: { seconds, deviceHours },
    cost: {
      dollars: dollarsPerHour === undefined ? null : deviceHours * dollarsPerHour,
      dollarsPerDeviceHour: dollarsPerHour ?? null,
    },
    energy: {
      kWh,
      wattsPerDevice: watts,
      pue,
      powerModel: "every device at TDP for the whole run, times PUE",
    },
    co2: { kg: kgCO2, region },
  };
}
