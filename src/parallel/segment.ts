import type { LayerCost, OpCost } from "../workload/layerCost.js";
import { crossEntropyLogits } from "../workload/ops.js";
import { fusionSavings, matmulFusionSavings } from "./fusionSavings.js";

/** A quantity that is affine in the micro-batch size: value(mb) = c0 + c1·mb. */
export interface Affine {
  c0: number;
  c1: number;
}

/** Evaluate an affine quantity at micro-batch size `mb`. */
export const at = (a: Affine, mb: number): number => a.c0 + a.c1 * mb;

const affine = (v1: number, v2: number): Affine => ({ c0: 2 * v1 - v2, c1: v2 - v1 });
const zero = (): Affine => ({ c0: 0, c1: 0 });
const addTo = (a: Affine, b: Affine, scale = 1) => {
  a.c0 += b.c0 * scale;
  a.c1 += b.c1 * scale;
};

/**
 * GEMMs of one shape inside a segment. A weight GEMM has `m1` rows per sample (tokens), `n` output
 * features and `k` inputs; under tensor parallelism it splits its larger weight dimension
 * (column-parallel splits n: QKV and MLP up; row-parallel splits k: attention output and MLP down,
 * Shoeybi et al. 2019 §3). A batched GEMM (attention scores and context) has `batchPerSample`
 * independent m1×n×k products per sample (the query heads), which tp divides.
 */
export interface GemmGroup {
  m1: number;
  n: number;
  k: number;
  batched: boolean;
  /** Products per sample of a batched GEMM (query heads); 1 for weight GEMMs. */
  batchPerSample: number;
  /** Split by tp (false for GEMMs every tp rank repeats). */
  split: boolean;
  /**
   * Split by tp along its input (k): a row-parallel GEMM, the one that returns a split activation to the
   * block's width h (attention output projection, second MLP GEMM; Shoeybi et al. 2019 §3). The others
   * split their output (n): column-parallel.
   */
  rowParallel: boolean;
  /** Part of the attention core (selective recompute and FlashAttention re-run it). */
  core: boolean;
  /** An MoE expert GEMM (its rows are spread over the local experts). */
  expert: boolean;
  /**
   * A dense MLP's output projection: its result only the block's final residual add reads, so a
   * recompute of the backward's values alone skips it (`FrameworkProfile.fullRecompute`).
   */
  endsBlock: boolean;
  /**
   * The output layer's projection, which fp8 recipes leave in 16 bits: Megatron-Core's `output_layer` is
   * a plain `ColumnParallelLinear`, not a Transformer Engine module; TorchTitan's float8 converter skips
   * the `output` module; llm-foundry's `lm_head` is a plain `nn.Linear`.
   */
  highPrecision: boolean;
  forwardFlops: Affine;
  backwardFlops: Affine;
}

/** Activation bytes kept per micro-batch under a recompute policy, split by how tp shares them. */
export interface ActivationSplit {
  /** Bytes every tp rank keeps (LayerNorm inputs, residual masks: Korthikanti's 10sbh). */
  replicated: number;
  /** Bytes tp divides (Korthikanti's 24sbh + 5as²b). */
  split: number;
}

/** What a segment's activation bytes are kept under (see `Segment.activations`). */
export type ActivationPolicy =
  "none" | "selective" | "full" | "flash" | "everyOtherMatmul" | "matmulOutputs" | "matmulOutputsAndContext";

/** Memory-bound bytes by how tp shares them, forward and backward. */
export interface MemoryBytes {
  /** Moved by every tp rank (norms, embedding gathers) unless sequence parallel. */
  replicated: { forward: Affine; backward: Affine };
  /** Divided by tp. */
  split: { forward: Affine; backward: Affine };
  /** Over the s×s score matrix, which flash attention never writes (Dao et al. 2022). */
  score: { forward: Affine; backward: Affine };
}

/**
 * Per-micro-batch aggregates of a run of layers (the embedding, one average transformer block, or the
 * head): everything the layout evaluator needs, precomputed once per model, sequence and precision.
 */
export interface Segment {
  gemms: GemmGroup[];
  /** Memory-bound bytes with every op on its own (eager execution: composites as their kernels). */
  memory: MemoryBytes;
  /** The same with chains of consecutive elementwise ops fused into one pass. */
  memoryFused: MemoryBytes;
  /**
   * The same with the chains that follow a matmul fused into it as well (output fusion: they run on
   * the matmul's result before it leaves the chip and read only their other operands); the other
   * chains as in `memoryFused`.
   */
  memoryIntoMatmul: MemoryBytes;
  /**
   * Memory-bound kernels per micro-batch forward (one launch each; the backward is taken to launch as
   * many): every op that is not a GEMM, and with fused chains of elementwise ops one per chain.
   */
  kernels: { unfused: number; fused: number };
  /**
   * Activation bytes at micro-batch 1, per recompute policy, with flash attention ("flash"), and under
   * TorchTitan's per-op selective checkpointing ("everyOtherMatmul": the block input, the attention
   * kernel's output and every other matmul's output, on average half of them; the norm, activation and
   * remaining matmul outputs are recomputed), and under JAX's dots-without-batch-dims policy
   * ("matmulOutputs": the block input and every matmul output; "matmulOutputsAndContext": and the
   * attention kernel's output). All matmul outputs are counted as tp-split there.
   */
  activations: Record<ActivationPolicy, ActivationSplit>;
  /**
   * Bytes at micro-batch 1 that an fp8 recipe saving its quantised casts (Transformer Engine) does not
   * keep: the linear layers' saved inputs at 1 byte per element instead of the activation format's e
   * (`LayerCost.linearInputBytes` × (1 − 1/e)); kept under every policy but full recompute.
   */
  fp8InputSavings: ActivationSplit;
  params: number;
  embeddingParams: number;
  /** Parameters of MoE experts (sharded over the expert-parallel group). */
  expertParams: number;
  /** MoE layers in the segment (each issues two all-to-alls forward and two backward). */
  moeLayers: number;
  /** Largest single op output at micro-batch 1 (bytes), outside the s×s score tensors. */
  largestOutput: number;
  /** Largest s×s score tensor at micro-batch 1 (bytes); flash attention never materialises it. */
  largestScoreOutput: number;
  /** `largestOutput` leaving out the fp32 cross-entropy's tensors (a fused loss kernel has none). */
  largestOutputBesidesLoss: number;
  /** Logits through a softmax cross-entropy loss per micro-batch (tp-split, as vocab-parallel losses are). */
  lossLogits: Affine;
  /**
   * Score elements per micro-batch through the eager scale-mask-softmax, which `memory` costs as
   * "divide-add" (eagerKernels.ts `scoreMaskingBytes`), and headDim / seq, the Q and K elements per
   * score element, for the stacks that scale those instead (`FrameworkProfile.scoreMasking`).
   */
  scoreSoftmax: { elements: Affine; qkPerScore: number };
}

/** Context a segment needs to classify ops: the model's hidden width, heads and sequence. */
export interface SegmentContext {
  bytesPerElement: number;
  hidden: number | undefined;
  heads: number | undefined;
  seq: number;
  dropout: boolean;
  tokensPerSample: number;
}

const memoryBytes = (): MemoryBytes => ({
  replicated: { forward: zero(), backward: zero() },
  split: { forward: zero(), backward: zero() },
  score: { forward: zero(), backward: zero() },
});

const emptySegment = (): Segment => ({
  gemms: [],
  memory: memoryBytes(),
  memoryFused: memoryBytes(),
  memoryIntoMatmul: memoryBytes(),
  kernels: { unfused: 0, fused: 0 },
  activations: {
    none: { replicated: 0, split: 0 },
    selective: { replicated: 0, split: 0 },
    full: { replicated: 0, split: 0 },
    flash: { replicated: 0, split: 0 },
    everyOtherMatmul: { replicated: 0, split: 0 },
    matmulOutputs: { replicated: 0, split: 0 },
    matmulOutputsAndContext: { replicated: 0, split: 0 },
  },
  fp8InputSavings: { replicated: 0, split: 0 },
  params: 0,
  embeddingParams: 0,
  expertParams: 0,
  moeLayers: 0,
  largestOutput: 0,
  largestScoreOutput: 0,
  largestOutputBesidesLoss: 0,
  lossLogits: zero(),
  scoreSoftmax: { elements: zero(), qkPerScore: 0 },
});

const opBytes = (o: OpCost) => ({
  forward: o.forwardBytes.read + o.forwardBytes.written,
  backward: o.backwardBytes.read + o.backwardBytes.written,
});

/** An op's bytes as eager execution moves them: its composite's where it has one (eagerKernels.ts). */
const eagerBytes = (o: OpCost) =>
  o.eager ? { forward: o.eager.forwardBytes, backward: o.eager.backwardBytes } : opBytes(o);

/**
 * GEMM shape from an op's counts at micro-batch 1 and 2: FLOP = 2·m·n·k, written = m·n elements, weight
 * read = k·n elements (the part of the read that does not grow with the batch). So k = FLOP/(2·written),
 * n = weights/k, m = written/n, divided by `repeats` (recurrent time steps). A batched GEMM (two
 * activations) over `heads` products per sample: m = the query length, k = FLOP/(2·written),
 * n = written/(heads·m): QKᵀ gives n = s, k = d; PV gives n = d, k = s.
 */
function gemmShape(o1: OpCost, o2: OpCost, ctx: SegmentContext) {
  const e = ctx.bytesPerElement;
  const written = o1.forwardBytes.written / e;
  const k = Math.max(1, o1.forwardFlops / (2 * Math.max(written, 1)));
  if (o1.kind === "batched-matmul") {
    const heads = ctx.heads ?? 1;
    const m = ctx.tokensPerSample;
    return { m1: m, n: Math.max(1, written / (heads * m)), k, batchPerSample: heads };
  }
  const weights = (2 * o1.forwardBytes.read - o2.forwardBytes.read) / e;
  const repeats = o1.repeats ?? 1;
  if (!(weights > 0)) {
    const side = Math.cbrt(Math.max(o1.forwardFlops / 2, 1));
    return { m1: side, n: side, k: side, batchPerSample: 1 };
  }
  const n = Math.max(1, weights / k);
  return { m1: Math.max(1, written / n / repeats), n, k, batchPerSample: 1 };
}

/**
 * Add an op's bytes at micro-batch 1 and 2 less what fusion saves of them (`saved1`, `saved2`, forward
 * bytes), the backward reduced in the same proportion as the forward.
 */
function addSaved(
  into: { forward: Affine; backward: Affine },
  b1: { forward: number; backward: number },
  b2: { forward: number; backward: number },
  saved1: number,
  saved2: number,
  scale: number,
): void {
  const keep1 = b1.forward > 0 ? 1 - saved1 / b1.forward : 1;
  const keep2 = b2.forward > 0 ? 1 - saved2 / b2.forward : 1;
  addTo(into.forward, affine(b1.forward - saved1, b2.forward - saved2), scale);
  addTo(into.backward, affine(b1.backward * keep1, b2.backward * keep2), scale);
}

/**
 * Aggregate layers (given at micro-batch 1 and 2, same structure) into one {@link Segment}, scaled by
 * `scale` (1/blocks for the average block). Replicated versus tp-split activations follow Korthikanti et
 * al. 2022 §4.2: norm and embedding layers are replicated; in attention and MLP layers the block input
 * and the 1-byte residual-dropout mask (e + 1 bytes per token·hidden) are replicated and the rest split.
 */
export function buildSegment(
  layers1: readonly LayerCost[],
  layers2: readonly LayerCost[],
  ctx: SegmentContext,
  scale = 1,
): Segment {
  const seg = emptySegment();
  const e = ctx.bytesPerElement;
  const shapes = new Map<string, GemmGroup>();
  const scores = ctx.heads !== undefined ? ctx.heads * ctx.seq * ctx.tokensPerSample : Infinity;
  layers1.forEach((l1, i) => {
    const l2 = layers2[i]!;
    const replicatedLayer = l1.kind === "norm" || l1.kind === "embedding";
    const isAttention = l1.kind === "attention";
    const isMoe = l1.kind === "moe";
    const blockLayer = isAttention || isMoe || l1.kind === "mlp";
    seg.params += l1.params * scale;
    seg.embeddingParams += l1.embeddingParams * scale;
    if (isMoe) {
      seg.moeLayers += scale;
      seg.expertParams += (l1.params - l1.activeParams) * scale;
    }
    const saved1 = fusionSavings(l1.ops);
    const saved2 = fusionSavings(l2.ops);
    const intoMatmul1 = matmulFusionSavings(l1.ops, saved1);
    const intoMatmul2 = matmulFusionSavings(l2.ops, saved2);
    l1.ops.forEach((o1, j) => {
      const o2 = l2.ops[j]!;
      const output = o1.forwardBytes.written / (o1.repeats ?? 1);
      if (isAttention && o1.forwardBytes.written >= scores)
        seg.largestScoreOutput = Math.max(seg.largestScoreOutput, output);
      else {
        seg.largestOutput = Math.max(seg.largestOutput, output);
        if (o1.kind !== "loss") seg.largestOutputBesidesLoss = Math.max(seg.largestOutputBesidesLoss, output);
      }
      if (o1.kind === "loss")
        addTo(seg.lossLogits, affine(crossEntropyLogits(o1, e), crossEntropyLogits(o2, e)), scale);
      if (o1.kind === "matmul" || o1.kind === "batched-matmul" || o1.kind === "conv") {
        const s = gemmShape(o1, o2, ctx);
        const batched = o1.kind === "batched-matmul";
        const core = batched && isAttention;
        // MoE: every matmul but the router (n = experts, the layer's first op) is an expert GEMM
        const expert = isMoe && j > 0 && o1.kind === "matmul";
        // a block's GEMM back to width h is row-parallel (Megatron's pairing); without a block width
        // (ONNX graphs, recurrent and conv nets) tp splits the larger weight dimension
        const rowParallel =
          !batched && (ctx.hidden !== undefined ? blockLayer && Math.round(s.n) === ctx.hidden : s.n < s.k);
        const endsBlock = rowParallel && l1.kind === "mlp";
        const key = `${Math.round(s.m1)}|${Math.round(s.n)}|${Math.round(s.k)}|${batched}|${core}|${expert}|${replicatedLayer}|${l1.kind === "logits"}|${rowParallel}|${endsBlock}`;
        let g = shapes.get(key);
        if (!g) {
          g = {
            ...s,
            batched,
            split: !replicatedLayer,
            rowParallel,
            core,
            expert,
            endsBlock,
            highPrecision: l1.kind === "logits",
            forwardFlops: zero(),
            backwardFlops: zero(),
          };
          shapes.set(key, g);
        }
        addTo(g.forwardFlops, affine(o1.forwardFlops, o2.forwardFlops), scale);
        const b1 = o1.backwardInputFlops + o1.backwardWeightFlops;
        const b2 = o2.backwardInputFlops + o2.backwardWeightFlops;
        addTo(g.backwardFlops, affine(b1, b2), scale);
        return;
      }
      // eager runs a composite op (RMSNorm, rotary) as several kernels with fp32 intermediates
      seg.kernels.unfused += (o1.eager?.kernels ?? 1) * scale;
      if (saved1[j] === 0) seg.kernels.fused += scale; // a fused chain launches once, at its last op
      const b1 = opBytes(o1);
      const b2 = opBytes(o2);
      const e1 = eagerBytes(o1);
      const e2 = eagerBytes(o2);
      const fwd = affine(e1.forward, e2.forward);
      const bwd = affine(e1.backward, e2.backward);
      const isScore =
        isAttention &&
        (o1.kind === "softmax" || o1.kind === "elementwise") &&
        o1.forwardBytes.written >= scores;
      // without sequence parallelism every tp rank runs the ops at the block's width h (the output
      // dropout, bias and residual add after the row-parallel GEMM's all-reduce) on the whole tensor:
      // Megatron-LM's bias-dropout-add; Korthikanti et al. 2022 §4.2.1's 10·sbh, not divided by t
      const atBlockWidth =
        ctx.hidden !== undefined &&
        blockLayer &&
        o1.forwardBytes.written === ctx.tokensPerSample * ctx.hidden * e;
      const category = isScore ? "score" : replicatedLayer || atBlockWidth ? "replicated" : "split";
      if (isScore && o1.kind === "softmax" && o1.eager) {
        addTo(
          seg.scoreSoftmax.elements,
          affine(o1.forwardBytes.written / e, o2.forwardBytes.written / e),
          scale,
        );
        const { hidden, heads, seq } = ctx;
        seg.scoreSoftmax.qkPerScore = hidden !== undefined && heads !== undefined ? hidden / heads / seq : 0;
      }
      addTo(seg.memory[category].forward, fwd, scale);
      addTo(seg.memory[category].backward, bwd, scale);
      // fused: the forward saving of this op, and the backward in proportion (in a chain, or into the
      // matmul before it)
      addSaved(seg.memoryFused[category], b1, b2, saved1[j]!, saved2[j]!, scale);
      addSaved(seg.memoryIntoMatmul[category], b1, b2, intoMatmul1[j]!, intoMatmul2[j]!, scale);
    });
    const rep = (kept: number) => {
      if (replicatedLayer) return kept;
      if ((l1.kind === "attention" || l1.kind === "mlp" || l1.kind === "moe") && ctx.hidden !== undefined)
        return Math.min(kept, ctx.tokensPerSample * ctx.hidden * (e + (ctx.dropout ? 1 : 0)));
      return 0;
    };
    const put = (policy: "none" | "selective" | "full" | "flash", kept: number) => {
      const r = rep(kept);
      seg.activations[policy].replicated += r * scale;
      seg.activations[policy].split += (kept - r) * scale;
    };
    put("none", l1.activationBytes.none);
    put("selective", l1.activationBytes.selective);
    put("flash", l1.activationBytes.selective);
    // under full recompute only the checkpoint input (the block input) stays, replicated across tp
    seg.activations.full.replicated += l1.activationBytes.full * scale;
    // per-op selective (TorchTitan): half the matmul outputs and the attention kernel's output
    const matmulOutputs = l1.ops.reduce((a, o) => a + (o.kind === "matmul" ? o.forwardBytes.written : 0), 0);
    // the attention kernel's output is the output projection's input, the attention layer's `rest`
    const attentionOutput = isAttention ? (l1.linearInputBytes?.rest ?? 0) : 0;
    seg.activations.everyOtherMatmul.replicated += l1.activationBytes.full * scale;
    seg.activations.everyOtherMatmul.split += (matmulOutputs / 2 + attentionOutput) * scale;
    // JAX's dots-without-batch-dims policy (MaxText "minimal"): the block input and every matmul output,
    // and with "minimal_flash" the attention kernel's output too
    seg.activations.matmulOutputs.replicated += l1.activationBytes.full * scale;
    seg.activations.matmulOutputs.split += matmulOutputs * scale;
    seg.activations.matmulOutputsAndContext.replicated += l1.activationBytes.full * scale;
    seg.activations.matmulOutputsAndContext.split += (matmulOutputs + attentionOutput) * scale;
    if (l1.linearInputBytes && e > 1) {
      seg.fp8InputSavings.replicated += l1.linearInputBytes.first * (1 - 1 / e) * scale;
      seg.fp8InputSavings.split += l1.linearInputBytes.rest * (1 - 1 / e) * scale;
    }
  });
  seg.gemms = [...shapes.values()];
  return seg;
}
