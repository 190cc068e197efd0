/**
 * How each number of a forecast or a plan is computed: the formula with this run's numbers in it and the
 * source behind it. The formulas and citations are the ones the core states in its TSDoc (runCost,
 * requirementFor, forecast, kaplanCriticalBatch, assembleStep) and the catalog's own sources (accelerator
 * datasheets and price quotes, grid intensities, law presets); nothing here is a new model.
 */
import type { Accelerator } from "../hardware/accelerator.js";
import { DEFAULT_PUE, GRID_INTENSITY } from "../hardware/grid.js";
import { FAMILIES } from "../laws/families.js";
import type { Law } from "../laws/law.js";
import type { Forecast } from "../plan/forecastTypes.js";
import { formatTick } from "./ticks.js";

/** A formula with the run's numbers, and where it comes from. */
export interface Explanation {
  formula: string;
  source: string;
}

const n = (x: number | null | undefined) => (x === null || x === undefined ? "-" : formatTick(x, "count"));
const ND = new Set(["chinchilla", "kaplan-nd"]);

/** Time, money, energy and CO2 of a run (runCost), for the forecast and the plan pages alike. */
/** Where the goodput model's fraction comes from (plan, fine-tune and forecast pages). */
export const GOODPUT_SOURCE =
  "goodput (src/plan/goodput.ts): Llama 3's interruption rate (§3.3.4: 419 in 54 days on 16,384 H100s), a 15-minute restart, checkpoints written at Daly's interval (Daly 2006)";

export function costExplanations(o: {
  accelerator: Accelerator;
  devices: number;
  units: number;
  unitName: string;
  unitsPerSecond: number;
  pue: number;
  region: string;
  /** The goodput fraction the wall time divides by (absent: steps only). */
  goodputFraction?: number;
}): Record<string, Explanation> {
  const acc = o.accelerator;
  const price = acc.price;
  const grid = GRID_INTENSITY[o.region];
  const g = o.goodputFraction;
  return {
    days:
      g === undefined
        ? {
            formula: `time = ${o.unitName} / throughput = ${n(o.units)} / ${n(o.unitsPerSecond)} per second`,
            source: "runCost (src/plan/runCost.ts); throughput of the best layout found by the layout search",
          }
        : {
            formula: `time = ${o.unitName} / throughput / goodput = ${n(o.units)} / ${n(o.unitsPerSecond)} per second / ${g.toFixed(3)} (failures, restarts and checkpoint writes)`,
            source: `${GOODPUT_SOURCE}; throughput of the layout`,
          },
    ...(g === undefined
      ? {}
      : {
          goodput: {
            formula: `goodput = time in training steps / wall time = ${g.toFixed(4)}; interrupts arrive at the rate per device-hour × ${o.devices} devices, each costing the restart and the work since the last checkpoint`,
            source: GOODPUT_SOURCE,
          },
        }),
    "device-hours": {
      formula: `device-hours = devices × seconds / 3600 = ${o.devices} × time / 3600`,
      source: "runCost (src/plan/runCost.ts)",
    },
    dollars: {
      formula: `dollars = device-hours × price per device-hour ($${price ? price.dollarsPerHour.toFixed(2) : "-"}/h)`,
      source: price ? `${price.source} (quoted ${price.date})` : `no price for ${acc.name} in the catalog`,
    },
    kwh: {
      formula: `kWh = devices × TDP (${acc.tdpWatts} W) × seconds × PUE (${o.pue}) / 3.6e6; every device at TDP for the whole run`,
      source: `Patterson et al. 2021 Table 4 (power model); TDP: ${acc.sources.tdpWatts ?? "catalog"}; PUE ${DEFAULT_PUE} by default: Google data centers "Efficiency" page, 2023`,
    },
    co2: {
      formula: `kg CO2 = kWh × grid intensity (${o.region}: ${grid?.kgCO2PerKWh ?? "-"} kg/kWh)`,
      source: grid?.source ?? "grid intensity table (src/hardware/grid.ts)",
    },
  };
}

/** The step of a timed layout: step time, MFU, HFU, memory (plan and forecast pages). */
export function stepExplanations(acc: Accelerator): Record<string, Explanation> {
  return {
    "step-seconds": {
      formula:
        "step time = compute + memory-bound ops + exposed communication + pipeline bubble + optimizer, for the chosen layout",
      source:
        "evaluateLayout (src/parallel): Narayanan et al. 2021 (PTD-P, 1F1B bubble (p−1)/(v·m)); ring all-reduce 2(n−1)/n·M/BW (Patarasuk & Yuan 2009)",
    },
    mfu: {
      formula: "MFU = tokens/s × (6N + 12·L·H·Q·T) / (devices × peak FLOP/s)",
      source: `PaLM (Chowdhery et al. 2022) App. B; peak: ${acc.sources.peakFlopsPerSecond ?? "catalog"}`,
    },
    hfu: {
      formula: "HFU = MFU counting the recomputed forward passes too (full recompute: 8N + 16·L·H·Q·T)",
      source: "PaLM (Chowdhery et al. 2022) App. B",
    },
    memory: {
      formula:
        "memory per device = weights + gradients + optimizer state (sharded by ZeRO) + activations kept for backward + buffers",
      source: `Rajbhandari et al. 2020 (ZeRO §5); Korthikanti et al. 2022 eq. 1–6 (activations); capacity: ${acc.sources.memoryBytes ?? "catalog"}`,
    },
  };
}

/**
 * How each output of a forecast is computed, keyed as the web page and the report key them (`params`,
 * `tokens`, `days`, `dollars`, ...). `law` and `accelerator` add their formulas and sources when given.
 */
export function forecastExplanations(
  f: Forecast,
  o: { law?: Law; accelerator?: Accelerator } = {},
): Record<string, Explanation> {
  const fam = o.law ? FAMILIES[o.law.family] : undefined;
  const lawSource = [o.law?.source, fam?.source].filter(Boolean).join("; ") || `law ${f.law}`;
  const nd = o.law ? ND.has(o.law.family) : f.series.frontier !== undefined;
  const budget = f.target === null;
  const out: Record<string, Explanation> = {
    loss: {
      formula: `${fam?.formula ?? "the law"} at N = ${n(f.model.params.value)}, D = ${n(f.data.tokens.value)}`,
      source: lawSource,
    },
    params: nd
      ? {
          formula: budget
            ? "compute-optimal split of C ≈ 6ND: N_opt(C) = G·(C/6)^a, a = β/(α+β), G = (αA/(βB))^(1/(α+β))"
            : "the N of the cheapest (N, D) on the iso-loss line L(N, D) = target (compute-optimal split)",
          source: "Hoffmann et al. 2022 App. D.2 (requirementFor, src/plan/requirement.ts)",
        }
      : {
          formula: "N = p(m*) = σ·m*^βp (the model-size law at the data size m*)",
          source: "Hestness, Ardalani & Diamos, PPoPP 2019, eq. 2",
        },
    tokens: nd
      ? {
          formula: budget
            ? "D_opt(C) = G⁻¹·(C/6)^b, b = α/(α+β)"
            : "the D of the cheapest (N, D) on the iso-loss line L(N, D) = target",
          source: "Hoffmann et al. 2022 App. D.2 (requirementFor, src/plan/requirement.ts)",
        }
      : {
          formula: budget
            ? "m solves 6·p(m)·m = C (the budget in the law's FLOP)"
            : "m* solves the learning curve ε(m*) = target",
          source: `Hestness, Ardalani & Diamos, PPoPP 2019, eq. 1; ${lawSource}`,
        },
    "data-scale": {
      formula: "data scale = D / today's data (the law's reference point)",
      source: "Hestness, Ardalani & Diamos, PPoPP 2019, Table 1",
    },
    "model-scale": {
      formula: "model scale = (data scale)^βp",
      source: "Hestness, Ardalani & Diamos, PPoPP 2019, eq. 2 and Table 1",
    },
    flops: {
      formula: `C = training FLOP per token of the shaped model × D = ${n(f.compute.flops.value / f.data.tokens.value)} × ${n(f.data.tokens.value)} (≈ 6ND)`,
      source:
        "trainingStep (forward + backward per layer, Catamount/HAD19 §4 accounting); Kaplan et al. 2020 §2.1",
    },
    steps: {
      formula: `steps = D / (global batch × sequence) = ${n(f.data.tokens.value)} / ${n(f.batch.tokensPerStep)} tokens per step`,
      source: "forecast (src/plan/forecast.ts)",
    },
    "global-batch": {
      formula:
        f.batch.critical !== null
          ? `largest power of two ≤ the critical batch B_crit(L) = B*/L^(1/α_B) = ${n(f.batch.critical)} samples (B* = 2e8 tokens, α_B = 0.21), on any device count (more devices than samples split the model: tp, pp or cp); doubled only when no layout fits, and then warned; or the batch entered`
          : "largest power of two ≤ 2^20 tokens / sequence, or ≤ the device count when that is larger (no critical-batch prior for this law's units); doubled only when no layout fits; or the batch entered",
      source: "Kaplan et al. 2020 §5.1 and Table 4 (kaplanCriticalBatch); runChain (src/plan/runChain.ts)",
    },
    interval: {
      formula:
        "95% interval: the 2.5% and 97.5% quantiles over the law's bootstrap draws pushed through the chain (time and cost ∝ N·D per draw, the layout's throughput held fixed)",
      source: "forecast (src/plan/forecast.ts); bootstrap draws from fitLaw",
    },
  };
  if (o.accelerator) {
    Object.assign(out, stepExplanations(o.accelerator));
    const tokensPerSecond = f.batch.tokensPerStep / f.step.seconds;
    Object.assign(
      out,
      costExplanations({
        accelerator: o.accelerator,
        devices: f.devices,
        units: f.data.tokens.value,
        unitName: "D",
        unitsPerSecond: tokensPerSecond,
        pue: f.energy.pue,
        region: f.co2.region,
        goodputFraction: f.goodput.fraction,
      }),
    );
  }
  return out;
}

/** The accounting of a step as the core states it (assembleStep, trainingStep, optimizerCost). */
export const WORKLOAD_EXPLANATIONS: Readonly<Record<string, Explanation>> = {
  "step-flops": {
    formula:
      "model FLOP = Σ over layers of forward + backward (input and weight gradients), no recompute; a multiply-add is 2 FLOP",
    source: "assembleStep (src/workload): Catamount's and HAD19 §4 accounting",
  },
  "step-hardware-flops": {
    formula:
      "hardware FLOP = model FLOP + one more forward of every layer (full recompute) or of the attention core (selective)",
    source: "Korthikanti et al. 2022 §5; PaLM App. B (HFU)",
  },
  "step-bytes": {
    formula:
      "bytes read and written by forward, backward, recompute and the optimizer update, at the execution's precision",
    source: "assembleStep (src/workload); HAD19 §4.3 (memory traffic)",
  },
  intensity: {
    formula: "operational intensity = hardware FLOP / bytes accessed",
    source: "Williams, Waterman & Patterson, CACM 2009 (roofline); HAD19 §4.4",
  },
  "memory-total": {
    formula:
      "memory = weights + gradients + optimizer state + activations kept for backward + buffers (the two largest in-flight tensors)",
    source:
      "assembleStep (src/workload); Korthikanti et al. 2022 eq. 1–6 (activations); ZeRO §3 (model state)",
  },
};

/** The fit's diagnostics as the core defines them (src/fit/diagnostics.ts, objective.ts). */
export const FIT_EXPLANATIONS: Readonly<Record<string, Explanation>> = {
  "rmse-log": {
    formula: "RMSE(log) = √(Σ r²/n), r = log ŷ − log y (0.01 ≈ 1% relative error)",
    source: "diagnostics (src/fit/diagnostics.ts)",
  },
  "r2-log": {
    formula: "R²(log) = 1 − Σ r² / Σ (log y − mean log y)²",
    source: "diagnostics (src/fit/diagnostics.ts)",
  },
  objective: {
    formula: "Σ Huber_δ(log ŷ − log y), Huber(r) = ½r² if |r| ≤ δ, else δ(|r| − δ/2); δ = 1e-3 by default",
    source: "Hoffmann et al. 2022 App. D.2; Besiroglu et al. 2024 (Epoch's replication)",
  },
  bootstrap: {
    formula:
      "refit on resampled runs (with replacement); the 95% interval is the 2.5% and 97.5% quantiles of the refits",
    source:
      "nonparametric bootstrap (Efron 1979), as Besiroglu et al. 2024 do for Chinchilla (src/fit/bootstrap.ts)",
  },
};

/** The batch-size analysis (McCandlish et al. 2018; Shallue et al. 2018), as src/batch states it. */
export const BATCH_EXPLANATIONS: Readonly<Record<string, Explanation>> = {
  "s-min": {
    formula: "S(B) = S_min (1 + B_noise / B): S_min, the fewest steps, at an infinite batch",
    source: "McCandlish et al. 2018 eq. 2.11",
  },
  "b-noise": {
    formula: "B_noise = E_min / S_min, where (S/S_min − 1)(E/E_min − 1) = 1",
    source: "McCandlish et al. 2018 eq. 2.8 and 2.11",
  },
  "e-min": {
    formula: "E_min = S_min · B_noise, the fewest samples, at a small batch",
    source: "McCandlish et al. 2018 eq. 2.11",
  },
  "critical-batch": {
    formula: "B_crit = B_noise: there S = 2·S_min and E = 2·E_min",
    source: "McCandlish et al. 2018 eq. 2.11; Kaplan et al. 2020 §5.1",
  },
  "b-simple": {
    formula: "B_simple = tr(Σ)/|G|², from bias-corrected EMAs of the two-batch estimates",
    source: "McCandlish et al. 2018 eq. 2.9 and App. A.1",
  },
  "kaplan-tokens": {
    formula: "B_crit(L) = B* / L^(1/α_B), B* = 2e8 tokens, α_B = 0.21",
    source: "Kaplan et al. 2020 §5.1 and Table 4",
  },
};
