import { InputError } from "../units/InputError.js";
import {
  type ForwardStage,
  type ForwardTime,
  forwardTime,
  groupLayers,
  SERVING_ACTIVATION_BYTES,
} from "./inferenceForward.js";
import { type KvFormat, KV_BYTES, type WeightFormat, WEIGHT_FORMAT_SPECS } from "./inferenceFormats.js";
import { kvCacheBytes, type ServingProfile } from "./inferenceProfile.js";
import type { ServingSystem } from "./servingSystem.js";

/** How a served model is spread: tp-way tensor parallel × pp pipeline stages per replica, dp replicas. */
export interface ServingLayout {
  tp: number;
  pp: number;
  dp: number;
}

/**
 * Tokens one chunk of prefill processes at once, sizing the activation workspace: 8192 (the order of
 * vLLM's `max_num_batched_tokens` and TensorRT-LLM's `max_num_tokens` defaults; an assumption).
 */
export const PREFILL_CHUNK_TOKENS = 8192;

/**
 * How requests share the engine: `continuous` (in-flight batching: vLLM, TensorRT-LLM, SGLang; a new
 * request is prefilled between decode steps) or `static` (a batch is prefilled together, then decoded).
 */
export type Batching = "continuous" | "static";

/** The batching modes. */
export const BATCHINGS: readonly Batching[] = ["continuous", "static"];

/** Inputs of {@link servingRun}. */
export interface ServingRunOptions {
  layout: ServingLayout;
  /** Sequences in flight per replica. */
  batch: number;
  /** Prompt and output tokens per request. */
  prompt: number;
  output: number;
  weights: WeightFormat;
  kv: KvFormat;
  /** Fixed seconds per forward pass (launches, scheduling, sampling); calibrated, see servingCalibration. */
  stepOverheadSeconds: number;
  /** Default `continuous`. */
  batching?: Batching;
}

/** Memory one device holds, bytes. */
export interface ServingMemory {
  perDeviceBytes: number;
  weightsBytes: number;
  kvCacheBytes: number;
  workspaceBytes: number;
  /** What the device may fill after the runtime's reserve. */
  capacityBytes: number;
  fits: boolean;
}

/** A layout and batch, timed: latency, throughput and memory. */
export interface ServingRun {
  layout: ServingLayout;
  batch: number;
  devices: number;
  /** Time to first token (see {@link servingRun} for each batching mode). */
  ttftSeconds: number;
  /** Time per output token one request sees, averaged over its output. */
  tpotSeconds: number;
  /** Prefill of the whole batch's prompts, and one decode step averaged over the output, seconds. */
  batchPrefillSeconds: number;
  decodeStepSeconds: number;
  /** Output tokens per second over all replicas, and per device. */
  tokensPerSecond: number;
  tokensPerSecondPerDevice: number;
  /** Output tokens per second one request sees (1 / TPOT). */
  userTokensPerSecond: number;
  memory: ServingMemory;
  /** The slowest stage's prefill and (mid-output) decode pass, per micro-batch. */
  prefill: ForwardTime;
  decode: ForwardTime;
}

/** The stages of a pp-way pipeline: blocks split as evenly as possible (sizes differ by at most one). */
export function servingStages(
  profile: ServingProfile,
  pp: number,
  devicesPerNode: number,
  tp: number,
): ForwardStage[] {
  const L = profile.layers.length;
  if (pp > L) throw new InputError("layout.pp", pp, `at most the model's ${L} blocks`);
  const stagesPerNode = Math.max(1, Math.floor(devicesPerNode / tp));
  return Array.from({ length: pp }, (_, j) => {
    const layers = profile.layers.slice(Math.floor((j * L) / pp), Math.floor(((j + 1) * L) / pp));
    return {
      layers,
      groups: groupLayers(layers),
      first: j === 0,
      last: j === pp - 1,
      sends: j === pp - 1 ? false : (j + 1) % stagesPerNode === 0 ? "inter-node" : "intra-node",
    } satisfies ForwardStage;
  });
}

const slowest = (times: ForwardTime[]): ForwardTime =>
  times.reduce((a, b) => (b.seconds > a.seconds ? b : a));

/**
 * Time and memory of serving `batch` sequences per replica on a layout (static batching: the batch's
 * prompts are prefilled together, then decoded together; in-flight batching does the same work).
 * With pp stages the batch runs as m = ceil(B / mb) micro-batches of mb = ceil(B/pp) sequences:
 * - batch prefill = (m + pp − 1) × the slowest stage's prefill of one micro-batch + overhead (GPipe
 *   fill and drain);
 * - decode step = pp × the slowest stage's decode of one micro-batch + overhead (each token visits every
 *   stage; the cycle of pp micro-batches is paced by the slowest), averaged over the output by the
 *   midpoint rule on four quarters (exact for costs linear in the context);
 * - output tokens/s per replica = B·O / (batch prefill + O·decode step), times dp replicas: the same
 *   work whichever the batching;
 * - static batching: TTFT = batch prefill, TPOT = decode step;
 * - continuous batching (Yu et al. 2022, Orca; Kwon et al. 2023, vLLM): a request's prompt is
 *   prefilled alone between steps, TTFT = prefill of one prompt through the pipeline + overhead
 *   (queueing not modelled), and the prefills of the others are interleaved with its decode steps,
 *   TPOT = decode step + batch prefill / O (the conserved work spread over the output).
 * Memory per device: the stage's weights (linear layers in the weight format, embedding and head in 16
 * bits, all over tp), the KV cache of B sequences of P + O tokens, and a workspace of one prefill chunk
 * ({@link PREFILL_CHUNK_TOKENS}: hidden states and the widest intermediate) plus fp32 logits.
 */
export function servingRun(profile: ServingProfile, sys: ServingSystem, o: ServingRunOptions): ServingRun {
  const { layout, batch: B, prompt: P, output: O, stepOverheadSeconds: overhead } = o;
  const { tp, pp, dp } = layout;
  const stages = servingStages(profile, pp, sys.devicesPerNode, tp);
  const mb = Math.ceil(B / pp);
  const m = Math.ceil(B / mb);
  const base = { sequences: mb, tp, weights: o.weights, kv: o.kv };
  const prefill = slowest(
    stages.map((s) => forwardTime(profile, sys, s, { ...base, phase: "prefill", newTokens: P, context: P })),
  );
  const batchPrefill = (m + pp - 1) * prefill.seconds + overhead;
  let tpotSum = 0;
  let decodeMid: ForwardTime | undefined;
  for (let q = 0; q < 4; q++) {
    const context = P + (O * (q + 0.5)) / 4;
    const d = slowest(
      stages.map((s) => forwardTime(profile, sys, s, { ...base, phase: "decode", newTokens: 1, context })),
    );
    if (q === 2) decodeMid = d;
    tpotSum += pp * d.seconds + overhead;
  }
  const step = tpotSum / 4;
  const perReplica = (B * O) / (batchPrefill + O * step);
  let ttft = batchPrefill;
  let tpot = step;
  if ((o.batching ?? "continuous") === "continuous") {
    const alone = slowest(
      stages.map((s) =>
        forwardTime(profile, sys, s, { ...base, sequences: 1, phase: "prefill", newTokens: P, context: P }),
      ),
    );
    ttft = pp * alone.seconds + overhead;
    tpot = step + batchPrefill / O;
  }
  const devices = tp * pp * dp;

  const wBytes = WEIGHT_FORMAT_SPECS[o.weights].bytesPerParam;
  const act = SERVING_ACTIVATION_BYTES;
  let weightsBytes = 0;
  let kv = 0;
  for (const s of stages) {
    let w = 0;
    for (const l of s.layers) w += ((l.linearParams + l.experts * l.expertParams) * wBytes) / tp;
    if (s.first) w += (profile.embeddingParams * act) / tp;
    if (s.last && !(s.first && profile.tiedEmbeddings)) w += (profile.headParams * act) / tp;
    const k =
      B *
      kvCacheBytes(profile, { contextTokens: P + O, bytesPerElement: KV_BYTES[o.kv], tp, layers: s.layers });
    if (w + k > weightsBytes + kv) {
      weightsBytes = w;
      kv = k;
    }
  }
  const chunk = Math.min(mb * P, PREFILL_CHUNK_TOKENS);
  const workspace =
    chunk * (4 * profile.hidden + profile.intermediateWidth / tp) * act + (4 * B * profile.vocab) / tp;
  const perDevice = weightsBytes + kv + workspace;
  return {
    layout,
    batch: B,
    devices,
    ttftSeconds: ttft,
    tpotSeconds: tpot,
    batchPrefillSeconds: batchPrefill,
    decodeStepSeconds: step,
    tokensPerSecond: dp * perReplica,
    tokensPerSecondPerDevice: (dp * perReplica) / devices,
    userTokensPerSecond: 1 / tpot,
    memory: {
      perDeviceBytes: perDevice,
      weightsBytes,
      kvCacheBytes: kv,
      workspaceBytes: workspace,
      capacityBytes: sys.usableMemoryBytes,
      fits: perDevice <= sys.usableMemoryBytes,
    },
    prefill,
    decode: decodeMid!,
  };
}
