import type { analyzeBatchSweep } from "../../batch/analyzeBatchSweep.js";
import { planDataParallel, stepsFromFit } from "../../batch/dataParallelPlan.js";
import { accelerator } from "../../hardware/catalog.js";
import { hardwareStepTime } from "../../plan/hardwareStepTime.js";
import { InputError } from "../../units/InputError.js";
import { countOption, DEVICES_LIMIT, LIMITS } from "../limits.js";
import type { Io } from "../io.js";
import { loadModel } from "../loadModel.js";
import { renderTable, sig } from "../table.js";

/** The hardware half of issue 6: time to target and cost against device count with the layout search. */
export function dataParallelOnHardware(
  io: Io,
  a: Extract<ReturnType<typeof analyzeBatchSweep>, { status: "converged" }>,
  args: Record<string, unknown>,
) {
  if (args.hardware === undefined || args.model === undefined)
    throw new InputError(
      args.hardware === undefined ? "--hardware" : "--model",
      undefined,
      "both --hardware NAME and --model PRESET for the device-count series",
    );
  const acc = accelerator(String(args.hardware));
  const model = loadModel(io, String(args.model), undefined);
  // whole samples and devices, bounded (issue 16: a batch of 0.5 was accepted)
  const perDevice =
    countOption(args["per-device-batch"] as string | undefined, "--per-device-batch", {
      max: LIMITS.globalBatch,
      limitName: "the global-batch limit",
    }) ?? 8;
  const maxDevices =
    countOption(args["max-devices"] as string | undefined, "--max-devices", DEVICES_LIMIT) ?? 4096;
  const devices: number[] = [];
  for (let n = 1; n <= maxDevices; n *= 2) devices.push(n);
  return planDataParallel({
    steps: stepsFromFit(a.fit),
    stepSeconds: hardwareStepTime(model.spec, acc),
    dollarsPerDeviceHour: acc.price?.dollarsPerHour ?? 0,
    perDeviceBatch: perDevice,
    devices,
  });
}

/** The device-count series as a table, with the knee and the recommendation. */
export function renderDataParallel(dp: ReturnType<typeof planDataParallel>): string {
  const rows = dp.series.map((p) => [
    String(p.devices),
    String(Math.round(p.globalBatch)),
    sig(p.steps),
    p.stepSeconds === null ? "infeasible" : sig(p.stepSeconds),
    p.seconds === null ? "-" : sig(p.seconds / 86400),
    p.dollars === null ? "-" : sig(p.dollars),
  ]);
  const lines = [renderTable(["devices", "global batch", "steps", "step s", "days", "dollars"], rows)];
  if (dp.knee) lines.push(`knee: ${dp.knee.devices} devices (${dp.criterion})`);
  if (dp.recommendation)
    lines.push(
      `recommended: ${dp.recommendation.devices} devices, global batch ${Math.round(dp.recommendation.globalBatch)}: ${dp.recommendation.reason}`,
    );
  return lines.join("\n");
}
