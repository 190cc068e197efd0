import { InputError } from "../units/InputError.js";
import { FRAMEWORK_NAMES, type FrameworkName, type FrameworkProfile } from "./framework.js";

/**
 * The built-in framework profiles (what each training stack does, with its sources) and the kernel
 * efficiencies the validation protocol fitted to them. The schema is framework.ts, the rules that read a
 * profile frameworkRules.ts; adding a stack is a name there and a profile here (CONTRIBUTING.md).
 */

const MEGATRON_2021 =
  "Narayanan et al. 2021 (SC'21) §4–5 and Megatron-LM code: fused bias-GeLU, bias-dropout-add and scale-mask-softmax kernels; fp32 main gradients (--accumulate-allreduce-grads-in-fp32); data-parallel all-reduce after the pipeline flush; tensor-parallel all-reduces and p2p on the critical path, except the column layers' backward collectives, which run beside their own GEMMs (LinearWithGradAccumulationAndAsyncCommunication, since Sept 2021), and micro-batch gradients summed inside the weight-gradient GEMM (--gradient-accumulation-fusion, since Feb 2022); the corpus's 2019 and 2021 rows, older than both, say so in their stack";
const MCORE =
  "Megatron-Core / NeMo (2023–25): --overlap-grad-reduce, --overlap-param-gather with the distributed optimizer, tp-comm-overlap (userbuffers), overlapped p2p; context parallelism by ring attention (Transformer Engine); uneven first/last pipeline stages (decoder_first_pipeline_num_layers). Data parallelism is DDP or the distributed optimizer (--use-distributed-optimizer: optimizer state sharded, gradients reduce-scattered and parameters all-gathered once per step, i.e. ZeRO-1); Megatron-FSDP (fully sharded, ZeRO-3-like, --use-megatron-fsdp, Megatron-Core 0.11+) exists but is opt-in and no run of it is in the validation corpus, so its efficiency is unknown and this profile does not offer it (a --system file whose profile lists zero 3 does)";
const DEEPSPEED =
  "Rajbhandari et al. 2020 (ZeRO) and DeepSpeed code: overlap_comm reduces gradients during backward, ZeRO-3 prefetches parameters and gathers them again for the checkpointed recompute; gradients in 16 bits; pipeline engine 1F1B without interleaving, gradients reduced after the pipeline; the pipeline engine refuses ZeRO-2/3 (deepspeed/runtime/pipe/engine.py: assert zero_optimization_stage() < 2, 'ZeRO-2 and ZeRO-3 are incompatible with pipeline parallelism'); no tensor parallelism of its own (it takes Megatron's, the megatron-deepspeed profile); activation checkpointing of whole layers";
const FSDP =
  "Zhao et al. 2023 (PyTorch FSDP, VLDB) §3: reduce-scatter during backward, backward prefetch, parameters gathered once per forward and once per backward; FULL_SHARD (ZeRO-3) or SHARD_GRAD_OP (ZeRO-2) over the data-parallel ranks only (llm-foundry / Composer: no tensor or pipeline parallelism); activation checkpointing wraps whole blocks (full recompute); the loss is flash-attn's fused CrossEntropyLoss (llm-foundry's default loss_fn 'fused_crossentropy'), and Composer updates the model's train metrics (llm-foundry MPT: LanguageCrossEntropy, LanguagePerplexity; fp32 cross-entropies under autocast) after every micro-batch (composer/trainer/trainer.py _train_microbatch); attention: llm-foundry's benchmarks run `attn_impl` 'triton' (scripts/train/benchmarking/submit_benchmarks.py, `--attn_impl` default 'triton', which sweep.sh never overrides, at 1ef7b4d, c6cfb42 and b2a43a1), llmfoundry/models/layers/flash_attn_triton.py, 'Copied from' flash-attention's flash_attn_triton.py on the pre-MLIR Triton: FlashAttention-1's algorithm ('overall Triton forward + backward is slightly slower than CUDA forward + backward', its header), 'only tested on A100'";
const TORCHTITAN =
  "Liang et al. 2024 (TorchTitan): FSDP2 with fp32 gradient reduction, eager by default (torch.compile is opt-in: `--training.compile` is a store_true flag and the train configs set compile = false, torchtitan/config_manager.py at 9dec370), context parallelism with all-gathered KV shards (`--experimental.context_parallel_rotate_method` default 'allgather', same file) of the KV heads its Llama repeats to every query head before SDPA (torchtitan/models/llama/model.py `repeat_kv`), through PyTorch's `context_parallel` (torch/distributed/tensor/experimental/_attention.py: fp32 merges and dK/dV ring), `torch.optim.AdamW` with foreach and `clip_grad_norm_(foreach=True)` (torchtitan/optimizer.py, train.py), 1F1B/interleaved pipelines; tensor-parallel collectives are NOT overlapped by default (async TP is opt-in, `enable_async_tensor_parallel = false`, and its published speedup over vanilla TP is 1.09-1.10x, torchtitan benchmarks/asyncTP_llama3_h100_2025-06, so when on it hides only a share of the TP traffic: tensorParallelHidden)";
const DDP =
  "Li et al. 2020 (PyTorch Distributed, VLDB) §3.2: DistributedDataParallel all-reduces gradient buckets during the backward pass (on the last micro-batch under gradient accumulation: `no_sync` on the others), data parallelism only; automatic mixed precision keeps fp32 parameters, so gradients and their all-reduce are fp32 and every forward casts the weights it multiplies; ZeRO-1 is torch.distributed.optim.ZeroRedundancyOptimizer (optimizer state sharded; DDP still all-reduces the gradients and each rank broadcasts its updated shard after the step, which this model prices as ZeRO-1's reduce-scatter and all-gather: half the gradient bytes, under 1% of a step on one NVLink node); eager kernels (fusion none) unless the model code fuses (a case's stack); `torch.optim.AdamW` and `clip_grad_norm_` run per-tensor ops (optimizerKernels unfused) unless the run uses a fused optimizer; activation checkpointing of whole blocks (torch.utils.checkpoint)";
const XLA =
  "XLA/GSPMD (Xu et al. 2021) with the latency-hiding scheduler: the elementwise ops after an einsum fused into it (output fusion, XLA's HloInstruction::FusionKind::kOutput, \"Op's output is fused into the op itself\"; a producer such as a dot fused with its bias, scale and activation consumers) and other elementwise chains into one loop, async collectives overlapped; PaLM §4 and MaxText shard parameters over the data axis (ZeRO-3-like: ici_fsdp_parallelism) or replicate them (ici_data_parallelism), tensor axes for tp; rematerialisation policies from full to minimal (remat_policy); Llama 3-style all-gathered KV for context parallelism";

const base = {
  attentionKernel: "flash2" as const,
  attention: "flash" as const,
  defaults: { mb: 1, vp: 1, sp: false, zero: 0 as const },
  fusion: "elementwise" as const,
  mainGradients: "fp32-bf16" as const,
  contextParallel: "ring" as const,
  kvExchanged: "grouped" as const,
  selectiveRecompute: "attention-core" as const,
  fullRecompute: "whole-forward" as const,
  shardedStateUnderPipeline: "regathered" as const,
  extraGatherUnderRecompute: false,
  embeddingChunks: false,
  fp8SavedInputs: "16-bit" as const,
  fp8Casts: "transformer-engine" as const,
  fp8WeightCasts: "per-micro-batch" as const,
  fp8WeightGather: "16-bit" as const,
  crossEntropy: "fp32" as const,
  lossGradientInPlace: false,
  scoreMasking: "divide-add" as const,
  trainMetricPasses: 0,
  optimizerKernels: "fused" as const,
  shardedWeights: "16-bit" as const,
  tensorParallelHidden: 1,
  tensorParallelBackward: "sync" as const,
  gradientAccumulation: "separate" as const,
  kernelEfficiency: 1,
};

/** TorchTitan's async TP: the share of TP traffic it hides (see `tensorParallelHidden`). */
export const TORCHTITAN_ASYNC_TP_HIDDEN = 0.45;

/** Transformer Engine stacks keep fp8 casts of linear inputs for backward (see `fp8SavedInputs`). */
const TE = { fp8SavedInputs: "fp8" as const };

/** What a stack overlaps with compute (see `overlap`): nothing (Megatron-LM 2021, its DeepSpeed fork). */
const OVERLAP_NONE = {
  gradients: false,
  parameters: false,
  tensorParallel: false,
  pipeline: false,
  expertParallel: false,
};

/** Data-parallel traffic only: gradient reduction and ZeRO/FSDP gathers (DeepSpeed, FSDP, TorchTitan). */
const OVERLAP_DATA = { ...OVERLAP_NONE, gradients: true, parameters: true };

/** Data, tensor and pipeline traffic; the expert all-to-all stays exposed unless a recipe says otherwise. */
const OVERLAP_ALL_BUT_EXPERTS = { ...OVERLAP_DATA, tensorParallel: true, pipeline: true };

/** Data parallelism alone, whole-block recompute (FSDP as llm-foundry runs it, PyTorch DDP); with its ZeRO stages. */
const DATA_PARALLEL_ONLY = {
  tensorParallel: false,
  recompute: ["none", "full"] as ("none" | "selective" | "full")[],
  interleaving: false,
  sequenceParallel: false,
  contextParallel: false,
  expertParallel: false,
  pipeline: false,
  unevenPipeline: false,
};

/** Every layout dimension the search has (a profile narrows `zero` and what its stack lacks). */
const EVERY_LAYOUT = {
  tensorParallel: true,
  recompute: ["none", "selective", "full"] as ("none" | "selective" | "full")[],
  interleaving: true,
  sequenceParallel: true,
  contextParallel: true,
  expertParallel: true,
  pipeline: true,
  unevenPipeline: true,
};

/** Megatron-Core (and NeMo, which runs it). */
const MEGATRON_CORE: FrameworkProfile = {
  ...base,
  attentionKernel: "async",
  ...TE,
  name: "megatron-core",
  fp8WeightCasts: "per-step",
  defaults: { mb: 1, vp: 1, sp: true, zero: 1 },
  // p2p overlapped only under the interleaved schedule (framework.ts `overlap.pipeline`)
  overlap: { ...OVERLAP_ALL_BUT_EXPERTS, pipeline: "interleaved" as const },
  tensorParallelBackward: "async",
  gradientAccumulation: "fused",
  supports: { ...EVERY_LAYOUT, zero: [0, 1] },
  sources: { all: MCORE },
};

/**
 * The profiles before any fit (`kernelEfficiency` 1): what the validation protocol starts from
 * (src/validation/validateCorpus.ts).
 */
export const UNFITTED_FRAMEWORK_PROFILES: Readonly<Record<FrameworkName, FrameworkProfile>> = {
  megatron: {
    ...base,
    ...TE,
    name: "megatron",
    // Narayanan et al. 2021 and Korthikanti et al. 2022 ran fused scale-mask-softmax attention
    // (Korthikanti §4.2 recomputes its s×s softmax and dropout: there is no such tensor under
    // FlashAttention, which Megatron-LM took in 2023 as --use-flash-attn)
    attention: "standard",
    overlap: OVERLAP_NONE,
    tensorParallelBackward: "async",
    gradientAccumulation: "fused",
    // Megatron-LM as Narayanan et al. 2021 and Korthikanti et al. 2022 ran it had neither context
    // parallelism nor mixture-of-experts layers: both came with Megatron-Core (2023)
    supports: {
      ...EVERY_LAYOUT,
      zero: [0, 1],
      unevenPipeline: false,
      contextParallel: false,
      expertParallel: false,
    },
    sources: { all: MEGATRON_2021 },
  },
  "megatron-core": MEGATRON_CORE,
  // NeMo trains through Megatron-Core's modules and options: the same profile, its own fitted value
  nemo: { ...MEGATRON_CORE, name: "nemo" },
  "megatron-deepspeed": {
    ...base,
    name: "megatron-deepspeed",
    defaults: { mb: 1, vp: 1, sp: false, zero: 1 },
    overlap: OVERLAP_NONE,
    supports: {
      zero: [0, 1],
      zeroWithPipeline: [0, 1],
      tensorParallel: true,
      recompute: ["none", "full"],
      interleaving: false,
      sequenceParallel: false,
      contextParallel: false,
      expertParallel: true,
      pipeline: true,
      unevenPipeline: false,
    },
    sources: { all: `${MEGATRON_2021}; ${DEEPSPEED}` },
  },
  deepspeed: {
    ...base,
    name: "deepspeed",
    defaults: { mb: 1, vp: 1, sp: false, zero: 1 },
    fusion: "none",
    mainGradients: "16-bit",
    extraGatherUnderRecompute: true,
    overlap: OVERLAP_DATA,
    supports: {
      zero: [0, 1, 2, 3],
      zeroWithPipeline: [0, 1],
      tensorParallel: false,
      recompute: ["none", "full"],
      interleaving: false,
      sequenceParallel: false,
      contextParallel: false,
      expertParallel: true,
      pipeline: true,
      unevenPipeline: false,
    },
    sources: { all: DEEPSPEED },
  },
  fsdp: {
    ...base,
    ...TE,
    name: "fsdp",
    defaults: { mb: "batch", vp: 1, sp: false, zero: 3 },
    fusion: "none",
    // llm-foundry's ComposerMPTCausalLM: loss_fn defaults to 'fused_crossentropy', flash-attn's
    // CrossEntropyLoss (llmfoundry/models/mpt/modeling_mpt.py, 2023); its train metrics
    // [LanguageCrossEntropy(), LanguagePerplexity()], which Composer updates after every micro-batch
    crossEntropy: "fused",
    trainMetricPasses: 2,
    // the benchmark's attn_impl 'triton' (submit_benchmarks.py default at b2a43a1, when the tables were
    // written): llmfoundry/models/layers/flash_attn_triton.py, "Copied from" flash-attn's Triton port
    attentionKernel: "triton",
    // Composer's DecoupledAdamW (an eager per-parameter loop) and FSDP's clip_grad_norm_
    optimizerKernels: "unfused",
    shardedWeights: "fp32",
    mainGradients: "16-bit",
    overlap: OVERLAP_DATA,
    supports: { ...DATA_PARALLEL_ONLY, zero: [2, 3] },
    sources: { all: FSDP },
  },
  torchtitan: {
    ...base,
    name: "torchtitan",
    // torch.compile is opt-in (`--training.compile`, store_true; train_configs compile = false)
    fusion: "none",
    mainGradients: "fp32",
    selectiveRecompute: "every-other-matmul",
    tensorParallelHidden: TORCHTITAN_ASYNC_TP_HIDDEN,
    // PyTorch's context_parallel exchanges KV shards by all-gather unless told otherwise
    // (`--experimental.context_parallel_rotate_method`, default "allgather", at the benchmark's 9dec370),
    // of the KV heads its Llama repeats to every query head before SDPA
    contextParallel: "pytorch",
    kvExchanged: "repeated",
    // FSDP2 under torch.distributed.pipelining keeps a stage gathered across its micro-batches
    shardedStateUnderPipeline: "held",
    // fp8 through torchao's Float8Linear (tensorwise dynamic scaling), not Transformer Engine
    fp8Casts: "torchao-dynamic",
    // torch.optim.AdamW with foreach (--optimizer.fused off) and clip_grad_norm_(foreach=True)
    optimizerKernels: "unfused",
    shardedWeights: "fp32",
    defaults: { mb: "batch", vp: 1, sp: true, zero: 3 },
    overlap: OVERLAP_DATA,
    supports: { ...EVERY_LAYOUT, zero: [2, 3] },
    sources: { all: TORCHTITAN },
  },
  // GSPMD before collective matmul (T5X's PaLM run, 2022; Mesh TensorFlow) left the tensor-parallel
  // collectives on the critical path: "the data communications generated by intra-layer model
  // parallelism can contribute to a significant proportion of the overall execution time" until their
  // decomposition into the dependent einsums (Wang et al., ASPLOS 2023, on TPU v4)
  // MaxText's selective rematerialisation is `remat_policy: minimal`, JAX's dots-without-batch-dims
  maxtext: {
    ...xla("maxtext", { collectiveMatmul: true, pipeline: true }),
    selectiveRecompute: "matmul-outputs",
  },
  paxml: xla("paxml", { collectiveMatmul: true, pipeline: true }),
  t5x: xla("t5x", { collectiveMatmul: false, pipeline: false }),
  "mesh-tensorflow": xla("mesh-tensorflow", { collectiveMatmul: false, pipeline: false }),
  ddp: {
    ...base,
    name: "ddp",
    fusion: "none",
    mainGradients: "fp32",
    optimizerKernels: "unfused",
    defaults: { mb: "batch", vp: 1, sp: false, zero: 0 },
    overlap: { ...OVERLAP_NONE, gradients: true },
    supports: { ...DATA_PARALLEL_ONLY, zero: [0, 1] },
    sources: { all: DDP },
  },
  other: {
    ...base,
    attentionKernel: "async",
    name: "other",
    defaults: { mb: 1, vp: 1, sp: true, zero: 1 },
    overlap: OVERLAP_DATA,
    supports: { ...EVERY_LAYOUT, zero: [0, 1, 2, 3] },
    sources: { all: "generic profile: fused elementwise ops, overlapped gradient and parameter traffic" },
  },
};

/**
 * An XLA stack's profile: `collectiveMatmul`, whether its compiler overlaps the tensor-parallel
 * collectives with the einsums that depend on them; `pipeline`, whether the stack has pipeline stages.
 */
function xla(
  name: "maxtext" | "paxml" | "t5x" | "mesh-tensorflow",
  o: { collectiveMatmul: boolean; pipeline: boolean },
): FrameworkProfile {
  return {
    ...base,
    attentionKernel: "async",
    mainGradients: "fp32",
    // the elementwise ops after each einsum run on its result before it leaves the chip (output fusion)
    fusion: "into-matmul",
    // XLA compiles the micro-batch loop and its gradient sum into the step
    gradientAccumulation: "fused",
    name,
    defaults: { mb: "batch", vp: 1, sp: true, zero: 3 },
    contextParallel: "all-gather",
    // JAX's remat recomputes only the backward's residuals (framework.ts `fullRecompute`); Mesh
    // TensorFlow's recompute_grad re-runs the function
    fullRecompute: name === "mesh-tensorflow" ? "whole-forward" : "needed-values",
    overlap: { ...OVERLAP_ALL_BUT_EXPERTS, tensorParallel: o.collectiveMatmul },
    supports: {
      zero: [0, 3],
      tensorParallel: true,
      recompute: ["none", "selective", "full"],
      interleaving: false,
      sequenceParallel: true,
      contextParallel: true,
      expertParallel: true,
      pipeline: o.pipeline,
      unevenPipeline: false,
    },
    sources: { all: XLA },
  };
}

/**
 * `kernelEfficiency` of each profile as fitted by the validation protocol on the corpus's calibration
 * subset (`scalecast validate`, src/validation/calibrationSubset.ts): a framework's own value where the
 * subset holds its runs from two or more sources, the pooled value (one factor over the whole subset)
 * elsewhere. Recorded here so that every plan uses them; the slow validation test fails when a
 * re-fit disagrees with these numbers.
 */
export const FITTED_KERNEL_EFFICIENCY: Readonly<Record<FrameworkName, number>> = {
  megatron: 0.941,
  // Megatron-Core and NeMo share one value (efficiencyGroup): their runs come from four sources
  "megatron-core": 0.828,
  nemo: 0.828,
  fsdp: 0.928,
  // BLOOM's, MT-NLG's and GPT-NeoX-20B's runs (three sources)
  "megatron-deepspeed": 0.796,
  // the XLA stacks share one value (efficiencyGroup): MaxText and T5X runs from two sources
  maxtext: 0.855,
  paxml: 0.855,
  t5x: 0.855,
  "mesh-tensorflow": 0.855,
  // pooled: one factor over the whole calibration subset, for stacks without runs from two sources
  deepspeed: 0.857,
  torchtitan: 0.857,
  ddp: 0.857,
  other: 0.857,
};

/** The built-in profiles, with the fitted kernel efficiencies ({@link FITTED_KERNEL_EFFICIENCY}). */
export const FRAMEWORK_PROFILES: Readonly<Record<FrameworkName, FrameworkProfile>> = Object.fromEntries(
  FRAMEWORK_NAMES.map((n) => [
    n,
    { ...UNFITTED_FRAMEWORK_PROFILES[n], kernelEfficiency: FITTED_KERNEL_EFFICIENCY[n] },
  ]),
) as Record<FrameworkName, FrameworkProfile>;

/** The built-in profile of a framework name (`--framework`). */
export function frameworkProfile(name: string): FrameworkProfile {
  const p = FRAMEWORK_PROFILES[name as FrameworkName];
  if (!p) throw new InputError("--framework", name, `one of ${FRAMEWORK_NAMES.join(", ")}`);
  return p;
}
