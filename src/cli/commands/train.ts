import { defineCommand } from "citty";
import { InputError } from "../../units/InputError.js";
import type { Io } from "../io.js";
import { stepsOption } from "../limits.js";
import { enumOption, integerOption, numberOption } from "../options.js";
import { renderTable, sig } from "../table.js";

const OPTIMIZERS = ["sgd", "momentum", "adam", "lars", "lamb"] as const;

const args = {
  data: { type: "string", description: "training samples (1..55000 MNIST digits)", required: true },
  width: { type: "string", description: "model width w", required: true },
  arch: { type: "string", description: "mlp (784-w-10, default) or cnn" },
  input: { type: "string", description: "input side: 28 (MNIST, default) or 14 (2x2 average-pooled)" },
  batch: { type: "string", description: "batch size (default 64)" },
  lr: { type: "string", description: "learning rate (default 0.001)" },
  optimizer: { type: "string", description: `${OPTIMIZERS.join("|")} (default adam)` },
  seed: { type: "string", description: "seed of the initialisation and batch order (default 0)" },
  steps: { type: "string", description: "training steps (default max(min-steps, epochs*data/batch))" },
  epochs: { type: "string", description: "epochs when --steps is absent (default 20)" },
  "min-steps": { type: "string", description: "at least this many steps (default 200)" },
  "max-steps": { type: "string", description: "at most this many steps (default 20000)" },
  target: {
    type: "string",
    description: "stop when the validation error falls below this (steps to target)",
  },
  patience: {
    type: "string",
    description:
      "without --target: stop when the best validation error is older than step/patience (default 2; 0 off)",
  },
  "eval-samples": { type: "string", description: "validation digits (default 2000)" },
  "test-samples": { type: "string", description: "test digits for the final error (default 10000)" },
  "gns-every": {
    type: "string",
    description: "gradient-noise window of 10 steps every N steps (default 25; 0 off)",
  },
  backend: { type: "string", description: "TensorFlow.js backend: wasm (default) or cpu" },
  out: {
    type: "string",
    description: "output folder: metrics.jsonl, events.out.tfevents.*, summary.json",
    required: true,
  },
  json: { type: "boolean", description: "print the summary as JSON" },
} as const;

/** `scalecast train`: train a width-w MLP or CNN on MNIST with TensorFlow.js and log its metrics. */
export function trainCommand(io: Io) {
  return defineCommand({
    meta: {
      name: "train",
      description: "Train a width-w model on MNIST (TensorFlow.js) and log JSONL and TensorBoard metrics",
    },
    args,
    async run({ args: a }) {
      const int = (v: string | undefined, f: string) => integerOption(v, f);
      const num = (v: string | undefined, f: string) => numberOption(v, f, "a number");
      const data = int(a.data, "--data")!;
      const width = int(a.width, "--width")!;
      if (!(width > 0)) throw new InputError("--width", a.width, "a positive integer");
      const { trainRun } = await import("../train/trainRun.js");
      const opt = (o: Record<string, number | string | undefined>) =>
        Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
      const bar = io.isTTY
        ? (s: number, n: number, e: number) =>
            io.stderr(`\rtrain step ${s}/${n} val_error ${e.toFixed(4)}\x1b[K`)
        : undefined;
      const summary = await trainRun({
        data,
        width,
        out: a.out,
        ...opt({
          arch: enumOption(a.arch, "--arch", ["mlp", "cnn"] as const),
          input:
            a.input === undefined
              ? undefined
              : enumOption(a.input, "--input", ["28", "14"] as const) === "14"
                ? 14
                : 28,
          batch: int(a.batch, "--batch"),
          lr: num(a.lr, "--lr"),
          optimizer: enumOption(a.optimizer, "--optimizer", OPTIMIZERS),
          seed: int(a.seed, "--seed"),
          steps: stepsOption(a.steps, "--steps"),
          epochs: num(a.epochs, "--epochs"),
          minSteps: stepsOption(a["min-steps"], "--min-steps", 0),
          maxSteps: stepsOption(a["max-steps"], "--max-steps"),
          target: num(a.target, "--target"),
          patience: num(a.patience, "--patience"),
          evalSamples: int(a["eval-samples"], "--eval-samples"),
          testSamples: int(a["test-samples"], "--test-samples"),
          gnsEvery: int(a["gns-every"], "--gns-every"),
          backend: enumOption(a.backend, "--backend", ["wasm", "cpu"] as const),
        }),
        ...(bar ? { onEval: bar } : {}),
      });
      if (bar) io.stderr("\r\x1b[2K");
      if (a.json) {
        io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
        return;
      }
      io.stdout(
        `${renderTable(
          ["quantity", "value"],
          [
            ["parameters", String(summary.params)],
            ["steps", String(summary.steps)],
            ["batch", String(summary.batch)],
            ["test error", sig(summary.testError, 4)],
            ["best val error", `${sig(summary.bestValError, 4)} at step ${summary.bestStep}`],
            ["steps to target", summary.stepsToTarget === null ? "-" : String(summary.stepsToTarget)],
            ["steps per second", `${sig(summary.stepsPerSecond)} (${summary.backend} backend)`],
            ["seconds", sig(summary.seconds)],
          ],
        )}\nlogs     ${a.out}/metrics.jsonl and ${a.out}/events.out.tfevents.*\n`,
      );
    },
  });
}
