import { InputError } from "../units/InputError.js";
import {
  type ForwardStage,
  type ForwardTime,
  forwardTime,
  groupLayers,
  SERVING_ACTIVATION_BYTES,
} from "./inferenceForward.js";
import { type KvFormat, KV_BYTES, type WeightFormat, WEIGHT_FORMAT_SPECS } from "./inferenceFormats.js";
import { kvCacheBytes, type ServingLayer, type ServingProfile } from "./inferenceProfile.js";
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

/** What stays fixed while a serving search varies the layout and the batch. */
export type ServingRunFixed = Omit<ServingRunOptions, "layout" | "batch">;

/** A layout's stages, which of them are alike, and its batch-independent memory per stage. */
interface LayoutFacts {
  stages: ForwardStage[];
  /** Per stage, the first stage alike to it (same blocks, same first/last/sends): its time is the same. */
  same: number[];
  /** Per stage, weights bytes and KV-cache bytes of one sequence. */
  weightsBytes: number[];
  kvBytesPerSequence: number[];
  /** Forward times by phase, sequences and context ("prefill|1|P"), per stage alike. */
  times: Map<string, ForwardTime[]>;
}

/**
 * {@link servingRun} bound to one model, system and request shape, for a search over layouts and
 * batches (issue 17: the Serve page's search): per layout, the stages, the weights per stage and the
 * KV cache per sequence are worked out once, stages alike (same blocks, same ends, same link) are timed
 * once, and forward passes already timed (a single prompt's prefill for every batch; micro-batches of
 * the same size) are kept. `memory(layout, batch)` is the memory alone, so a search can skip timing
 * what does not fit. The numbers are those of a fresh {@link servingRun}: the same pure functions on
 * the same arguments, in the same order.
 */
export function servingRunner(profile: ServingProfile, sys: ServingSystem, o: ServingRunFixed) {
  const { prompt: P, output: O, stepOverheadSeconds: overhead } = o;
  const facts = new Map<number, LayoutFacts>();
  const wBytes = WEIGHT_FORMAT_SPECS[o.weights].bytesPerParam;
  const act = SERVING_ACTIVATION_BYTES;
  const factsOf = ({ tp, pp }: ServingLayout): LayoutFacts => {
    const key = tp * 65536 + pp;
    let f = facts.get(key);
    if (f) return f;
    const stages = servingStages(profile, pp, sys.devicesPerNode, tp);
    const ids = new Map<ServingLayer, number>();
    const idOf = (l: ServingLayer) => ids.get(l) ?? (ids.set(l, ids.size), ids.size - 1);
    const signatures = stages.map(
      (s) => `${s.first}|${s.last}|${s.sends}|${s.groups!.map((g) => `${idOf(g.layer)}x${g.count}`).join()}`,
    );
    f = {
      stages,
      same: signatures.map((sig) => signatures.indexOf(sig)),
      weightsBytes: stages.map((s) => {
        let w = 0;
        for (const l of s.layers) w += ((l.linearParams + l.experts * l.expertParams) * wBytes) / tp;
        if (s.first) w += (profile.embeddingParams * act) / tp;
        if (s.last && !(s.first && profile.tiedEmbeddings)) w += (profile.headParams * act) / tp;
        return w;
      }),
      kvBytesPerSequence: stages.map((s) =>
        kvCacheBytes(profile, {
          contextTokens: P + O,
          bytesPerElement: KV_BYTES[o.kv],
          tp,
          layers: s.layers,
        }),
      ),
      times: new Map(),
    };
    facts.set(key, f);
    return f;
  };
  /** The slowest stage's forward pass of `sequences` sequences (prefill of the prompt, or one decode step). */
  const pass = (
    layout: ServingLayout,
    phase: "prefill" | "decode",
    sequences: number,
    newTokens: number,
    context: number,
  ): ForwardTime => {
    const f = factsOf(layout);
    const key = `${phase}|${sequences}|${context}`;
    let times = f.times.get(key);
    if (!times) {
      const work = { sequences, tp: layout.tp, weights: o.weights, kv: o.kv, phase, newTokens, context };
      const own: ForwardTime[] = [];
      times = f.stages.map((s, j) =>
        f.same[j] === j ? (own[j] = forwardTime(profile, sys, s, work)) : own[f.same[j]!]!,
      );
      f.times.set(key, times);
    }
    return slowest(times);
  };
  const memory = (layout: ServingLayout, B: number): ServingMemory => {
    const { tp, pp } = layout;
    const f = factsOf(layout);
    let weightsBytes = 0;
    let kv = 0;
    for (let j = 0; j < f.stages.length; j++) {
      const w = f.weightsBytes[j]!;
      const k = B * f.kvBytesPerSequence[j]!;
      if (w + k > weightsBytes + kv) {
        weightsBytes = w;
        kv = k;
      }
    }
    const mb = Math.ceil(B / pp);
    const chunk = Math.min(mb * P, PREFILL_CHUNK_TOKENS);
    const workspace =
      chunk * (4 * profile.hidden + profile.intermediateWidth / tp) * act + (4 * B * profile.vocab) / tp;
    const perDevice = weightsBytes + kv + workspace;
    return {
      perDeviceBytes: perDevice,
      weightsBytes,
      kvCacheBytes: kv,
      workspaceBytes: workspace,
      capacityBytes: sys.usableMemoryBytes,
      fits: perDevice <= sys.usableMemoryBytes,
    };
  };
  const run = (layout: ServingLayout, B: number): ServingRun => {
    const { tp, pp, dp } = layout;
    const mb = Math.ceil(B / pp);
    const m = Math.ceil(B / mb);
    const prefill = pass(layout, "prefill", mb, P, P);
    const batchPrefill = (m + pp - 1) * prefill.seconds + overhead;
    let tpotSum = 0;
    let decodeMid: ForwardTime | undefined;
    for (let q = 0; q < 4; q++) {
      const d = pass(layout, "decode", mb, 1, P + (O * (q + 0.5)) / 4);
      if (q === 2) decodeMid = d;
      tpotSum += pp * d.seconds + overhead;
    }
    const step = tpotSum / 4;
    const perReplica = (B * O) / (batchPrefill + O * step);
    let ttft = batchPrefill;
    let tpot = step;
    if ((o.batching ?? "continuous") === "continuous") {
      ttft = pp * pass(layout, "prefill", 1, P, P).seconds + overhead;
      tpot = step + batchPrefill / O;
    }
    const devices = tp * pp * dp;
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
      memory: memory(layout, B),
      prefill,
      decode: decodeMid!,
    };
  };
  return { memory, run };
}

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
  return servingRunner(profile, sys, o).run(o.layout, o.batch);
}
