import type { Tensor, Variable } from "@tensorflow/tfjs";
import { normal, rngFor } from "../../fit/random.js";
import type { Tf } from "./tf.js";

/** Model families whose size is one number, the width w. */
export type Arch = "mlp" | "cnn";

/** A model as plain variables and a forward function (logits). */
export interface Model {
  variables: Variable[];
  /** True for weight matrices and kernels, false for biases (LARS/LAMB masks leave biases alone). */
  isWeight: boolean[];
  /** Trainable parameters. */
  params: number;
  /** Forward FLOP per sample (a multiply-accumulate is 2 FLOP), for throughput reporting. */
  forwardFlopsPerSample: number;
  logits(x: Tensor): Tensor;
  /** The same network as a scalecast `layers` spec (for the workload and plan chain). */
  spec: { family: "layers"; input: number[]; layers: Record<string, unknown>[] };
}

function initTensor(tf: Tf, shape: number[], std: number, seed: number, stream: number): Variable {
  const n = shape.reduce((a, b) => a * b, 1);
  const rng = rngFor(seed, stream);
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) v[i] = std * normal(rng);
  return tf.variable(tf.tensor(v, shape));
}

/**
 * An MLP 784 → w (ReLU) → 10, or a small CNN (conv 5×5 with w channels, ReLU, 2×2 max-pool, conv 5×5
 * with 2w channels, ReLU, 2×2 max-pool, dense 10), initialised from `seed` with He et al. 2015's normal
 * (std √(2/fan_in)) before ReLUs and LeCun's (std √(1/fan_in)) for the logits; biases 0.
 */
export function createModel(
  tf: Tf,
  o: { arch: Arch; width: number; rows: number; cols: number; classes: number; seed: number },
): Model {
  const { arch, width: w, rows, cols, classes, seed } = o;
  const features = rows * cols;
  if (arch === "mlp") {
    const vars = [
      initTensor(tf, [features, w], Math.sqrt(2 / features), seed, 1),
      tf.variable(tf.zeros([w])),
      initTensor(tf, [w, classes], Math.sqrt(1 / w), seed, 2),
      tf.variable(tf.zeros([classes])),
    ];
    const [w1, b1, w2, b2] = vars as [Variable, Variable, Variable, Variable];
    return {
      variables: vars,
      isWeight: [true, false, true, false],
      params: features * w + w + w * classes + classes,
      forwardFlopsPerSample: 2 * (features * w + w * classes),
      logits: (x) => tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, w1), b1)), w2), b2),
      spec: {
        family: "layers",
        input: [features],
        layers: [{ type: "linear", out: w }, { type: "relu" }, { type: "linear", out: classes }],
      },
    };
  }
  const k = 5;
  const h1 = Math.floor(rows / 2);
  const h2 = Math.floor(h1 / 2);
  const c1 = cols;
  const flat = h2 * Math.floor(Math.floor(c1 / 2) / 2) * 2 * w;
  const vars = [
    initTensor(tf, [k, k, 1, w], Math.sqrt(2 / (k * k)), seed, 1),
    tf.variable(tf.zeros([w])),
    initTensor(tf, [k, k, w, 2 * w], Math.sqrt(2 / (k * k * w)), seed, 2),
    tf.variable(tf.zeros([2 * w])),
    initTensor(tf, [flat, classes], Math.sqrt(1 / flat), seed, 3),
    tf.variable(tf.zeros([classes])),
  ];
  const [k1, b1, k2, b2, wd, bd] = vars as [Variable, Variable, Variable, Variable, Variable, Variable];
  return {
    variables: vars,
    isWeight: [true, false, true, false, true, false],
    params: k * k * w + w + k * k * w * 2 * w + 2 * w + flat * classes + classes,
    forwardFlopsPerSample:
      2 * (rows * cols * k * k * w + h1 * Math.floor(c1 / 2) * k * k * w * 2 * w + flat * classes),
    logits: (x) => {
      const img = tf.reshape(x, [-1, rows, cols, 1]);
      const a = tf.maxPool(
        tf.relu(tf.add(tf.conv2d(img as never, k1 as never, 1, "same"), b1)) as never,
        2,
        2,
        "valid",
      );
      const b = tf.maxPool(tf.relu(tf.add(tf.conv2d(a, k2 as never, 1, "same"), b2)) as never, 2, 2, "valid");
      return tf.add(tf.matMul(tf.reshape(b, [-1, flat]), wd), bd);
    },
    spec: {
      family: "layers",
      input: [1, rows, cols],
      layers: [
        { type: "conv", out: w, kernel: k, padding: 2 },
        { type: "relu" },
        { type: "maxpool", kernel: 2 },
        { type: "conv", out: 2 * w, kernel: k, padding: 2 },
        { type: "relu" },
        { type: "maxpool", kernel: 2 },
        { type: "flatten" },
        { type: "linear", out: classes },
      ],
    },
  };
}
