import { forecastCore } from "./forecastCore.js";
import type { Forecast, ForecastInput, SensitivityRow } from "./forecastTypes.js";

const pct = (a: number | null | undefined, b: number | null | undefined) =>
  a === null || a === undefined || b === null || b === undefined || b === 0 ? null : 100 * (a / b - 1);

function outputs(f: Forecast) {
  return {
    flops: f.compute.flops.value,
    days: f.train.days.value,
    dollars: f.cost.dollars?.value ?? null,
    kWh: f.energy.kWh.value,
    kgCO2: f.co2.kg.value,
  };
}

function row(input: string, base: Forecast, moved: ReturnType<typeof outputs>): SensitivityRow {
  const b = outputs(base);
  return {
    input,
    outputs: {
      flops: pct(moved.flops, b.flops),
      days: pct(moved.days, b.days),
      dollars: pct(moved.dollars, b.dollars),
      kWh: pct(moved.kWh, b.kWh),
      kgCO2: pct(moved.kgCO2, b.kgCO2),
    },
  };
}

/**
 * How much each output moves (in %) when one input moves +10%, the rest held: the target loss (or the
 * budget), the device count and the achieved throughput are re-run through the chain or its timing; the
 * price, the grid intensity and the PUE enter the outputs linearly and are applied directly.
 */
export function sensitivityTable(input: ForecastInput, base: Forecast): SensitivityRow[] {
  const rows: SensitivityRow[] = [];
  const rerun = (name: string, changed: ForecastInput) => {
    try {
      rows.push(row(name, base, outputs(forecastCore({ ...changed, maxDraws: 0 }))));
    } catch {
      rows.push({ input: name, outputs: { flops: null, days: null, dollars: null, kWh: null, kgCO2: null } });
    }
  };
  if (input.target !== undefined) rerun("target loss +10%", { ...input, target: input.target * 1.1 });
  if (input.budget) {
    const b = input.budget;
    rerun("budget +10%", {
      ...input,
      budget: Object.fromEntries(Object.entries(b).map(([k, v]) => [k, (v as number) * 1.1])),
    });
  }
  // a 10% change of the device count rarely divides the batch and the model: double it instead
  rerun("devices x2", {
    ...input,
    devices: base.devices * 2,
    globalBatch: Math.max(base.batch.global, base.devices * 2),
  });
  const b = outputs(base);
  rows.push(
    row("throughput (MFU) +10%", base, {
      ...b,
      days: b.days / 1.1,
      dollars: b.dollars === null ? null : b.dollars / 1.1,
      kWh: b.kWh / 1.1,
      kgCO2: b.kgCO2 / 1.1,
    }),
  );
  rows.push(
    row("price per device-hour +10%", base, { ...b, dollars: b.dollars === null ? null : b.dollars * 1.1 }),
  );
  rows.push(row("grid intensity +10%", base, { ...b, kgCO2: b.kgCO2 * 1.1 }));
  rows.push(row("PUE +10%", base, { ...b, kWh: b.kWh * 1.1, kgCO2: b.kgCO2 * 1.1 }));
  return rows;
}
