import type { DeviceMemory } from "./deviceMemory.js";
import type { Layout } from "./layout.js";

/** Where a step's seconds go; the parts sum to the step time. */
export interface StepBreakdown {
  /** GEMM and attention-kernel seconds of all micro-batches on the bottleneck stage (recompute included). */
  compute: number;
  /** Memory-bound seconds (norms, softmax, elementwise, gathers). */
  memoryBound: number;
  /**
   * Communication not hidden behind compute: tp, cp, ep, pp, and the exposed part of dp and ZeRO; plus
   * what every hidden collective (dp, ZeRO, pp, tp, cp, ep) slows the compute it overlaps by
   * (overlapSlowdown.ts).
   */
  exposedCommunication: number;
  /** Pipeline fill and drain. */
  bubble: number;
  /** The optimizer update (memory-bound). */
  optimizer: number;
}

/** Seconds of each kind of communication per step on one rank, before overlap. */
export interface CommunicationSeconds {
  tensorParallel: number;
  contextParallel: number;
  pipeline: number;
  /** Gradient reduction and ZeRO-1/2 parameter gathers. */
  dataParallel: number;
  /** ZeRO-3/FSDP parameter gathers and per-micro-batch gradient reduce-scatters. */
  zero3Gathers: number;
  moeAllToAll: number;
  /** Of the data-parallel and ZeRO traffic, what no compute hides. */
  dataParallelExposed: number;
}

/** How busy each link is per step, and whether its traffic fits in the step. */
export interface LinkLoad {
  /** Seconds per step the link carries traffic. */
  busySeconds: number;
  /** busySeconds ≤ step seconds: the traffic fits on the link it uses. */
  fits: boolean;
}

/** A layout that fits, timed. */
export interface TimedLayout {
  feasible: true;
  layout: Layout;
  devices: number;
  microbatches: number;
  step: { seconds: number; breakdown: StepBreakdown };
  communication: CommunicationSeconds;
  links: { intraNode: LinkLoad; interNode: LinkLoad };
  memory: DeviceMemory & { capacityBytes: number };
  /** Tokens (or samples, for vision models) per second over the whole run. */
  tokensPerSecond: number;
  samplesPerSecond: number;
  /** Model FLOP utilisation (PaLM App. B): model FLOP/s over devices × peak. */
  mfu: number;
  /** Hardware FLOP utilisation: with recompute's extra FLOP. */
  hfu: number;
  /** Model FLOP per step (6N + 12LHQT per token × tokens). */
  modelFlops: number;
}

/** A layout that cannot run: bad divisibility or not enough memory; `message` is formatted when read. */
export interface InfeasibleLayout {
  feasible: false;
  layout: Layout;
  reason: "divisibility" | "memory";
  message: string;
  memory?: DeviceMemory & { capacityBytes: number };
}

/** The result of evaluating one layout. */
export type LayoutResult = TimedLayout | InfeasibleLayout;
