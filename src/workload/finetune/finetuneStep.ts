import { z } from "zod";
import { InputError } from "../../units/InputError.js";
import { RECOMPUTE } from "../execution.js";
import { type ModelSpec, parseModelSpec } from "../modelSpec.js";
import type { StepCost } from "../stepCost.js";
import type { DecoderSpec } from "../transformer/decoderSpec.js";
import { isGated } from "../transformer/mlpParts.js";
import { trainingStep } from "../trainingStep.js";
import { parseOrThrow } from "../zodInputError.js";
import { LORA_TARGETS, type LoraAdapters, loraAdapters } from "./loraAdapters.js";
import { nf4BitsPerParam, nf4DequantFlopsPerParam } from "./nf4.js";

/** Fine-tuning methods: every weight, LoRA adapters on a frozen 16-bit base, or on a frozen NF4 base. */
export const FINETUNE_METHODS = ["full", "lora", "qlora"] as const;
/** A fine-tuning method. */
export type FinetuneMethod = (typeof FINETUNE_METHODS)[number];

/**
 * How a fine-tuning step runs. One zod schema; defaults:
 * - `rank` 8 for LoRA (PEFT's default) and 64 for QLoRA (Dettmers et al. 2023 §5: r = 64);
 * - `targets` q and v for LoRA (Hu et al. 2021 §4.2 adapt Wq and Wv) and every linear layer for QLoRA
 *   (Dettmers §4: "LoRA on all linear transformer block layers are required to match full finetuning");
 * - `seq` the model's context, `microBatch` 1, `recompute` full (gradient checkpointing, as QLoRA and
 *   the Hugging Face trainer use for large models);
 * - optimizer state: Adam moments of `momentBytes` (4: fp32; 1: 8-bit Adam, Dettmers et al. 2022) and an
 *   fp32 master copy of the trainable weights when `masterWeights` (default true for full fine-tuning:
 *   ZeRO's 16 bytes per parameter; false for LoRA and QLoRA, whose 16-bit adapters are updated in place
 *   by bitsandbytes' paged AdamW);
 * - `doubleQuant` true (QLoRA's double quantisation of the NF4 constants).
 */
export const FinetuneSchema = z.object({
  method: z.enum(FINETUNE_METHODS),
  rank: z.number().int().positive().optional(),
  targets: z.array(z.enum(LORA_TARGETS)).optional(),
  seq: z.number().int().positive().optional(),
  microBatch: z.number().int().positive().default(1),
  recompute: z.enum(RECOMPUTE).default("full"),
  masterWeights: z.boolean().optional(),
  momentBytes: z.union([z.literal(1), z.literal(2), z.literal(4)]).default(4),
  doubleQuant: z.boolean().default(true),
});
/** Fine-tuning options as written. */
export type FinetuneInput = z.input<typeof FinetuneSchema>;

/** Bytes of one model replica in a fine-tuning step, unsharded. */
export interface FinetuneMemory {
  frozenWeights: number;
  trainableWeights: number;
  gradients: number;
  optimizer: number;
  activations: number;
  buffers: number;
  total: number;
}

/** What one fine-tuning step of a decoder costs per token and in memory (one replica). */
export interface FinetuneStep {
  method: FinetuneMethod;
  lora: Pick<LoraAdapters, "rank" | "targets"> | null;
  seq: number;
  microBatch: number;
  recompute: (typeof RECOMPUTE)[number];
  params: { total: number; trainable: number; quantized: number };
  /** Model FLOP per token (forward + the backward the method needs) and with recompute. */
  flopsPerToken: { forward: number; backward: number; model: number; hardware: number };
  /** QLoRA: NF4 weights dequantised per token (passes × quantised params / tokens per micro-batch). */
  dequantizedParamsPerToken: number;
  /** Frozen-backward share of the base's backward GEMM FLOP (input gradients / all gradients). */
  backwardShare: number;
  memory: FinetuneMemory;
  /** Bytes a saved fine-tune takes: the model in 16 bits (full) or the adapters in 16 bits. */
  checkpointBytes: number;
  /** The base model's training step at this micro-batch (for timing). */
  base: StepCost;
}

/**
 * One fine-tuning step of a decoder. FLOP per token, from the training workload (`trainingStep`) and,
 * for adapters, 2 FLOP per adapter weight forward and 4 backward (A and B like any linear layer):
 * - full: forward + input gradients + weight gradients (≈ 6N, Kaplan et al. 2020 §2.1);
 * - LoRA and QLoRA: the frozen base needs no weight gradients (Hu et al. 2021 §4.2; Dettmers et al.
 *   2023 §3: "we only compute weight gradients for the LoRA parameters"), so its backward is the input
 *   gradients only, ≈ 1× forward instead of 2× (≈ 4N per token in all), plus 6 × adapter weights per token;
 * - full recompute adds one forward (Korthikanti et al. 2022 §5). QLoRA dequantises every NF4 weight to
 *   bf16 in each forward and backward pass.
 * Memory of one replica: weights (16-bit; QLoRA's linear weights in NF4 at {@link nf4BitsPerParam}
 * bits with embeddings, head and norms in 16 bits, as bitsandbytes leaves them), 16-bit gradients and
 * Adam state for the trainable weights only, and the activations and buffers of the training workload
 * at the recompute policy (frozen layers keep what autograd keeps for input gradients; counted as in
 * training, an upper bound).
 */
export function finetuneStep(model: ModelSpec | Record<string, unknown>, input: FinetuneInput): FinetuneStep {
  const spec = parseModelSpec(model);
  if (spec.family !== "decoder")
    throw new InputError("model.family", spec.family, "a decoder (fine-tuning costs decoder LMs)");
  const o = parseOrThrow(FinetuneSchema, input, "finetune");
  const d = spec as unknown as DecoderSpec;
  const full = o.method === "full";
  if (full && (o.rank !== undefined || o.targets !== undefined))
    throw new InputError(
      o.rank !== undefined ? "rank" : "targets",
      o.rank ?? o.targets,
      "only with --method lora or qlora",
    );
  const adapters = full
    ? null
    : loraAdapters(
        d,
        o.rank ?? (o.method === "qlora" ? 64 : 8),
        o.targets ??
          (o.method === "qlora" ? LORA_TARGETS.filter((t) => t !== "gate" || isGated(d.mlp)) : ["q", "v"]),
      );
  const base = trainingStep(spec, {
    batch: o.microBatch,
    ...(o.seq !== undefined ? { seq: o.seq } : {}),
    recompute: o.recompute,
    precision: "bf16",
  });
  const tokens = o.microBatch * base.execution.seq;
  const total = base.params.total;
  const fwd = base.forward.flops;
  const bi = base.step.backwardInputFlops;
  const bw = base.step.backwardWeightFlops;
  const recompute = base.step.hardwareFlops - base.step.flops;
  const a = adapters?.paramsPerToken ?? 0;
  const forward = fwd / tokens + 2 * a;
  const backward = (full ? bi + bw : bi) / tokens + 4 * a;
  const redo = recompute / tokens + (recompute > 0 && !full && o.recompute === "full" ? 2 * a : 0);

  let sixteenBit = 0;
  for (const l of base.layers)
    if (l.kind === "embedding" || l.kind === "logits" || l.kind === "norm") sixteenBit += l.params;
  const quantized = o.method === "qlora" ? total - sixteenBit : 0;
  const trainable = full ? total : adapters!.params;
  const master = o.masterWeights ?? full;
  const frozenWeights = full
    ? 0
    : o.method === "qlora"
      ? (quantized * nf4BitsPerParam(o.doubleQuant)) / 8 + 2 * sixteenBit
      : 2 * total;
  const memory = {
    frozenWeights,
    trainableWeights: 2 * trainable,
    gradients: 2 * trainable,
    optimizer: trainable * ((master ? 4 : 0) + 2 * o.momentBytes),
    activations: base.memory.activations,
    buffers: base.memory.buffers,
    total: 0,
  };
  memory.total =
    memory.frozenWeights +
    memory.trainableWeights +
    memory.gradients +
    memory.optimizer +
    memory.activations +
    memory.buffers;
  const passes = 2 + (o.recompute === "full" ? 1 : 0);
  return {
    method: o.method,
    lora: adapters ? { rank: adapters.rank, targets: adapters.targets } : null,
    seq: base.execution.seq,
    microBatch: o.microBatch,
    recompute: o.recompute,
    params: { total, trainable, quantized },
    flopsPerToken: { forward, backward, model: forward + backward, hardware: forward + backward + redo },
    dequantizedParamsPerToken: (passes * quantized) / tokens,
    backwardShare: full ? 1 : bi / (bi + bw),
    memory,
    checkpointBytes: 2 * trainable,
    base,
  };
}

/** FLOP to dequantise one NF4 weight (re-exported for timing). */
export { nf4DequantFlopsPerParam };
