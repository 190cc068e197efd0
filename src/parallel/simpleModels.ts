import type { Accelerator } from "../hardware/accelerator.js";
import { type HfGpu, hfSpeed } from "../hardware/hfSpeedModel.js";
import { peakFlopsFor } from "../hardware/peakFlops.js";
import { had19Roofline } from "../hardware/roofline.js";
import { InputError } from "../units/InputError.js";
import type { ModelSpec } from "../workload/modelSpec.js";
import type { Precision } from "../workload/precision.js";
import { trainingStep } from "../workload/trainingStep.js";
import { type Layout, layoutDevices } from "./layout.js";

/** The step-time models `plan --model` selects. */
export type StepModel = "detailed" | "had19" | "hf";

/** The step-time models, for validation and help. */
export const STEP_MODELS: readonly StepModel[] = ["detailed", "had19", "hf"];

/** What a simple model gives: seconds per step, and which roof or rule set it. */
export interface SimpleStep {
  seconds: number;
  bound: string;
}

/**
 * HAD19's roofline (Hestness, Ardalani & Diamos, PPoPP 2019 §5.2) applied per device: c = the step's
 * hardware FLOP and a = its bytes accessed, divided evenly over tp·pp model-parallel devices, for the
 * global batch / dp samples each replica runs; t = max(c/(0.8·peak), a/(0.7·bandwidth)). No
 * communication, no bubble: the paper's single-accelerator model, as the seed used it.
 */
export function had19LayoutStep(
  spec: ModelSpec,
  acc: Accelerator,
  o: { precision: Precision; seq?: number; layout: Layout; globalBatch: number },
): SimpleStep {
  const { layout: l, globalBatch, precision } = o;
  const step = trainingStep(spec, {
    batch: l.mb,
    precision,
    recompute: l.recompute,
    ...(o.seq !== undefined ? { seq: o.seq } : {}),
  });
  const perDevice = globalBatch / (l.dp * l.mb) / (l.tp * l.pp * l.cp);
  const r = had19Roofline(
    { flops: step.step.hardwareFlops * perDevice, bytes: step.step.bytesAccessed * perDevice },
    {
      peakFlopsPerSecond: peakFlopsFor(acc, precision).flopsPerSecond,
      bytesPerSecond: acc.memoryBytesPerSecond,
    },
  );
  return { seconds: r.seconds, bound: r.bound };
}

/** The HF calculator's GPU for a catalog accelerator (it benchmarked only these). */
export function hfGpuFor(acc: Accelerator): HfGpu {
  if (acc.name.startsWith("v100")) return "V100";
  throw new InputError(
    "--hardware",
    acc.name,
    "a V100 for --model hf (the HF speed model has constants for V100, P100, P4 and K80 only)",
  );
}

/**
 * The HF calculator's speed model (REFERENCE (f)): per-GPU non-embedding FLOP/s =
 * k·k1^[O1]·k2^[O2]·(D/(D + b))·W^a·ln(batch + 1)^c at width W = hidden, depth D = layers, batch = mb,
 * AMP O2 for 16-bit precisions and O0 for fp32; step seconds = 6·N_non-embedding·tokens / (speed·devices).
 * No parallelism overheads: the calculator assumed perfect data parallelism.
 */
export function hfLayoutStep(
  spec: ModelSpec,
  acc: Accelerator,
  o: { precision: Precision; seq?: number; layout: Layout; globalBatch: number },
): SimpleStep {
  const width = "hidden" in spec ? spec.hidden : undefined; // (structure: ModelSpec is a union by family)
  const depth = "layers" in spec ? spec.layers : undefined;
  if (typeof width !== "number" || typeof depth !== "number")
    throw new InputError("MODEL", spec.family, "a transformer with hidden and layers for --model hf");
  const step = trainingStep(spec, {
    batch: 1,
    precision: o.precision,
    ...(o.seq !== undefined ? { seq: o.seq } : {}),
  });
  const tokens = o.globalBatch * step.execution.seq;
  const speed = hfSpeed({
    gpu: hfGpuFor(acc),
    width,
    depth,
    batch: o.layout.mb,
    amp: o.precision === "fp32" || o.precision === "tf32" ? "O0" : "O2",
  });
  const devices = layoutDevices(o.layout);
  return { seconds: (6 * step.params.nonEmbedding * tokens) / (speed * devices), bound: "HF speed model" };
}
