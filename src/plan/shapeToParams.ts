import { scaleModel } from "../workload/scaleModel.js";
import type { ModelSpec } from "../workload/modelSpec.js";
import { trainingStep } from "../workload/trainingStep.js";

/**
 * Any family shaped to N parameters: the template's width scaled by its family's `scale` ({@link scaleModel}),
 * by bisection on log-width until its parameter count matches N (parameters grow monotonically with width).
 * Depth and the other fields keep the template's values, as HAD19 grow their models (§4: width scaling).
 */
export function shapeToParams(template: ModelSpec, params: number): ModelSpec {
  const count = (scale: number) => trainingStep(scaleModel(template, scale)).params.total;
  let lo = 1 / 64;
  let hi = 64;
  for (let i = 0; i < 40; i++) {
    const mid = Math.sqrt(lo * hi);
    if (count(mid) < params) lo = mid;
    else hi = mid;
    if (hi / lo < 1.001) break;
  }
  const a = scaleModel(template, lo);
  const b = scaleModel(template, hi);
  const pa = trainingStep(a).params.total;
  const pb = trainingStep(b).params.total;
  return Math.abs(Math.log(pa / params)) <= Math.abs(Math.log(pb / params)) ? a : b;
}
