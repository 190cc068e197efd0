import type { Tensor } from "@tensorflow/tfjs";
import { lambInit, lambStep } from "../../batch/lamb.js";
import { larsInit, larsStep } from "../../batch/lars.js";
import type { Model } from "./model.js";
import type { Tf } from "./tf.js";

/** Optimizers of `scalecast train`. */
export const TRAIN_OPTIMIZERS = ["sgd", "momentum", "adam", "lars", "lamb"] as const;
export type TrainOptimizer = (typeof TRAIN_OPTIMIZERS)[number];

/** An optimizer bound to a model: applies one step from the gradients (one per variable, same order). */
export interface BoundOptimizer {
  apply(grads: Tensor[]): void;
  dispose(): void;
}

/**
 * sgd, momentum (μ = 0.9, heavy ball) and adam (β₁ 0.9, β₂ 0.999, ε 1e-7) are TensorFlow.js's own
 * optimizers. lars and lamb are scalecast's `larsStep`/`lambStep` (src/batch, optax semantics; You et
 * al. 2017 and 2019) applied on the host to the variables' values: trust ratio on weight matrices and
 * kernels only, never on biases (the usual mask, REFERENCE (g)); LARS with trust coefficient 0.001 and
 * momentum 0.9, LAMB with optax's defaults (β₁ 0.9, β₂ 0.999, ε 1e-6); no weight decay.
 */
export function bindOptimizer(
  tf: Tf,
  name: TrainOptimizer,
  learningRate: number,
  model: Model,
): BoundOptimizer {
  if (name === "lars" || name === "lamb") {
    const params = model.variables.map((v) => Float32Array.from(v.dataSync() as Float32Array));
    const trustRatioMask = model.isWeight;
    const lars = name === "lars" ? larsInit(params) : null;
    const lamb = name === "lamb" ? lambInit(params) : null;
    return {
      apply(grads) {
        const g = grads.map((t) => t.dataSync() as Float32Array);
        if (lars)
          larsStep(params, g, lars, { learningRate, trustRatioMask, weightDecayMask: trustRatioMask });
        else lambStep(params, g, lamb!, { learningRate, trustRatioMask, weightDecayMask: trustRatioMask });
        model.variables.forEach((v, i) => {
          const t = tf.tensor(params[i]!, v.shape);
          v.assign(t);
          t.dispose();
        });
      },
      dispose() {},
    };
  }
  const opt =
    name === "sgd"
      ? tf.train.sgd(learningRate)
      : name === "momentum"
        ? tf.train.momentum(learningRate, 0.9)
        : tf.train.adam(learningRate, 0.9, 0.999, 1e-7);
  return {
    apply(grads) {
      opt.applyGradients(model.variables.map((v, i) => ({ name: v.name, tensor: grads[i]! })));
    },
    dispose() {
      opt.dispose();
    },
  };
}
