import { scaleModel } from "../workload/scaleModel.js";
import type { ModelSpec } from "../workload/modelSpec.js";
import { trainingStep } from "../workload/trainingStep.js";

/**
 * Any family shaped to N parameters: the template's width scaled by its family's `scale` ({@link scaleModel}),
 * by bisection on log-width until its parameter count matches N (parameters grow monotonically with width).
 * Depth and the other fields keep the template's values, as HAD19 grow their models (§4: width scaling).
 */
export function shapeToParams(template: ModelSpec, params: number): ModelSpec {
  // widths are discrete (head counts, multiples of 64): many scales give the same spec, counted once
  const counts = new Map<string, number>();
  const countSpec = (spec: ModelSpec) => {
    const key = JSON.stringify(spec);
    let n = counts.get(key);
    if (n === undefined) counts.set(key, (n = trainingStep(spec).params.total));
    return n;
  };
  const count = (scale: number) => countSpec(scaleModel(template, scale));
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
  const pa = countSpec(a);
  const pb = countSpec(b);
  return Math.abs(Math.log(pa / params)) <= Math.abs(Math.log(pb / params)) ? a : b;
}
