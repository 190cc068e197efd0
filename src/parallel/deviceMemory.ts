import type { SelectiveRecompute } from "./framework.js";
import type { Layout } from "./layout.js";
import { stageBlocks } from "./pipelineSchedule.js";
import { lossKeptBytesPerLogit } from "./lossTraffic.js";
import type { Placement } from "./placement.js";
import { type ActivationPolicy, type ActivationSplit, at, type Segment } from "./segment.js";
import type { StepProfile } from "./stepProfile.js";
import type { MemoryReserve } from "./systemSchema.js";

/** Bytes on one device, by kind (the worse of the first and last pipeline stage). */
export interface DeviceMemory {
  weights: number;
  gradients: number;
  optimizer: number;
  activations: number;
  buffers: number;
  /** The runtime's share: CUDA context, communicator buffers, fragmentation (systemSchema.ts). */
  reserve: number;
  /** Sum of the above: what must fit in the physical capacity. */
  perDeviceBytes: number;
  /** Which stage is the larger: "first" (embedding, most in-flight micro-batches) or "last" (head). */
  stage: "first" | "last";
}

/**
 * Model-state bytes of `params` parameters on one device under ZeRO stage `zero` over `dp` ranks
 * (Rajbhandari et al. 2020 §5.1, with w, g, K the bytes per parameter of weights, gradients and
 * optimizer state; mixed-precision Adam: 2 + 2 + 12): stage 0 (w + g + K)Ψ; stage 1 (w + g)Ψ + KΨ/N_d;
 * stage 2 wΨ + (g + K)Ψ/N_d; stage 3 (w + g + K)Ψ/N_d. REFERENCE (h) check, Ψ = 7.5B, N_d = 64:
 * 120 / 31.4 / 16.6 / 1.9 GB.
 */
export function zeroModelState(
  params: number,
  dp: number,
  zero: 0 | 1 | 2 | 3,
  bytes: { weights: number; gradients: number; optimizer: number },
): { weights: number; gradients: number; optimizer: number } {
  const { weights: w, gradients: g, optimizer: k } = bytes;
  return {
    weights: (zero >= 3 ? w / dp : w) * params,
    gradients: (zero >= 2 ? g / dp : g) * params,
    optimizer: (zero >= 1 ? k / dp : k) * params,
  };
}

/**
 * Activation bytes per micro-batch of one segment on a tp rank (Korthikanti et al. 2022 eq. 2–6):
 * replicated bytes (10sbh for a GPT block) stay whole unless sequence parallel; split bytes (24sbh +
 * 5as²b) divide by tp. Full recompute keeps the block input only (2sbh; /t with sp). Flash attention
 * never stores the s×s scores, like selective recompute. Context parallelism divides all by cp.
 * `fp8Inputs`: the stack keeps linear layers' saved inputs as their 1-byte fp8 casts (Transformer
 * Engine's `_Linear.forward` saves the quantised input for the weight-gradient GEMM when fp8 is on).
 */
export function segmentActivations(
  seg: Segment,
  policy: ActivationPolicy,
  tp: number,
  sp: boolean,
  cp = 1,
  fp8Inputs = false,
): number {
  const a: ActivationSplit = seg.activations[policy];
  let bytes = a.replicated / (sp ? tp : 1) + a.split / tp;
  if (fp8Inputs && (policy === "none" || policy === "selective" || policy === "flash")) {
    const saved = seg.fp8InputSavings;
    bytes -= saved.replicated / (sp ? tp : 1) + saved.split / tp;
  }
  return bytes / cp;
}

/** The activations a block keeps under a layout's recompute, the stack's selective policy and flash. */
export function activationPolicy(
  recompute: Layout["recompute"],
  selective: SelectiveRecompute = "attention-core",
  flash: boolean,
): ActivationPolicy {
  if (recompute === "selective" && selective !== "attention-core") return SELECTIVE_POLICY[selective];
  return flash && recompute !== "full" ? "flash" : recompute;
}

const SELECTIVE_POLICY: Record<Exclude<SelectiveRecompute, "attention-core">, ActivationPolicy> = {
  "every-other-matmul": "everyOtherMatmul",
  "matmul-outputs": "matmulOutputs",
  "matmul-outputs-and-context": "matmulOutputsAndContext",
};

/**
 * The runtime reserve of a layout: fixed + communicators × per-communicator + fraction × capacity
 * (systemSchema.ts, DEFAULT_MEMORY_RESERVE).
 */
export function reserveBytes(r: MemoryReserve, communicators: number, capacityBytes: number): number {
  return r.fixedBytes + communicators * r.perCommunicatorBytes + r.fraction * capacityBytes;
}

/** Framework facts the memory model needs. */
export interface MemoryFacts {
  /** Bytes per parameter of the gradient buffer (4 with fp32 main gradients). */
  gradientBytes: number;
  embeddingChunks: boolean;
  reserve: MemoryReserve;
  capacityBytes: number;
  /** Linear layers' saved inputs kept as 1-byte fp8 casts (fp8 training on a stack that does so). */
  fp8Inputs?: boolean;
  /** The loss kernel (the framework's `crossEntropy`): "fused" keeps the 16-bit logits, not an fp32 softmax. */
  crossEntropy?: "fp32" | "fused";
  /** The loss writes the logits' gradient over the logits (the framework's `lossGradientInPlace`). */
  lossGradientInPlace?: boolean;
  /** Bytes per activation element (the logits' format). */
  activationBytes?: number;
  /** What `recompute: selective` keeps (the framework's `selectiveRecompute`); default the attention core. */
  selectiveRecompute?: SelectiveRecompute;
  /**
   * ZeRO-2/3 under a pipeline keeps the stage's parameters gathered and its gradients unsharded, at
   * `gradientBytes`, across micro-batches (the framework's `shardedStateUnderPipeline: "held"`).
   */
  heldUnderPipeline?: boolean;
  /**
   * ZeRO-3 keeps only the fp32 parameter shard, cast to 16 bits as it is gathered, and its sharded
   * gradient in fp32 (the framework's `shardedWeights: "fp32"`): 4 bytes of weights (in mixed precision
   * the optimizer's master copy, moved out of the optimizer state) and 4 of gradient per sharded
   * parameter, no 16-bit weight shard.
   */
  fp32Shards?: boolean;
}

/** Activation bytes at micro-batch 1 (whole tensor) the stack's loss keeps beyond the fp32 softmax. */
function lossKept(post: Segment, facts: MemoryFacts): number {
  return (
    at(post.lossLogits, 1) * lossKeptBytesPerLogit(facts.activationBytes ?? 2, facts.crossEntropy ?? "fp32")
  );
}

/**
 * Per-device memory of a layout: model state of the bottleneck stage under ZeRO (dense parameters
 * sharded over the dp·cp ranks, experts over ep and their own dp·cp/ep data-parallel ranks),
 * activations of the micro-batches in flight, buffers, and the runtime reserve. 1F1B keeps up to `pp`
 * micro-batches of activations on the first stage (Narayanan et al. 2021 §2.2.1), interleaving
 * multiplies that by 1 + (pp − 1)/(pp·vp) (Korthikanti et al. 2022 §4.2.3); the last stage keeps one
 * plus the head's logits. Tied embeddings are copied onto the last stage when pp > 1 (Megatron-LM).
 * Buffers are two of the largest op outputs (the incoming and outgoing gradient), plus under full or
 * per-op selective recompute one block's full activations while it is recomputed, plus under ZeRO-3 two gathered blocks
 * of weights (the one in use and the prefetch). A stack that holds sharded state across a pipeline's
 * micro-batches (`heldUnderPipeline`, pp > 1, ZeRO-2/3) keeps instead the whole stage's weights gathered
 * (ZeRO-3) and its gradients unsharded.
 */
export function deviceMemory(
  p: StepProfile,
  l: Layout,
  microbatches: number,
  flash: boolean,
  where: Placement,
  facts: MemoryFacts,
): DeviceMemory {
  const { tp, pp, vp, mb, sp, zero, cp } = l;
  const stages = stageBlocks(p.blocks, pp, vp, facts.embeddingChunks);
  const dense = (p.block.params - p.block.expertParams) / tp;
  const expert = p.block.expertParams / where.expertShards;
  const tiedCopy = pp > 1 && p.tiedEmbeddings && p.post.params === 0 ? p.pre.embeddingParams / tp : 0;
  const firstDense = p.pre.params / tp + stages.first * dense + (pp === 1 ? p.post.params / tp : 0);
  const lastDense = stages.last * dense + p.post.params / tp + tiedCopy;
  const policy = activationPolicy(l.recompute, facts.selectiveRecompute, flash);
  // the policies that keep only some matmul outputs recompute the rest of a block in its backward
  const recomputesRest =
    policy === "everyOtherMatmul" || policy === "matmulOutputs" || policy === "matmulOutputsAndContext";
  const q = facts.fp8Inputs ?? false;
  const blockAct = segmentActivations(p.block, policy, tp, sp, cp, q) * mb;
  const inFlight = Math.min(microbatches, pp) * (vp > 1 ? 1 + (pp - 1) / (pp * vp) : 1);
  const preAct = segmentActivations(p.pre, "none", tp, sp, cp, q) * mb;
  const postAct =
    (segmentActivations(p.post, "none", tp, sp, cp, q) + lossKept(p.post, facts) / (tp * cp)) * mb;
  const firstAct = (preAct + stages.first * blockAct) * inFlight + (pp === 1 ? postAct : 0);
  const lastAct = stages.last * blockAct * (pp === 1 ? inFlight : 1) + postAct;
  const others = flash
    ? Math.max(p.pre.largestOutput, p.block.largestOutput)
    : Math.max(
        p.pre.largestOutput,
        p.pre.largestScoreOutput,
        p.block.largestOutput,
        p.block.largestScoreOutput,
        p.post.largestScoreOutput,
      );
  // a fused loss kernel has no fp32 logits: the head's largest tensor is then its 16-bit logits, and
  // none when the loss writes their gradient in place (the logits are kept with the activations)
  const head = facts.crossEntropy === "fused" ? p.post.largestOutputBesidesLoss : p.post.largestOutput;
  const largest = facts.lossGradientInPlace ? others : Math.max(others, head);
  let buffers = (2 * largest * mb) / (tp * cp);
  // a block recomputed in backward holds its whole activations meanwhile (full or per-op selective)
  if (l.recompute === "full" || recomputesRest)
    buffers += segmentActivations(p.block, flash ? "flash" : "none", tp, sp, cp, q) * mb;
  // FSDP2 under a pipeline holds the whole stage gathered, with its unsharded gradients (added below)
  const held = facts.heldUnderPipeline === true && pp > 1 && zero >= 2;
  if (zero === 3 && !held) buffers += 2 * (dense + expert) * p.weightBytesPerParam;
  // model state per parameter under ZeRO, sharded over dp·cp (dense) and the expert data ranks
  const dn = where.dense.ranks;
  const en = where.expertData.ranks;
  const w = p.weightBytesPerParam;
  const g = facts.gradientBytes;
  const k0 = p.optimizerStateBytesPerParam;
  // FSDP's fp32 shards: the 16-bit weights exist only gathered; the shard is the fp32 parameter (in
  // mixed precision the optimizer's master copy, moved from the optimizer state to the weights), and
  // the sharded gradient is fp32
  const fp32Shards = zero === 3 && facts.fp32Shards === true;
  const master = fp32Shards && w < 4 ? 4 : 0;
  const ws = fp32Shards ? 4 : w;
  const gs = fp32Shards ? 4 : g;
  const k = k0 - master;
  const wd = zero >= 3 ? ws / dn : w;
  const we = zero >= 3 ? ws / en : w;
  const gd = zero >= 2 ? gs / dn : g;
  const ge = zero >= 2 ? gs / en : g;
  const kd = zero >= 1 ? k / dn : k;
  const ke = zero >= 1 ? k / en : k;
  const firstExpert = stages.first * expert;
  const lastExpert = stages.last * expert;
  const reserve = reserveBytes(facts.reserve, where.communicators, facts.capacityBytes);
  // held: a gathered copy of the stage's weights (ZeRO-3) and unsharded accumulated gradients
  const hw = held && zero === 3 ? w : 0;
  const hg = held ? g : 0;
  const stateOf = (denseParams: number, expertParams: number) =>
    (wd + gd + kd) * denseParams + (we + ge + ke) * expertParams + (hw + hg) * (denseParams + expertParams);
  const firstState = stateOf(firstDense, firstExpert);
  const lastState = stateOf(lastDense, lastExpert);
  const firstTotal = firstState + firstAct + buffers + reserve;
  const lastTotal = pp === 1 ? -1 : lastState + lastAct + buffers + reserve;
  const useFirst = firstTotal >= lastTotal;
  const d = useFirst ? firstDense : lastDense;
  const e = useFirst ? firstExpert : lastExpert;
  return {
    weights: wd * d + we * e + hw * (d + e),
    gradients: gd * d + ge * e + hg * (d + e),
    optimizer: kd * d + ke * e,
    activations: useFirst ? firstAct : lastAct,
    buffers,
    reserve,
    perDeviceBytes: useFirst ? firstTotal : lastTotal,
    stage: useFirst ? "first" : "last",
  };
}
