import type { SweepPoint, TrainerSettings } from "../../sweep/sweepFile.js";

/**
 * The built-in trainer's model of width w as a scalecast `layers` spec (the same network
 * src/cli/train/model.ts builds in TensorFlow.js), for the sweep's cost through the workload chain.
 */
export function mlpSpec(arch: "mlp" | "cnn", w: number, side = 28): Record<string, unknown> {
  if (arch === "mlp")
    return {
      family: "layers",
      input: [side * side],
      layers: [{ type: "linear", out: w }, { type: "relu" }, { type: "linear", out: 10 }],
    };
  return {
    family: "layers",
    input: [1, side, side],
    layers: [
      { type: "conv", out: w, kernel: 5, padding: 2 },
      { type: "relu" },
      { type: "maxpool", kernel: 2 },
      { type: "conv", out: 2 * w, kernel: 5, padding: 2 },
      { type: "relu" },
      { type: "maxpool", kernel: 2 },
      { type: "flatten" },
      { type: "linear", out: 10 },
    ],
  };
}

/** Steps the built-in trainer takes for a point (at most, for batch sweeps that stop at the target): max(minSteps, epochs·data/batch), capped. */
export function trainerSteps(t: TrainerSettings, p: SweepPoint): number {
  const batch = Math.min(p.batch, p.data);
  return Math.min(t.maxSteps, Math.max(t.minSteps, Math.ceil((t.epochs * p.data) / batch)));
}

/** The built-in trainer's command template for a sweep. */
export function trainerTemplate(
  node: string,
  mainJs: string,
  t: TrainerSettings,
  withTarget: boolean,
): string {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  return [
    q(node),
    q(mainJs),
    "train --data {data} --width {width} --batch {batch} --lr {lr} --optimizer {optimizer} --seed {seed} --out {out}",
    `--arch ${t.arch} --input ${t.input} --epochs ${t.epochs} --min-steps ${t.minSteps} --max-steps ${t.maxSteps}`,
    `--eval-samples ${t.evalSamples} --test-samples ${t.testSamples} --gns-every ${t.gnsEvery}`,
    ...(withTarget ? ["--target {target}"] : [`--patience ${t.patience}`]),
  ].join(" ");
}
