import type { ExecutionInput } from "../execution.js";
import type { ModelSpec } from "../modelSpec.js";
import { scaleModel } from "../scaleModel.js";
import { trainingStep } from "../trainingStep.js";
import { type FirstOrderFit, type FirstOrderPoint, fitFirstOrder } from "./fitFirstOrder.js";

/** Width scales of the sweep: the model at ½×, ¾×, 1×, 1½× and 2× its width (4× span in parameters ~16×). */
export const SWEEP_WIDTH_SCALES = [0.5, 0.75, 1, 1.5, 2];
/** Subbatches of the sweep (HAD19 Table 3 uses 32–128). */
export const SWEEP_SUBBATCHES = [16, 32, 64, 128];

/**
 * HAD19's first-order model for a family, as its Table 2 reports it (§4.2–4.5): analyse the training step
 * at several widths and subbatches, then fit c_t = γ·p·b, a_t = λ·p + μ·b·√p and f_t = δ·p. Steps are
 * costed in fp32 with momentum SGD by default, the setting HAD19 analysed (δ ≈ 12 bytes/param for the
 * word LM: weights, gradients and momentum at 4 bytes each).
 */
export function firstOrderSweep(
  spec: ModelSpec,
  o: { execution?: ExecutionInput; widthScales?: number[]; subbatches?: number[] } = {},
): FirstOrderFit & { points: FirstOrderPoint[] } {
  const { execution = {}, widthScales = SWEEP_WIDTH_SCALES, subbatches = SWEEP_SUBBATCHES } = o;
  const points: FirstOrderPoint[] = [];
  for (const scale of widthScales) {
    const sized = scaleModel(spec, scale);
    for (const b of subbatches) {
      const s = trainingStep(sized, { precision: "fp32", optimizer: "momentum", ...execution, batch: b });
      points.push({
        params: s.params.total,
        subbatch: b,
        flops: s.step.flops,
        bytes: s.step.bytesAccessed,
        footprint: s.memory.total,
      });
    }
  }
  return { ...fitFirstOrder(points), points };
}
