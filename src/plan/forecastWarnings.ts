import { FAMILIES } from "../laws/families.js";
import { formatLayout } from "../parallel/layout.js";
import { HEADROOM, memoryFill } from "../parallel/objective.js";
import { formatCell } from "../units/formatNumber.js";
import { mfuAboveBestWarning } from "../validation/bestMfu.js";
import { beyondMeasuredWarning } from "../validation/largestMeasured.js";
import type { ForecastInput } from "./forecastTypes.js";
import type { PlannedRun } from "./forecastPlan.js";
import type { Requirement } from "./requirement.js";
import { DEFAULT_DEVICES } from "./runChain.js";

const GiB = 2 ** 30;

/**
 * What a reader of the forecast must know: extrapolation far past the measured data, a target near the
 * irreducible loss, draws that cannot reach the target, a batch past the critical batch (and why), a
 * layout past the search's memory headroom (with what to change), a predicted MFU above the best the
 * validation corpus measured on the accelerator, a run larger than any it measured there, and an
 * assumed device count.
 */
export function forecastWarnings(
  input: ForecastInput,
  plan: PlannedRun,
  drawReqs: readonly (Requirement | null)[],
): string[] {
  const warnings: string[] = [];
  const { chain } = plan;
  const best = chain.best;
  const floor = FAMILIES[input.law.family].floor(input.law.params);
  if (input.target !== undefined && floor > 0 && (input.target - floor) / input.target < 0.05)
    warnings.push(
      `target ${input.target} is within 5% of the irreducible loss ${floor.toPrecision(4)}: small errors in the floor move the requirement a lot`,
    );
  const unreachable = drawReqs.filter((r) => r === null).length;
  if (unreachable > 0)
    warnings.push(
      `in ${unreachable} of ${drawReqs.length} bootstrap draws the target is at or below the irreducible loss: the upper bounds are infinite`,
    );
  const fittedMax = input.law.fittedMax;
  const far = (what: string, need: number, have: number | undefined) => {
    if (have !== undefined && need > 10 * have)
      warnings.push(
        `extrapolation: ${what} ${need.toPrecision(3)} is ${(need / have).toPrecision(3)}x the largest measured (${have.toPrecision(3)})`,
      );
  };
  far("parameters", chain.req.params, fittedMax?.n);
  far("data", plan.tokens, fittedMax?.d ?? fittedMax?.x);
  if (chain.critical !== null && chain.globalBatch > chain.critical)
    warnings.push(
      `global batch ${chain.globalBatch} is past the critical batch ${Math.round(chain.critical)} (Kaplan et al. 2020 §5.1): more steps' worth of data per unit of progress${
        chain.batchRaisedFrom !== null
          ? `; raised from ${chain.batchRaisedFrom} because no layout of ${best.devices} devices fits it`
          : input.globalBatch !== undefined
            ? " (the batch given)"
            : ""
      }`,
    );
  else if (chain.batchRaisedFrom !== null)
    warnings.push(
      `global batch raised from ${chain.batchRaisedFrom} to ${chain.globalBatch}: no layout of ${best.devices} devices fits the smaller batch`,
    );
  const fill = memoryFill(best);
  if (fill > HEADROOM.target) {
    const l = best.layout;
    warnings.push(
      `layout ${formatLayout(l)} fills ${(100 * fill).toFixed(0)}% of the memory left after the runtime reserve (${formatCell((best.memory.perDeviceBytes - best.memory.reserve) / GiB)} of ${formatCell((best.memory.capacityBytes - best.memory.reserve) / GiB)} GiB; the device's ${formatCell(best.memory.capacityBytes / GiB)} GiB less ${formatCell(best.memory.reserve / GiB)} reserved), past the search's ${(100 * HEADROOM.target).toFixed(0)}% headroom preference (every layout with more room is slower by more than its ${(100 * HEADROOM.penaltyAtFull).toFixed(0)}% penalty, or none fits); for room against allocator spikes, give more devices (--devices ${2 * best.devices})${l.recompute !== "full" ? ", full recompute" : ""}${l.mb > 1 ? ` or a micro-batch below ${l.mb} (scalecast plan ... --layout mb=${Math.max(1, l.mb / 2)}${l.recompute !== "full" ? ",recompute=full" : ""})` : ""}, or a larger --memory-reserve`,
    );
  }
  if (input.bestMeasuredMfu) {
    const above = mfuAboveBestWarning(best.mfu, input.accelerator.name, input.bestMeasuredMfu);
    if (above) warnings.push(above);
  }
  if (input.largestMeasured !== undefined) {
    const beyond = beyondMeasuredWarning(
      { devices: best.devices, params: chain.shapedParams, seq: chain.seq },
      input.accelerator.name,
      input.largestMeasured,
      input.system?.calibration?.kept,
    );
    if (beyond) warnings.push(beyond);
  }
  if (input.devices === undefined && input.maxDevices === undefined)
    warnings.push(`no device count given: assumed ${DEFAULT_DEVICES}`);
  return warnings;
}
