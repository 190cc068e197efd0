import { type KvFormat, KV_BYTES, type WeightFormat, WEIGHT_FORMAT_SPECS } from "./inferenceFormats.js";
import type { ServingLayer, ServingProfile } from "./inferenceProfile.js";
import type { ServingSystem } from "./servingSystem.js";

/** Bytes per activation element in serving (16-bit activations, also with fp8/int8 weights). */
export const SERVING_ACTIVATION_BYTES = 2;

/** Seconds of one forward pass on one device, split by what bounds each part. */
export interface ForwardTime {
  seconds: number;
  /** Parts bound by tensor-core throughput (GEMMs and attention at large batch). */
  computeSeconds: number;
  /** Parts bound by memory bandwidth (weights, KV cache, activations at small batch). */
  memorySeconds: number;
  /** Tensor-parallel all-reduces and pipeline sends. */
  commSeconds: number;
  /** FLOP and bytes this device moves. */
  flops: number;
  bytes: number;
}

/** What one device of a stage runs: its blocks, whether it holds the embedding or the head. */
export interface ForwardStage {
  layers: readonly ServingLayer[];
  /** The stage's distinct blocks and how many of each (identical blocks are costed once). */
  groups?: readonly { layer: ServingLayer; count: number }[];
  first: boolean;
  last: boolean;
  /** Sends its output to a next stage (pipeline parallel): over the node's link or the network. */
  sends: false | "intra-node" | "inter-node";
}

/** The work of one forward pass: `sequences` sequences each adding `newTokens` tokens. */
export interface ForwardWork {
  phase: "prefill" | "decode";
  sequences: number;
  /** Prompt length (prefill) or 1 (decode). */
  newTokens: number;
  /** Decode: tokens already in each sequence's context, the new one included. */
  context: number;
  tp: number;
  weights: WeightFormat;
  kv: KvFormat;
}

/**
 * Context tokens a query attends to, summed over the `prompt` positions of one causal prefill with a
 * window w: Σ_{i=1..P} min(i, w) = P(P+1)/2 when w ≥ P, else w(w+1)/2 + (P − w)·w (flash attention skips
 * the masked blocks, Dao et al. 2022, so causal prefill costs half the square).
 */
export function causalContextSum(prompt: number, window = Infinity): number {
  if (window >= prompt) return (prompt * (prompt + 1)) / 2;
  return (window * (window + 1)) / 2 + (prompt - window) * window;
}

/**
 * Expected distinct experts of E that T tokens, each routed to k of them uniformly, touch:
 * E·(1 − (1 − k/E)^T) (occupancy of E bins; uniform routing is an assumption: trained routers are
 * balanced by their auxiliary loss, Fedus et al. 2022 §2.2). Decode reads only these experts' weights.
 */
export function expertsTouched(experts: number, topK: number, tokens: number): number {
  if (experts === 0) return 0;
  return experts * (1 - (1 - topK / experts) ** tokens);
}

/**
 * One forward pass on one device: a roofline per part, each part taking the longer of its compute time
 * and its memory time (Williams et al. 2009), summed over parts, plus communication. Per block, with
 * T = sequences × new tokens on a tp-way group:
 * - linear layers: 2·T·(linear + topK·expert weights)/tp FLOP at peak × the GEMM fraction at T rows
 *   (fp8/int8 tensor cores when the format is native on the device, bf16 otherwise, plus the
 *   dequantisation of weight-only formats on the vector units), against the weights read once:
 *   (linear + touched experts) × bytes per weight / tp;
 * - attention: heads·(dk + dv)·2 FLOP per query per context token over min(tp, heads) ranks, against the
 *   KV cache read (decode) or written (prefill);
 * - memory-bound activations (norms, SwiGLU, residual adds) at 16 bits;
 * - two all-reduces of T·hidden activations per block when tp > 1 (Megatron's f and g, Shoeybi et al.
 *   2019 §3) on the intra-node link.
 * The first stage gathers T embedding rows; the last runs the output head on the sequences' last tokens
 * only (2·hidden·vocab FLOP each, the vocab-parallel head read once); stages send T·hidden activations on.
 */
export function forwardTime(
  profile: ServingProfile,
  sys: ServingSystem,
  stage: ForwardStage,
  work: ForwardWork,
): ForwardTime {
  const { tp, sequences: S, newTokens: n } = work;
  const fmt = WEIGHT_FORMAT_SPECS[work.weights];
  const nativePeak = sys.peak(fmt.native);
  const bf16Peak = sys.peak("bf16")!;
  const weightOnly = nativePeak === undefined;
  const linearPeak = nativePeak ?? bf16Peak;
  const bw = sys.achievedBytesPerSecond;
  const act = SERVING_ACTIVATION_BYTES;
  const T = S * n;
  const out: ForwardTime = {
    seconds: 0,
    computeSeconds: 0,
    memorySeconds: 0,
    commSeconds: 0,
    flops: 0,
    bytes: 0,
  };
  const part = (flops: number, computeSeconds: number, bytes: number) => {
    const memorySeconds = bytes / bw;
    if (computeSeconds >= memorySeconds) out.computeSeconds += computeSeconds;
    else out.memorySeconds += memorySeconds;
    out.flops += flops;
    out.bytes += bytes;
  };
  const perBlockActivation = profile.activationBytesPerToken / Math.max(1, profile.layers.length);
  const attnRanks = Math.min(tp, profile.heads);
  for (const { layer: l, count } of stage.groups ?? groupLayers(stage.layers)) {
    const before = { c: out.computeSeconds, m: out.memorySeconds, f: out.flops, b: out.bytes };
    const touched = expertsTouched(l.experts, l.topK, T);
    const weightsRead = (l.linearParams + touched * l.expertParams) / tp;
    const linearFlops = (2 * T * (l.linearParams + l.topK * l.expertParams)) / tp;
    const dequant = weightOnly ? (weightsRead * fmt.dequantFlopsPerParam) / sys.vectorFlopsPerSecond : 0;
    part(
      linearFlops,
      linearFlops / (linearPeak * sys.gemmFraction(T, weightOnly ? "bf16" : fmt.native)) + dequant,
      weightsRead * fmt.bytesPerParam,
    );

    const window = l.window ?? Infinity;
    const kvTokens = work.phase === "decode" ? Math.min(work.context, window) : n;
    const contextSum = work.phase === "decode" ? kvTokens : causalContextSum(n, window);
    const attnFlops = (S * contextSum * l.attentionFlops[work.phase]) / attnRanks;
    const kvBytes = (S * kvTokens * l.kvElementsPerToken * KV_BYTES[work.kv]) / Math.min(tp, l.kvSplit);
    // decode attention is a batched GEMV per sequence: the query heads sharing a KV head are its rows
    const rows = work.phase === "decode" ? Math.max(1, profile.heads / Math.max(1, l.kvSplit)) : n;
    part(attnFlops, attnFlops / (bf16Peak * sys.gemmFraction(rows)), kvBytes);

    out.memorySeconds += (T * perBlockActivation) / bw;
    out.bytes += T * perBlockActivation;
    // the other count − 1 identical blocks cost the same
    out.computeSeconds += (count - 1) * (out.computeSeconds - before.c);
    out.memorySeconds += (count - 1) * (out.memorySeconds - before.m);
    out.flops += (count - 1) * (out.flops - before.f);
    out.bytes += (count - 1) * (out.bytes - before.b);
  }
  // every block's two all-reduces move the same T·hidden activations
  out.commSeconds += stage.layers.length * 2 * sys.allReduceSeconds(T * profile.hidden * act, tp);
  if (stage.first) {
    const gather = T * profile.hidden * act;
    out.memorySeconds += gather / bw;
    out.bytes += gather;
  }
  if (stage.last) {
    const headFlops = (2 * S * profile.headParams) / tp;
    part(headFlops, headFlops / (bf16Peak * sys.gemmFraction(S)), (profile.headParams * act) / tp);
  }
  if (stage.sends) out.commSeconds += sys.p2pSeconds(T * profile.hidden * act, stage.sends === "inter-node");
  out.seconds = out.computeSeconds + out.memorySeconds + out.commSeconds;
  return out;
}

/** Distinct blocks of a run of blocks (by identity: the profile shares identical ones) with their counts. */
export function groupLayers(layers: readonly ServingLayer[]): { layer: ServingLayer; count: number }[] {
  const counts = new Map<ServingLayer, number>();
  for (const l of layers) counts.set(l, (counts.get(l) ?? 0) + 1);
  return [...counts].map(([layer, count]) => ({ layer, count }));
}
