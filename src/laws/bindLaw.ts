import type { LogModel } from "../fit/types.js";
import type { LawFamily } from "./types.js";

/**
 * Bind a family to a table of log-inputs, giving the `LogModel` the fitting machinery minimises over.
 * `logInputs[0]` is log of the first input (x or N), `logInputs[1]` log of the second (D or S) if any.
 * A family with a fused `logPredictAll` gives the model the objective's allocation-free fast path.
 */
export function bindLaw(family: LawFamily, logInputs: readonly Float64Array[]): LogModel {
  const u = logInputs[0]!;
  const v = logInputs[1] ?? new Float64Array(u.length);
  const all = family.logPredictAll;
  const model: LogModel = {
    size: family.paramNames.length,
    rows: u.length,
    logPredict: (theta, i, grad) => family.logPredict(theta, u[i]!, v[i]!, grad),
    subset: (rows) => {
      const pick = (c: Float64Array) => Float64Array.from(rows, (i) => c[i]!);
      return bindLaw(family, logInputs.length > 1 ? [pick(u), pick(v)] : [pick(u)]);
    },
  };
  if (all) model.logPredictAll = (theta, logPred, jacobian) => all(theta, u, v, logPred, jacobian);
  return model;
}
