import type { Tensor } from "@tensorflow/tfjs";
import type { GradientNormSample } from "../../batch/gradientNoiseScale.js";
import type { Tf } from "./tf.js";

/**
 * Logs what McCandlish et al. 2018's two-batch estimator needs (App. A.1; REFERENCE (c)): K gradients of
 * batch B taken at the same weights (the trainer computes them between two training steps, as the
 * paper's per-device and all-reduced gradients share the weights), the squared norm of each batch-mean
 * gradient (|G_small|² at B_small = B, averaged over the K) and the squared norm of their mean (|G_big|²
 * at B_big = K·B). Taking the K gradients along the trajectory instead (consecutive training steps)
 * would shrink |G_big|² as the gradient turns and bias B_simple upwards. Norms are summed in float32 on
 * the backend.
 */
export class GradientNoiseLogger {
  private sum: Tensor[] | null = null;
  private smallSq = 0;
  private count = 0;

  constructor(
    private readonly tf: Tf,
    private readonly batch: number,
    /** K, steps per window (gpt-neox's n_batches); default 10. */
    private readonly window = 10,
  ) {}

  /** Add one step's gradients; returns a sample when the window closes. */
  add(step: number, grads: Tensor[]): GradientNormSample | null {
    const tf = this.tf;
    const sq = tf.tidy(() => tf.addN(grads.map((g) => tf.sum(tf.square(g)))));
    this.smallSq += (sq.dataSync() as Float32Array)[0]!;
    sq.dispose();
    if (this.sum === null) this.sum = grads.map((g) => tf.clone(g));
    else {
      const next = this.sum.map((s, i) => tf.add(s, grads[i]!));
      this.sum.forEach((s) => s.dispose());
      this.sum = next;
    }
    this.count++;
    if (this.count < this.window) return null;
    const k = this.count;
    const bigSq = tf.tidy(() => tf.addN(this.sum!.map((s) => tf.sum(tf.square(tf.div(s, k))))));
    const gBigSq = (bigSq.dataSync() as Float32Array)[0]!;
    bigSq.dispose();
    const sample = { step, bSmall: this.batch, bBig: k * this.batch, gSmallSq: this.smallSq / k, gBigSq };
    this.reset();
    return sample;
  }

  /** Drop a partial window. */
  reset(): void {
    this.sum?.forEach((s) => s.dispose());
    this.sum = null;
    this.smallSq = 0;
    this.count = 0;
  }
}
