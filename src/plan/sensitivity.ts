import { formatCell } from "../units/formatNumber.js";
import { forecastCore } from "./forecastCore.js";
import { costRun } from "./forecastCosting.js";
import type { Budget, Forecast, ForecastInput, SensitivityRow } from "./forecastTypes.js";
import { goodput } from "./goodput.js";

type Outputs = SensitivityRow["outputs"];

const pct = (a: number | null | undefined, b: number | null | undefined) =>
  a === null || a === undefined || b === null || b === undefined || b === 0 ? null : 100 * (a / b - 1);

function outputs(f: Forecast): Outputs {
  return {
    flops: f.compute.flops.value,
    days: f.train.days.value,
    dollars: f.cost.dollars?.value ?? null,
    kWh: f.energy.kWh.value,
    kgCO2: f.co2.kg.value,
  };
}

const NONE: Outputs = { flops: null, days: null, dollars: null, kWh: null, kgCO2: null };

function change(base: Outputs, moved: Outputs): Outputs {
  return {
    flops: pct(moved.flops, base.flops),
    days: pct(moved.days, base.days),
    dollars: pct(moved.dollars, base.dollars),
    kWh: pct(moved.kWh, base.kWh),
    kgCO2: pct(moved.kgCO2, base.kgCO2),
  };
}

const BUDGET_WORDS: Record<keyof Budget, (v: number) => string> = {
  flops: (v) => `${formatCell(v)} FLOP`,
  dollars: (v) => `$${formatCell(v)}`,
  deviceHours: (v) => `${formatCell(v)} device-hours`,
  deadlineSeconds: (v) => `${formatCell(v / 86400)} days`,
};

/**
 * The sensitivity table: one experiment per row, each stated in one sentence with what it holds, and
 * the % change of every output (issue 13: "explainable in one sentence per row"):
 * - target loss +10% (or budget +10%): N and D re-solved by the law for the new goal, on the same
 *   devices with the same global batch (a larger budget may buy a little less than +10% after whole
 *   steps; compute rises);
 * - devices ×2: the same run (N, D, batch, so the same compute) on twice the devices;
 * - step time ÷1.1 (MFU ×1.1), price, grid intensity and PUE +10%, failure rate ×2: the same run
 *   re-costed (costRun), so time ∝ step time, dollars ∝ price, CO2 ∝ intensity, kWh and CO2 ∝ PUE
 *   exactly, and failures move only the goodput losses.
 * Rows that cannot be computed (a goal the law cannot reach, no layout on twice the devices) are null.
 */
export function sensitivityTable(input: ForecastInput, base: Forecast): SensitivityRow[] {
  const b = outputs(base);
  const rows: SensitivityRow[] = [];
  const held = { devices: base.devices, globalBatch: base.batch.global };
  const heldWords = `on the same ${base.devices} devices with the same global batch (${base.batch.global})`;
  const rerun = (inputName: string, sentence: string, heldText: string, changed: ForecastInput) => {
    let out = NONE;
    try {
      const { maxDevices: _m, ...rest } = changed;
      const f = forecastCore({
        ...rest,
        maxDraws: 0,
        sensitivity: false,
        series: false,
        modelError: undefined,
      });
      out = change(b, outputs(f));
    } catch {
      // the row stays empty: the moved input has no plan (said in the sentence's null outputs)
    }
    rows.push({ input: inputName, sentence, held: heldText, outputs: out });
  };
  if (input.target !== undefined && !input.budget) {
    const t = input.target * 1.1;
    rerun(
      "target loss +10%",
      `target ${formatCell(t, 4)} instead of ${formatCell(input.target, 4)} ${base.units.loss}: N and D re-solved by the law${input.fixed?.params !== undefined ? ` (N fixed at ${formatCell(input.fixed.params)})` : ""}, ${heldWords}`,
      "devices, global batch, hardware, prices",
      { ...input, ...held, target: t },
    );
  }
  if (input.budget) {
    const [kind, v] = Object.entries(input.budget)[0] as [keyof Budget, number];
    rerun(
      "budget +10%",
      `budget ${BUDGET_WORDS[kind](1.1 * v)} instead of ${BUDGET_WORDS[kind](v)}: N and D re-solved to fit it after whole steps (so it may spend a little under +10%), ${heldWords}`,
      "devices, global batch, hardware, prices",
      { ...input, ...held, budget: { [kind]: 1.1 * v } },
    );
  }
  rerun(
    "devices x2",
    `the same run (N = ${formatCell(base.model.params.value)}, D = ${formatCell(base.data.tokens.value)} ${base.units.data}, global batch ${base.batch.global}) on ${2 * base.devices} devices instead of ${base.devices}, its fastest layout there`,
    "N, D, global batch (so the compute)",
    {
      ...input,
      target: undefined,
      budget: undefined,
      fixed: { params: base.model.params.value, tokens: base.data.tokens.value },
      devices: 2 * base.devices,
      globalBatch: base.batch.global,
    },
  );
  const recost = (o: { stepTimeFactor?: number; failures?: number }): Outputs => {
    const g =
      o.failures !== undefined
        ? goodput(base.devices, base.goodput.checkpointBytes, {
            ...(input.goodput || {}),
            failuresPerDeviceHour: o.failures,
          })
        : base.goodput;
    const c = costRun(base.steps.value, base.step.seconds, base.devices, g, {
      dollarsPerHour: base.cost.dollarsPerDeviceHour,
      tdpWatts: 1, // energy is scaled from the base run's by the time ratio below
      pue: base.energy.pue,
      region: base.co2.region,
      ...(o.stepTimeFactor !== undefined ? { stepTimeFactor: o.stepTimeFactor } : {}),
    });
    const time = c.days / base.train.days.value;
    return {
      flops: b.flops,
      days: c.days,
      dollars: c.dollars,
      kWh: (b.kWh ?? 0) * time,
      kgCO2: (b.kgCO2 ?? 0) * time,
    };
  };
  const sameRun = "N, D, devices, layout, steps";
  rows.push({
    input: "step time ÷1.1 (MFU x1.1)",
    sentence: "every step 1/1.1 as long (MFU 10% higher), the same run on the same layout",
    held: sameRun,
    outputs: change(b, recost({ stepTimeFactor: 1 / 1.1 })),
  });
  if (base.goodput.enabled)
    rows.push({
      input: "failure rate x2",
      sentence: `twice the failures per device-hour (${formatCell(2 * base.goodput.failuresPerDeviceHour)}), the same run with its checkpoint interval re-optimised`,
      held: sameRun,
      outputs: change(b, recost({ failures: 2 * base.goodput.failuresPerDeviceHour })),
    });
  const scaled = (k: Partial<Record<keyof Outputs, number>>): Outputs => ({
    flops: b.flops,
    days: b.days,
    dollars: b.dollars === null ? null : b.dollars * (k.dollars ?? 1),
    kWh: (b.kWh ?? 0) * (k.kWh ?? 1),
    kgCO2: (b.kgCO2 ?? 0) * (k.kgCO2 ?? 1),
  });
  rows.push({
    input: "price per device-hour +10%",
    sentence: "every device-hour 10% dearer, the same run",
    held: sameRun,
    outputs: change(b, scaled({ dollars: 1.1 })),
  });
  rows.push({
    input: "grid intensity +10%",
    sentence: "every kWh emits 10% more CO2, the same run",
    held: sameRun,
    outputs: change(b, scaled({ kgCO2: 1.1 })),
  });
  rows.push({
    input: "PUE +10%",
    sentence: "the facility draws 10% more per IT kWh, the same run",
    held: sameRun,
    outputs: change(b, scaled({ kWh: 1.1, kgCO2: 1.1 })),
  });
  return rows;
}
