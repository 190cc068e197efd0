import { z } from "zod";
import { SCORE_MASKINGS } from "../workload/eagerKernels.js";
import {
  ATTENTION_KERNELS,
  FP8_WEIGHT_GATHERS,
  FUSIONS,
  SELECTIVE_RECOMPUTES,
} from "../parallel/framework.js";

/** The FLOP conventions sources count in (see `flops`; src/validation/sourceFlopsPerStep.ts). */
export const FLOP_CONVENTIONS = [
  "6n",
  "palm",
  "megatron-recompute",
  "megatron",
  "megatron-recompute-3/4",
  "stated",
] as const;

/**
 * One measured training run of the validation corpus (issue 12): what a paper, model card, MLPerf
 * result or framework performance table published, with where it says so. The corpus judges the
 * step-time model out of sample, so every number here is the source's, never tuned; fields the source
 * does not publish are named in `assumed` with the value taken (or left out, to be searched).
 *
 * Base units as everywhere: seconds, FLOP/s, tokens. Sequences count samples of `seq` tokens.
 */
export const CorpusCaseSchema = z.object({
  /** Unique, stable, kebab-case: `<source id>-<model>-<devices>` (e.g. `narayanan2021-t1-145b-1536`). */
  name: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
  /** Where the number comes from. */
  source: z.object({
    /** Short id shared by every case of one publication (e.g. `narayanan2021`): the unit of leave-one-source-out. */
    id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
    /** Authors, year, title, venue or arXiv id. */
    citation: z.string(),
    /** Table, figure or section the number is read from (e.g. "Table 1, row 7"). */
    where: z.string(),
    url: z.string().optional(),
  }),
  /**
   * How the number was obtained: `read` in the primary text (the search tool's copy, quoted), `secondary`
   * (a survey or blog quoting it), `memory` (from memory: must be checked; never used to calibrate).
   */
  verified: z.enum(["read", "secondary", "memory"]),
  /** The words of the source the number was read from, where available. */
  quote: z.string().optional(),
  /** Catalog accelerator name (`scalecast hardware list`), e.g. `a100-80gb`, `h100-sxm`, `tpu-v4`. */
  accelerator: z.string(),
  /** Training stack; the framework profile the prediction uses. */
  framework: z.enum([
    "megatron",
    "megatron-deepspeed",
    "deepspeed",
    "nemo",
    "fsdp",
    "torchtitan",
    "maxtext",
    "paxml",
    "t5x",
    "mesh-tensorflow",
    "ddp",
    "other",
  ]),
  /** Devices in the run. */
  devices: z.number().int().positive(),
  /** The model as a `scalecast workload` spec (JSON) or the name of a model preset. */
  model: z.union([z.string(), z.record(z.string(), z.unknown())]),
  /** Tokens per sample. */
  seq: z.number().int().positive(),
  /** Samples (sequences) per optimizer step, over all replicas. */
  globalBatch: z.number().int().positive(),
  /** Parallel layout as published; absent fields are unpublished (named in `assumed`). */
  layout: z
    .object({
      dp: z.number().int().positive(),
      tp: z.number().int().positive(),
      pp: z.number().int().positive(),
      vp: z.number().int().positive(),
      ep: z.number().int().positive(),
      cp: z.number().int().positive(),
      mb: z.number().int().positive(),
      zero: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]),
      recompute: z.enum(["none", "selective", "full"]),
      sp: z.boolean(),
    })
    .partial(),
  /** Training precision of the GEMMs. */
  precision: z.enum(["fp32", "tf32", "bf16", "fp16", "fp8"]),
  /** Attention kernels, where known. */
  attention: z.enum(["flash", "standard"]).optional(),
  /**
   * What was measured: seconds per step; throughput in tokens/s over all devices; TFLOP/s per device
   * under `flops`; MFU or HFU as a fraction of dense peak under `flops`.
   */
  metric: z.enum(["step-seconds", "tokens-per-second", "tflops-per-device", "mfu", "hfu"]),
  value: z.number().positive(),
  /**
   * The source's own FLOP convention for `tflops-per-device`, `mfu` and `hfu`:
   * - `6n`: 6 × parameters per token (Kaplan et al. 2020 §2.1);
   * - `palm`: 6N + 12·L·H·Q·T per token (Chowdhery et al. 2022 App. B);
   * - `megatron-recompute`: 96·B·s·l·h²·(1 + s/6h + V/16lh) per step (Narayanan et al. 2021 eq. 3,
   *   full recompute counted);
   * - `megatron`: 72·B·s·l·h²·(1 + s/6h + V/12lh) per step (the same without recompute; Korthikanti
   *   et al. 2022 §6);
   * - `megatron-recompute-3/4`: 3/4 of `megatron-recompute`, logit term included (flash-attn's
   *   training README: "the formula from the Megatron-LM paper (Section 5.1), except we scale by 3/4 to
   *   get the model FLOPs");
   * - `stated`: `flopsPerStep` below, as the source states it.
   */
  flops: z.enum(FLOP_CONVENTIONS).optional(),
  /** FLOP per step as the source counts them, when `flops` is `stated`. */
  flopsPerStep: z.number().positive().optional(),
  /**
   * The parameter count N of the source's own `6n` or `palm` formula, when its code counts differently
   * from the model spec (e.g. MaxText's `num_model_parameters`). Absent: the spec's total parameters
   * (active parameters for MoE). Added for sources whose FLOP convention depends on their own count.
   */
  flopsParams: z.number().positive().optional(),
  /** Peak FLOP/s per device the source divides by for MFU/HFU, when it says (else the catalog's). */
  peakFlopsPerSecond: z.number().positive().optional(),
  /** Dense or mixture-of-experts (for the acceptance: dense cases are judged on their own). */
  moe: z.boolean(),
  /**
   * What the source says about the training stack where it differs from the framework profile's
   * defaults (src/parallel/framework.ts), each fact quoted in `quote` or cited in `assumed`: elementwise
   * fusion on or off (e.g. TorchTitan's rows with and without torch.compile), embedding and output head
   * as pipeline chunks of their own (Llama 3 §3.3.2), the precision of the gradient reduction (e.g.
   * Composer's FSDP mixed-precision mode), gradient reduction overlapped with the backward pass (e.g.
   * Megatron-LM 2019 with --DDP-impl torch), tensor-parallel collectives overlapped with the GEMMs (e.g.
   * TorchTitan's AsyncTP rows), expert-parallel all-to-all overlapped with another micro-batch's compute
   * (e.g. a Megatron-Bridge recipe's overlap_moe_expert_parallel_comm), the loss kernel and logging passes
   * over the logits (e.g. metaseq's fp32 vocab-parallel cross-entropy and no train metrics under the fsdp
   * profile), the optimizer's kernels (e.g. metaseq's FusedAdam under the fsdp profile), how unfused
   * attention scales and masks its scores (e.g. Megatron-LM 2019's multiplicative mask), fp8 weights gathered
   * in fp8 (e.g. TorchTitan's H200 runs: enable_fsdp_float8_all_gather on their command line), the
   * attention kernels of the stack's version at the time (e.g. flash-attn 0.2's FlashAttention-1 kernels
   * in its 2022 training scripts), what selective rematerialisation saves (e.g. MaxText's `minimal_flash`
   * policy in a GPU run's script). Never a tuning knob: only what the source states.
   */
  stack: z
    .object({
      fusion: z.enum(FUSIONS),
      embeddingChunks: z.boolean(),
      mainGradients: z.enum(["fp32", "fp32-bf16", "16-bit"]),
      overlapTensorParallel: z.boolean(),
      overlapGradients: z.boolean(),
      overlapExpertParallel: z.boolean(),
      crossEntropy: z.enum(["fp32", "fused"]),
      lossGradientInPlace: z.boolean(),
      trainMetricPasses: z.number().int().min(0),
      optimizerKernels: z.enum(["fused", "unfused"]),
      tensorParallelBackward: z.enum(["async", "sync"]),
      gradientAccumulation: z.enum(["fused", "separate"]),
      scoreMasking: z.enum(SCORE_MASKINGS),
      fp8WeightGather: z.enum(FP8_WEIGHT_GATHERS),
      attentionKernel: z.enum(ATTENTION_KERNELS),
      selectiveRecompute: z.enum(SELECTIVE_RECOMPUTES),
    })
    .partial()
    .optional(),
  /**
   * Why the step-time model cannot predict this run, when the source documents something it does not
   * model (e.g. CPU offload of optimizer states and activations). Such a case is still predicted and
   * printed, with this reason, but it is left out of the calibration fit and of the acceptance
   * statistics; never used to hide a miss the model should explain.
   */
  notModelled: z.string().optional(),
  /** Unpublished fields and the values taken for them. */
  assumed: z.string(),
  notes: z.string().optional(),
});

/** A validated corpus case. */
export type CorpusCase = z.output<typeof CorpusCaseSchema>;

/** One corpus file: cases of one source. */
export const CorpusFileSchema = z.object({ cases: z.array(CorpusCaseSchema).min(1) });
