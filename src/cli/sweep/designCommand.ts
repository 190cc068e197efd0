import { defineCommand, type ParsedArgs } from "citty";
import { accelerator } from "../../hardware/catalog.js";
import { designBatch, type LrScaling } from "../../sweep/designBatch.js";
import { designLearningCurve } from "../../sweep/designLearningCurve.js";
import { batchWarnings, learningCurveWarnings } from "../../sweep/designWarnings.js";
import { logGrid } from "../../sweep/logGrid.js";
import { sweepCost } from "../../sweep/sweepCost.js";
import {
  parseSweepFile,
  SWEEP_KINDS,
  SWEEP_OPTIMIZERS,
  type SweepFileInput,
  type SweepPoint,
  TrainerSettingsSchema,
} from "../../sweep/sweepFile.js";
import { parseOrThrow } from "../../workload/zodInputError.js";
import { InputError } from "../../units/InputError.js";
import { trainingStep } from "../../workload/trainingStep.js";
import type { Io } from "../io.js";
import { countOption, LIMITS, stepsOption } from "../limits.js";
import { enumOption, integerOption, numberOption } from "../options.js";
import { renderTable, sig } from "../table.js";
import { numberList } from "./flags.js";
import { mlpSpec, trainerSteps } from "./trainerModel.js";

const args = {
  kind: { type: "string", description: `sweep kind: ${SWEEP_KINDS.join("|")}`, required: true },
  data: {
    type: "string",
    description:
      "training-set sizes (learning curve; default 32..16384 x2), or the one size of a batch sweep (default 55000)",
  },
  widths: {
    type: "string",
    description:
      "model widths (learning curve; default 4..256 x2), or the one width of a batch sweep (default 128)",
  },
  batches: { type: "string", description: "batch sizes (batch sweep; default 8..2048 x2)" },
  lrs: {
    type: "string",
    description: "learning rates at --base-batch (batch sweep; default 0.01,0.03,0.1,0.3)",
  },
  "lr-scaling": {
    type: "string",
    description: "move the LR grid with the batch: none|sqrt|linear (default sqrt)",
  },
  "base-batch": { type: "string", description: "batch at which --lrs apply (default the smallest)" },
  "large-batch": {
    type: "string",
    description: "optimizers also run at the largest batches (default lars,lamb; 'none')",
  },
  "large-batch-count": { type: "string", description: "how many of the largest batches (default 2)" },
  "lars-lrs": { type: "string", description: "LARS learning rates (default 1,3,10)" },
  "lamb-lrs": { type: "string", description: "LAMB learning rates (default 0.003,0.01,0.03)" },
  batch: { type: "string", description: "batch size of a learning curve (default 64)" },
  lr: { type: "string", description: "learning rate of a learning curve (default 0.001)" },
  optimizer: {
    type: "string",
    description: `${SWEEP_OPTIMIZERS.join("|")} (default adam for learning curves, momentum for batch sweeps)`,
  },
  seeds: { type: "string", description: "seeds per point (default 1)" },
  target: { type: "string", description: "batch sweep: target of the metric (steps to target)" },
  metric: {
    type: "string",
    description: "metric (default test_error for learning curves, val_error for batch sweeps)",
  },
  bracket: {
    type: "string",
    description: "keep widths within this factor of a guessed best width per data size",
  },
  classes: { type: "string", description: "classes of the task, for the small-data warning (default 10)" },
  arch: { type: "string", description: "built-in trainer: mlp|cnn (default mlp)" },
  input: {
    type: "string",
    description: "built-in trainer: input side 28 (MNIST) or 14 (2x2 average-pooled; default 28)",
  },
  epochs: {
    type: "string",
    description: "built-in trainer: epochs per run (default 10; batch sweeps: a cap, default 20)",
  },
  "min-steps": {
    type: "string",
    description: "built-in trainer: at least this many steps (default 300; batch sweeps 1)",
  },
  "max-steps": {
    type: "string",
    description: "built-in trainer: at most this many steps (default 20000; batch sweeps 3000)",
  },
  "eval-samples": { type: "string", description: "built-in trainer: validation digits (default 2000)" },
  "test-samples": { type: "string", description: "built-in trainer: test digits (default 10000)" },
  "gns-every": {
    type: "string",
    description:
      "built-in trainer: gradient-noise window every N steps (batch sweeps: default 25; learning curves: 0, off)",
  },
  patience: {
    type: "string",
    description:
      "built-in trainer, learning curves: stop when the best validation error is older than step/patience (default 2; 0 off)",
  },
  hardware: {
    type: "string",
    description: "accelerator to cost the sweep on (default h100-sxm)",
    default: "h100-sxm",
  },
  out: { type: "string", description: "sweep file to write (JSON)", required: true },
  json: { type: "boolean", description: "print the sweep file as JSON" },
} as const;

type DesignArgs = ParsedArgs<typeof args>;

/** The trainer's settings from the flags, over the kind's defaults (batch sweeps train longer). */
function trainerSettings(a: DesignArgs, kind: (typeof SWEEP_KINDS)[number]) {
  const batchDefaults = kind === "batch" ? { epochs: 20, minSteps: 1, maxSteps: 3000 } : { gnsEvery: 0 };
  // parseOrThrow: a value the schema refuses (--patience -1, --epochs 0) is an InputError, not a ZodError
  return parseOrThrow(
    TrainerSettingsSchema,
    {
      ...batchDefaults,
      ...(a.input !== undefined
        ? { input: enumOption(a.input, "--input", ["28", "14"] as const) === "14" ? 14 : 28 }
        : {}),
      ...(a.arch !== undefined ? { arch: enumOption(a.arch, "--arch", ["mlp", "cnn"] as const) } : {}),
      ...(a.epochs !== undefined ? { epochs: numberOption(a.epochs, "--epochs") } : {}),
      ...(a["min-steps"] !== undefined ? { minSteps: stepsOption(a["min-steps"], "--min-steps", 0) } : {}),
      ...(a["max-steps"] !== undefined ? { maxSteps: stepsOption(a["max-steps"], "--max-steps") } : {}),
      ...(a["eval-samples"] !== undefined
        ? { evalSamples: integerOption(a["eval-samples"], "--eval-samples") }
        : {}),
      ...(a["test-samples"] !== undefined
        ? { testSamples: integerOption(a["test-samples"], "--test-samples") }
        : {}),
      ...(a.patience !== undefined ? { patience: numberOption(a.patience, "--patience") } : {}),
      ...(a["gns-every"] !== undefined ? { gnsEvery: integerOption(a["gns-every"], "--gns-every") } : {}),
    },
    "sweep design",
  );
}

/** A sweep's points with what the design file records of them. */
interface Designed {
  points: SweepPoint[];
  warnings: string[];
  design: Record<string, unknown>;
  metric: string;
  target: number | null;
}

type Optimizer = (typeof SWEEP_OPTIMIZERS)[number];

/** A learning-curve sweep: data sizes × widths × seeds (designLearningCurve.ts). */
function learningCurveFromArgs(
  a: DesignArgs,
  seeds: number,
  opt: Optimizer | undefined,
  paramsOf: (w: number) => number,
): Designed {
  const data = numberList(a.data, "--data", true) ?? logGrid(32, 16384);
  const widths = numberList(a.widths, "--widths", true) ?? logGrid(4, 256);
  const bracket = numberOption(a.bracket, "--bracket", "a factor > 1");
  const o = {
    data,
    widths,
    seeds,
    batch: integerOption(a.batch, "--batch") ?? 64,
    lr: numberOption(a.lr, "--lr", "a positive learning rate") ?? 0.001,
    optimizer: opt ?? "adam",
    ...(bracket !== undefined ? { bracket } : {}),
  };
  const points = designLearningCurve(o);
  const warnings = learningCurveWarnings(points, {
    classes: integerOption(a.classes, "--classes") ?? 10,
    paramsOf,
  });
  return { points, warnings, design: { ...o }, metric: a.metric ?? "test_error", target: null };
}

/** A batch-size sweep: batches × learning rates, with large-batch optimizers (designBatch.ts). */
function batchFromArgs(a: DesignArgs, seeds: number, opt: Optimizer | undefined): Designed {
  const target = numberOption(a.target, "--target", "a target value of the metric");
  if (target === undefined)
    throw new InputError("--target", undefined, "a target of the metric for a batch sweep, such as 0.05");
  const largeNames = (a["large-batch"] ?? "lars,lamb").split(",").filter((s) => s && s !== "none");
  const large = Object.fromEntries(
    largeNames.map((n) => {
      const name = enumOption(n, "--large-batch", SWEEP_OPTIMIZERS)!;
      const lrs =
        name === "lars"
          ? (numberList(a["lars-lrs"], "--lars-lrs") ?? [1, 3, 10])
          : name === "lamb"
            ? (numberList(a["lamb-lrs"], "--lamb-lrs") ?? [0.003, 0.01, 0.03])
            : (numberList(a.lrs, "--lrs") ?? [0.01, 0.03, 0.1, 0.3]);
      return [name, lrs];
    }),
  );
  const one = (v: string | undefined, field: string, dflt: number) => {
    const l = numberList(v, field, true);
    if (l && l.length !== 1) throw new InputError(field, v, "one value for a batch sweep");
    return l?.[0] ?? dflt;
  };
  const o = {
    batches: numberList(a.batches, "--batches", true) ?? logGrid(8, 2048),
    lrs: numberList(a.lrs, "--lrs") ?? [0.01, 0.03, 0.1, 0.3],
    lrScaling: (enumOption(a["lr-scaling"], "--lr-scaling", ["none", "sqrt", "linear"] as const) ??
      "sqrt") as LrScaling,
    ...(a["base-batch"] !== undefined ? { baseBatch: integerOption(a["base-batch"], "--base-batch")! } : {}),
    width: one(a.widths, "--widths", 128),
    data: one(a.data, "--data", 55_000),
    seeds,
    optimizer: opt ?? "momentum",
    ...(largeNames.length > 0
      ? {
          largeBatch: {
            optimizers: large,
            count: integerOption(a["large-batch-count"], "--large-batch-count") ?? 2,
          },
        }
      : {}),
  };
  const points = designBatch(o);
  return {
    points,
    warnings: batchWarnings(points, o.optimizer),
    design: { ...o },
    metric: a.metric ?? "val_error",
    target,
  };
}

/** `scalecast sweep design`: a learning-curve or batch-size sweep, its cost and its identifiability. */
export function designCommand(io: Io) {
  return defineCommand({
    meta: {
      name: "design",
      description: "Design a learning-curve or batch-size sweep and write the sweep file",
    },
    args,
    run({ args: a }) {
      const kind = enumOption(a.kind, "--kind", SWEEP_KINDS)!;
      const trainer = trainerSettings(a, kind);
      const seeds =
        countOption(a.seeds, "--seeds", { max: LIMITS.repeats, limitName: "1,000 seeds per point" }) ?? 1;
      const opt = enumOption(a.optimizer, "--optimizer", SWEEP_OPTIMIZERS);
      const acc = accelerator(a.hardware);
      const spec = (w: number) => mlpSpec(trainer.arch, w, trainer.input);
      const paramsOf = (w: number) => trainingStep(spec(w), { batch: 1, precision: "fp32" }).params.total;
      const { points, warnings, design, metric, target } =
        kind === "learning-curve"
          ? learningCurveFromArgs(a, seeds, opt, paramsOf)
          : batchFromArgs(a, seeds, opt);
      const cost = sweepCost(points, {
        specOf: spec,
        stepsOf: (p) => trainerSteps(trainer, p),
        evalSamplesOf: (p) =>
          trainer.testSamples +
          trainer.evalSamples *
            Math.ceil(
              Math.log(Math.max(2, kind === "batch" ? trainer.maxSteps : trainerSteps(trainer, p))) /
                Math.log(1.15),
            ),
        accelerator: acc,
        upperBound: kind === "batch",
      });
      const { perPoint, ...costTotals } = cost;
      const doc: SweepFileInput = {
        schema: "scalecast.sweep/1",
        kind,
        metric,
        target,
        trainer,
        design,
        points,
        warnings,
        cost: costTotals,
      };
      const sweep = parseSweepFile(doc);
      io.writeText(a.out, `${JSON.stringify(sweep, null, 2)}\n`);
      if (a.json) {
        io.stdout(`${JSON.stringify(sweep, null, 2)}\n`);
        return;
      }
      io.stdout(`${renderDesign(sweep.kind, points, design, perPoint, costTotals, warnings, a.out)}\n`);
    },
  });
}

function renderDesign(
  kind: string,
  points: SweepPoint[],
  design: Record<string, unknown>,
  perPoint: { steps: number }[],
  cost: {
    accelerator: string;
    flops: number;
    deviceHours: number;
    dollars: number | null;
    upperBound: boolean;
    note: string;
  },
  warnings: string[],
  out: string,
): string {
  const lines = [`sweep    ${kind}, ${points.length} runs -> ${out}`];
  if (kind === "learning-curve") {
    const sizes = [...new Set(points.map((p) => p.data))];
    lines.push(
      renderTable(
        ["data", "widths", "seeds", "steps"],
        sizes.map((m) => {
          const ps = points.filter((p) => p.data === m);
          const ws = [...new Set(ps.map((p) => p.width))];
          const steps = perPoint[points.indexOf(ps[0]!)]!.steps;
          return [String(m), ws.join(","), String(ps.length / ws.length), String(steps)];
        }),
      ),
    );
  } else {
    const groups = new Map<string, SweepPoint[]>();
    for (const p of points) {
      const k = `${p.optimizer}/${p.batch}`;
      groups.set(k, [...(groups.get(k) ?? []), p]);
    }
    lines.push(
      `model    width ${String(design.width)}, ${String(design.data)} training samples, learning rates ${String(design.lrScaling)}-scaled from batch ${String(design.baseBatch ?? (design.batches as number[])[0])}`,
      renderTable(
        ["optimizer", "batch", "learning rates", "max steps"],
        [...groups.values()].map((ps) => [
          ps[0]!.optimizer,
          String(ps[0]!.batch),
          [...new Set(ps.map((p) => p.lr))].join(","),
          String(perPoint[ps[0]!.index]!.steps),
        ]),
      ),
    );
  }
  lines.push(
    "",
    `cost     ${sig(cost.flops)} FLOP, ${sig(cost.deviceHours)} device-hours${cost.dollars !== null ? `, $${sig(cost.dollars)}` : ""} on ${cost.accelerator}${cost.upperBound ? " (at most)" : ""}`,
    `         ${cost.note}`,
  );
  for (const w of warnings) lines.push(`warning: ${w}`);
  return lines.join("\n");
}
