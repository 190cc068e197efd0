import { z } from "zod";
import { SCORE_MASKINGS } from "../workload/eagerKernels.js";

/** Training stacks with a profile (the corpus's `framework` field). */
export const FRAMEWORK_NAMES = [
  "megatron",
  "megatron-core",
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
] as const;

/** A framework name. */
export type FrameworkName = (typeof FRAMEWORK_NAMES)[number];

/** How a stack fuses memory-bound ops (see `FrameworkProfile.fusion`). */
export const FUSIONS = ["none", "elementwise", "into-matmul"] as const;

/** Fused attention kernels a stack may call (see `FrameworkProfile.attentionKernel`). */
export const ATTENTION_KERNELS = ["flash1", "triton", "flash2", "async"] as const;

/** What `recompute: selective` keeps and recomputes, by stack (`FrameworkProfile.selectiveRecompute`). */
export const SELECTIVE_RECOMPUTES = [
  "attention-core",
  "every-other-matmul",
  "matmul-outputs",
  "matmul-outputs-and-context",
] as const;
export type SelectiveRecompute = (typeof SELECTIVE_RECOMPUTES)[number];

/** How ZeRO-3/FSDP gathers fp8 linear weights (see `FrameworkProfile.fp8WeightGather`). */
export const FP8_WEIGHT_GATHERS = ["16-bit", "fp8"] as const;

/**
 * What differs between training stacks on the same hardware (issue 12: "the same hardware model can
 * explain why the same model ran at different speeds on different stacks"). Facts about each stack come
 * from its papers and code and are cited in `sources`; `kernelEfficiency` is the one number fitted to
 * measured runs (src/validation/fitFrameworks.ts): the fraction of the kernel-level time model a stack
 * sustains end to end (host launch gaps, synchronisation, unmodelled small kernels).
 */
export const FrameworkProfileSchema = z.object({
  name: z.enum(FRAMEWORK_NAMES),
  /**
   * Memory-bound fusion: "elementwise" fuses chains of consecutive elementwise ops into one pass
   * (Megatron's fused bias-GeLU and bias-dropout-add, torch.compile fusion); "into-matmul" also fuses the
   * chains that follow a matmul into it, so that they cost no pass of their own (XLA's output fusion on
   * TPU, fusionSavings.ts `matmulFusionSavings`); "none" runs every op on its own (eager PyTorch).
   */
  fusion: z.enum(FUSIONS),
  /**
   * Gradients in the buffer and in their reduction: "fp32" always (fp32 reduce dtype), "fp32-bf16"
   * fp32 main gradients for bf16 training and 16-bit for fp16 (Megatron-LM turns on
   * --accumulate-allreduce-grads-in-fp32 with --bf16), "16-bit" in the training format.
   */
  mainGradients: z.enum(["fp32", "fp32-bf16", "16-bit"]),
  /** Which communication the stack overlaps with compute (the rest is exposed). */
  overlap: z.object({
    /** Gradient reduction during the backward pass (PyTorch DDP buckets, Megatron --overlap-grad-reduce). */
    gradients: z.boolean(),
    /** ZeRO/FSDP parameter gathers prefetched behind compute; ZeRO-1/2 post-step gathers behind the next forward. */
    parameters: z.boolean(),
    /** Tensor-parallel collectives behind GEMMs (userbuffers / async TP). */
    tensorParallel: z.boolean(),
    /**
     * Pipeline point-to-point sends behind compute: always (`true`), or only under the interleaved
     * schedule (`"interleaved"`, vp > 1), as Megatron-Core: its non-interleaved 1F1B cannot overlap them
     * (megatron/training/arguments.py turns overlap_p2p_comm off without a virtual pipeline, "since
     * non-interleaved schedule does not support overlapping p2p communication"; schedules.py raises).
     */
    pipeline: z.union([z.boolean(), z.literal("interleaved")]),
    /**
     * Expert-parallel all-to-all behind another micro-batch's compute: Megatron-Core's
     * `--overlap-moe-expert-parallel-comm` (with `--delay-wgrad-compute`) runs one micro-batch's
     * dispatch and combine while the paired micro-batch's forward or backward computes, the
     * DeepSeek-V3 DualPipe idea (DeepSeek-AI 2024, §3.2.1). Off by default (opt-in in Megatron-Core;
     * other stacks expose the all-to-all); needs two or more micro-batches per step.
     */
    expertParallel: z.boolean().default(false),
  }),
  /**
   * The share of tensor-parallel traffic an overlapping stack hides behind the block's GEMMs (never more
   * than their time); 1 by default (Megatron-Core's userbuffers, not measured apart). TorchTitan's async
   * TP hides 0.45: its published ablation (benchmarks/asyncTP_llama3_h100_2025-06: 1.09-1.10x over
   * vanilla TP on Llama 3.1 70B, FSDP 32 × TP 8, bf16, and 8B, FSDP 8 × TP 8) against this model's
   * vanilla step T0 and TP time C on those configurations, the hidden share still costing the GPU
   * overlap slowdown s = 0.189 (overlapSlowdown.ts): f = (1 − 1/speedup)·T0/(C·(1 − s)) = 0.47-0.51
   * (70B) and 0.39-0.43 (8B); 0.45 is their mean. [derived]
   */
  tensorParallelHidden: z.number().min(0).max(1).default(1),
  /**
   * How the tensor-split linear layers run their backward collectives where tensor-parallel traffic is
   * not otherwise overlapped: "async", beside their own GEMMs (Megatron-LM's
   * `LinearWithGradAccumulationAndAsyncCommunication`, megatron/mpu/layers.py: the input gradient's
   * all-reduce beside the weight-gradient GEMM since 16c9044, Sept 2021, `--no-async-tensor-model-
   * parallel-allreduce` to turn off; under sequence parallelism, since cfd2e21, Apr 2022, the input's
   * all-gather beside the input-gradient GEMM and the reduce-scatter beside the weight-gradient GEMM;
   * Megatron-Core keeps it in core/tensor_parallel/layers.py), or "sync", on the critical path.
   * Default "sync" (a stack not known to overlap is not flattered).
   */
  tensorParallelBackward: z.enum(["async", "sync"]).default("sync"),
  /**
   * How successive micro-batches' weight gradients are summed under ZeRO-0/1 (gradientAccumulation.ts):
   * "fused", inside the weight-gradient GEMM (Megatron-LM's --gradient-accumulation-fusion since
   * 83b1e42, Feb 2022, on by default; Megatron-Core through Transformer Engine's
   * `fuse_wgrad_accumulation`; XLA), or "separate", an elementwise pass per micro-batch over the local
   * gradients (Megatron-LM's DDP hook before it, DeepSpeed's engine and BF16 optimizer, PyTorch
   * autograd). Default "separate" (a stack not known to fuse it is not flattered).
   */
  gradientAccumulation: z.enum(["fused", "separate"]).default("separate"),
  /**
   * Fused attention kernels the stack calls: "flash1" (FlashAttention-1's CUDA kernels, at 0.58 of
   * FlashAttention-2's rates for 64-wide heads and 0.42 for 128: systemFor.ts `OF_FLASH2`), "triton"
   * (its Triton port, forward 1/1.4 and backward 1/2 of FlashAttention-2 for 64-wide heads, 0.83 of that
   * for 128: `OF_FLASH2`), "flash2" (FlashAttention-2 through
   * PyTorch SDPA or flash-attn) or "async" (Hopper-native FlashAttention-3 / cuDNN fused attention,
   * Transformer Engine; FlashAttention-2 on devices without them).
   */
  attentionKernel: z.enum(ATTENTION_KERNELS),
  /**
   * The attention the stack runs unless told otherwise: "flash" (fused kernels, no s×s tensors) or
   * "standard" (batched GEMMs around a fused scale-mask-softmax, as Megatron-LM ran before it took
   * FlashAttention). What `plan`, `forecast` and `budget` time when no attention is given; default
   * "flash".
   */
  attention: z.enum(["flash", "standard"]).default("flash"),
  /**
   * Context parallelism: "ring" attention (KV passed around a ring behind attention, Liu et al. 2023),
   * "all-gather" KV exposed before attention (Llama 3 §3.3.2), or "pytorch", PyTorch's
   * `context_parallel` with its default all-gather rotation (torch/distributed/tensor/experimental/
   * _attention.py): the KV all-gather is issued before the first of cp sub-attentions and hides behind
   * it, again in backward, where dK and dV go around the ring in fp32, each pass behind the next
   * sub-attention's backward and the last exposed (src/parallel/blockExposure.ts).
   */
  contextParallel: z.enum(["ring", "all-gather", "pytorch"]),
  /**
   * The KV heads context parallelism exchanges: "grouped", the model's KV heads, or "repeated", its query
   * heads, where the model expands grouped KV before the attention kernel (TorchTitan's Llama:
   * `keys = repeat_kv(xk, self.n_rep)` before `F.scaled_dot_product_attention`, torchtitan/models/
   * llama/model.py at 9dec370). Default "grouped".
   */
  kvExchanged: z.enum(["grouped", "repeated"]).default("grouped"),
  /**
   * What `recompute: selective` recomputes in the backward pass. "attention-core": the softmax-attention
   * core only (Korthikanti et al. 2022 §4.2, Megatron's selective recompute; inside the flash backward
   * when the kernel is fused). "every-other-matmul": TorchTitan's per-op selective checkpointing, which
   * saves the attention kernel's output and every other `aten.mm` and recomputes the rest of the block
   * (half the forward matmul FLOPs and every elementwise op; torchtitan
   * `_apply_ac_to_transformer_block`, policy `_custom_policy`: "Only save every other mm").
   * "matmul-outputs": JAX's `checkpoint_dots_with_no_batch_dims`, MaxText's `remat_policy: minimal`
   * (MaxText/layers/models.py at 76bd53b0), which saves the block input and every weight matmul's output
   * (a dot with no batch dimension) and recomputes every other op: the norms, activations and residual
   * adds, and the attention (its dots have batch dimensions; a fused kernel's output is no dot), whose
   * forward therefore runs again. "matmul-outputs-and-context": MaxText's `minimal_flash` (models.py at
   * efb6d9e4: `save_from_both_policies(checkpoint_dots_with_no_batch_dims, save_only_these_names('context'))`),
   * which also saves the attention output, so the attention forward does not run again.
   */
  selectiveRecompute: z.enum(SELECTIVE_RECOMPUTES).default("attention-core"),
  /**
   * What full recompute runs again: "whole-forward", the block's forward from its input to its output
   * (Megatron's CheckpointFunction and DeepSpeed's reentrant checkpoint re-run the function; PyTorch's
   * non-reentrant checkpoint stops early only after the last op that saves a tensor, which is the
   * block's last GEMM); or "needed-values", only what the backward pass reads: JAX's `jax.checkpoint`
   * (MaxText, PaxML, T5X) recomputes the residuals of the backward pass and drops the rest by
   * dead-code elimination (jax/_src/ad_checkpoint.py `remat_dce`), so the MLP's output projection,
   * whose result only the block's final residual add reads, is not run again (an MoE layer's expert
   * outputs are read again: the combine's gradient needs them). PaLM's own figures agree: 46.2% MFU and
   * 57.8% HFU with rematerialisation (the corpus's palm2022 row) put the rerun at 0.251 of the model
   * FLOP, three quarters of the forward, not all of it.
   */
  fullRecompute: z.enum(["whole-forward", "needed-values"]).default("whole-forward"),
  /**
   * What fp8 training keeps of a linear layer's input for its weight gradient: "fp8", the quantised
   * cast (NVIDIA Transformer Engine: `_Linear.forward` saves `inputmat`/`inputmat_t`, the fp8 tensor,
   * when fp8 is on; TE is the fp8 path of Megatron-Core, NeMo and llm-foundry), or "16-bit", the
   * high-precision input (torchao's `Float8Linear`, TorchTitan's fp8 path:
   * `matmul_with_hp_or_float8_args.forward` calls `ctx.save_for_backward(input_hp, weight_hp_t)`).
   * Default "16-bit" (the larger, so a stack not known to save casts is not flattered).
   */
  fp8SavedInputs: z.enum(["fp8", "16-bit"]).default("16-bit"),
  /**
   * How fp8 training casts GEMM operands, which sets its quantisation traffic (segmentTime.ts
   * `FP8_CAST_BYTES`): "transformer-engine" (amax in the cast pass, casts fused into TE's norm and
   * activation kernels, one cast-transpose for gradients) or "torchao-dynamic" (torchao `Float8Linear`
   * with tensorwise dynamic scaling: an amax pass before every cast, and the weight gradient's operands
   * cast again in backward). Default "transformer-engine".
   */
  fp8Casts: z.enum(["transformer-engine", "torchao-dynamic"]).default("transformer-engine"),
  /**
   * How often fp8 training casts the weights: "per-step", once on each step's first micro-batch, then
   * cached for the others and for the recompute (Transformer Engine's `is_first_microbatch`: "during FP8
   * training, it allows caching of the FP8 versions of the weights", transformer_engine/pytorch/module/
   * linear.py; Megatron-Core sets it on the first micro-batch since 3c44fb9f, January 2024,
   * megatron/core/pipeline_parallel/schedules.py `set_is_first_microbatch`), or "per-micro-batch", every
   * forward (TE called without it; torchao's `Float8Linear`). Default "per-micro-batch".
   */
  fp8WeightCasts: z.enum(["per-step", "per-micro-batch"]).default("per-micro-batch"),
  /**
   * How ZeRO-3/FSDP gathers the weights of fp8 linear layers: "16-bit", in the training format, cast
   * after the gather; or "fp8", each rank casting its own shard and the gather moving 1 byte per weight
   * (torchao's `enable_fsdp_float8_all_gather`, with the scales of all shards precomputed in one pass,
   * `precompute_float8_dynamic_scale_for_fsdp`). Default "16-bit".
   */
  fp8WeightGather: z.enum(FP8_WEIGHT_GATHERS).default("16-bit"),
  /**
   * How an unfused stack scales and masks the s×s attention scores before the softmax (standard
   * attention, fusion "none"; src/workload/eagerKernels.ts `scoreMaskingBytes`): "divide-add", the
   * scores divided by √d and an additive mask (Hugging Face's eager BERT and GPT-2), "divide-multiply",
   * divided and masked as `scores·mask − 10000·(1 − mask)` (Megatron-LM 2019), or "masked-fill", Q and K
   * divided before their product and the mask filled in place (Megatron-LM 2020). Default "divide-add".
   */
  scoreMasking: z.enum(SCORE_MASKINGS).default("divide-add"),
  /**
   * The softmax cross-entropy kernel (src/workload/ops.ts `crossEntropyBytesPerLogit`): "fp32", the
   * logits cast to fp32 and the loss run as separate passes that keep the fp32 softmax (Megatron-LM,
   * PyTorch `F.cross_entropy(logits.float())`), or "fused", one kernel each way on the 16-bit logits
   * (flash-attn's `CrossEntropyLoss`, llm-foundry's default). Default "fp32".
   */
  crossEntropy: z.enum(["fp32", "fused"]).default("fp32"),
  /**
   * Whether the loss writes the logits' gradient over the logits (flash-attn's
   * `CrossEntropyLoss(inplace_backward=True)`; apex's xentropy), so the head adds no gradient buffer of
   * its own; else the gradient is a tensor beside them (Transformer Engine's cross-entropy keeps it in
   * fp32, transformer_engine/pytorch/triton/cross_entropy.py). Default false.
   */
  lossGradientInPlace: z.boolean().default(false),
  /**
   * How the optimizer step runs (src/parallel/optimizerTraffic.ts): "fused", one kernel over weights,
   * gradients and state (apex, DeepSpeed and Transformer Engine FusedAdam in Megatron, DeepSpeed and
   * NeMo; metaseq's FusedAdam; XLA fuses the update), or "unfused", every elementwise op of the update
   * its own pass over fp32 tensors, with PyTorch's `clip_grad_norm_` (TorchTitan: `torch.optim.AdamW`
   * with `foreach: not fused` and `--optimizer.fused` off by default, torchtitan/optimizer.py at
   * 9dec370, and `clip_grad_norm_(..., foreach=True)` in train.py; llm-foundry: Composer's
   * `DecoupledAdamW`, a per-parameter loop of eager ops, composer/optim/decoupled_weight_decay.py, with
   * the MPT yamls' `gradient_clipping: clipping_type: norm`). Default "fused".
   */
  optimizerKernels: z.enum(["fused", "unfused"]).default("fused"),
  /**
   * Forward-only fp32 cross-entropy passes over the logits per micro-batch that the stack runs to log
   * training metrics (src/parallel/lossTraffic.ts). Composer updates every train metric after each
   * micro-batch's backward (Trainer._train_microbatch → _eval_train_metrics), and llm-foundry's MPT
   * has two, LanguageCrossEntropy and LanguagePerplexity, each `F.cross_entropy` on the logits under
   * autocast (fp32): 2. Default 0.
   */
  trainMetricPasses: z.number().int().min(0).default(0),
  /**
   * What ZeRO-2/3 sharding does between the micro-batches of a pipeline stage (pp > 1): "regathered",
   * parameters gathered and gradients reduce-scattered every micro-batch as without a pipeline;
   * "held", the stage's parameters stay gathered and its gradients accumulate unsharded until the last
   * micro-batch, then one reduce-scatter (PyTorch's pipelining with FSDP2: `backward_maybe_with_nosync`
   * in torch/distributed/pipelining/stage.py calls `set_reshard_after_backward(False)` and
   * `set_requires_gradient_sync(False)` on every backward but the last; TorchTitan sets
   * `reshard_after_forward=False` under PP; FSDP2's `to_accumulated_grad_if_needed` keeps the
   * accumulated unsharded gradients in the reduce dtype). Default "regathered".
   */
  shardedStateUnderPipeline: z.enum(["regathered", "held"]).default("regathered"),
  /**
   * What ZeRO-3 keeps of a parameter between gathers: "16-bit", a 16-bit shard beside the optimizer's
   * fp32 master (DeepSpeed ZeRO-3's partitioned fp16/bf16 parameters, Megatron FSDP), or "fp32", the fp32
   * shard itself, cast to 16 bits as it is gathered, with its sharded gradient in fp32 whatever the
   * reduction's precision (PyTorch FSDP's `MixedPrecision(param_dtype=...)`: FSDP1's flat parameter keeps
   * its fp32 local shard and `_cast_grad_to_param_dtype` casts the reduced shard back to it,
   * torch/distributed/fsdp/_runtime_utils.py; FSDP2's sharded DTensor parameters the same).
   * Default "16-bit".
   */
  shardedWeights: z.enum(["16-bit", "fp32"]).default("16-bit"),
  /** ZeRO-3/FSDP gathers a unit's parameters again for the recompute forward (DeepSpeed) or not (FSDP). */
  extraGatherUnderRecompute: z.boolean(),
  /** Embedding and output head as pipeline chunks of their own (pp·vp up to blocks + 2). */
  embeddingChunks: z.boolean(),
  /**
   * Layout options the stack supports (the search keeps to them, so that it only offers layouts a real
   * stack runs; a published layout is still timed as it ran).
   */
  supports: z.object({
    zero: z.array(z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)])).min(1),
    /** ZeRO stages the stack runs together with pipeline parallelism (default: all of `zero`). */
    zeroWithPipeline: z.array(z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)])).optional(),
    /** Tensor parallelism (Megatron-style column/row split); default true. */
    tensorParallel: z.boolean().default(true),
    /** Activation recompute policies the stack offers; default all three. */
    recompute: z
      .array(z.enum(["none", "selective", "full"]))
      .min(1)
      .default(["none", "selective", "full"]),
    interleaving: z.boolean(),
    sequenceParallel: z.boolean(),
    contextParallel: z.boolean(),
    expertParallel: z.boolean(),
    pipeline: z.boolean(),
    /** Pipeline stages that need not divide the blocks (the busiest stage carries the ceiling). */
    unevenPipeline: z.boolean(),
  }),
  /**
   * What the stack does where a run leaves a field unset (the validation fills a source's unpublished
   * fields with these, never with the model's own optimum, which would flatter it): micro-batch,
   * interleaving, sequence parallelism with tp, ZeRO stage; recompute is the least that fits.
   */
  defaults: z.object({
    /** A micro-batch size, or "batch": no gradient accumulation (the whole per-replica batch; 1 with pipelines). */
    mb: z.union([z.number().int().positive(), z.literal("batch")]),
    vp: z.number().int().positive(),
    sp: z.boolean(),
    zero: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]),
  }),
  /** Fitted: the fraction of the kernel-level time model the stack sustains (1 = none lost). */
  kernelEfficiency: z.number().gt(0).lte(1.5),
  sources: z.record(z.string(), z.string()),
});

/** A validated framework profile. */
export type FrameworkProfile = z.output<typeof FrameworkProfileSchema>;
