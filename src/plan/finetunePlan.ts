import type { Accelerator } from "../hardware/accelerator.js";
import type { GoodputOptions } from "./goodput.js";
import { type LayoutRunCost, layoutRunCost } from "./layoutRunCost.js";
import { attentionShapeOf, segmentTime } from "../parallel/segmentTime.js";
import { stepProfile } from "../parallel/stepProfile.js";
import { InputError } from "../units/InputError.js";
import { formatBytes } from "../units/formatBytes.js";
import { type FinetuneInput, type FinetuneStep, finetuneStep } from "../workload/finetune/finetuneStep.js";
import { loraAdapters } from "../workload/finetune/loraAdapters.js";
import { nf4BitsPerParam } from "../workload/finetune/nf4.js";
import { type ModelSpec, parseModelSpec } from "../workload/modelSpec.js";
import { optimizerCost } from "../workload/optimizerCost.js";
import type { DecoderSpec } from "../workload/transformer/decoderSpec.js";
import { SERVING_MEMORY_RESERVE, trainingSystem } from "./servingSystem.js";

/** Inputs of {@link finetunePlan}: the model, the method and its options, the hardware and the run. */
export interface FinetunePlanInput {
  model: ModelSpec | Record<string, unknown>;
  finetune: FinetuneInput;
  accelerator: Accelerator;
  /** Devices (data parallel; weights sharded FSDP-style when a replica does not fit); default 1. */
  devices?: number;
  /** Tokens to fine-tune on; with it the plan adds days, dollars, energy and CO2. */
  tokens?: number;
  region?: string;
  pue?: number;
  /** Failures, restarts and checkpoint writes (goodput.ts) as `plan` and `forecast` count them; false: steps only. */
  goodput?: GoodputOptions | false;
  /**
   * Paged optimizer (Dettmers et al. 2023 §3: optimizer state in NVIDIA unified memory, evicted to CPU
   * RAM when the GPU runs out): when a replica does not fit, its optimizer state lives on the host and
   * each step pages it in and out over the host link. Default: on for QLoRA, off otherwise.
   */
  pagedOptimizer?: boolean;
}

/**
 * Host-to-device bandwidth a paged optimizer streams its state over: 25 GB/s, about 80% of PCIe Gen4
 * x16's 31.5 GB/s per direction (an assumption; Gen5 hosts double it).
 */
export const HOST_LINK_BYTES_PER_SECOND = 25e9;

/** The fine-tuning plan (`scalecast finetune --json`). */
export interface FinetunePlan {
  method: FinetuneStep["method"];
  lora: FinetuneStep["lora"];
  hardware: string;
  devices: number;
  sharding: "replicated" | "fsdp";
  /** Optimizer state paged to host memory (bytes), 0 when it stays on the device. */
  pagedOptimizerBytes: number;
  params: { trainable: number; total: number };
  memory: {
    perDeviceBytes: number;
    totalBytes: number;
    capacityBytes: number;
    replica: FinetuneStep["memory"];
  };
  step: {
    /** Model FLOP per token (forward + the backward the method needs). */
    flopsPerToken: number;
    hardwareFlopsPerToken: number;
    tokensPerMicroBatch: number;
    /** Seconds per micro-batch on one device, and its parts. */
    seconds: number;
    breakdown: {
      gemm: number;
      memoryBound: number;
      adapters: number;
      dequantization: number;
      exposedCommunication: number;
      optimizer: number;
      paging: number;
    };
    tokensPerSecond: number;
    mfu: number;
  };
  checkpointBytes: number;
  /** Wall-clock days (the steps over the goodput fraction), device-hours, and that fraction. */
  train: { days: number; deviceHours: number; goodput: number } | null;
  cost: { dollars: number | null } | null;
  energy: { kWh: number } | null;
  co2: { kg: number } | null;
}

/**
 * Plan a fine-tuning run: memory per device, step time and, for D tokens, time and cost (the steps over
 * the goodput model's fraction, as `plan` and `forecast` cost a run).
 *
 * Memory: one replica ({@link finetuneStep}) per device when it fits (data parallel), else every weight,
 * gradient and optimizer state sharded over the devices (FSDP / ZeRO-3, Rajbhandari et al. 2020 §5) with
 * two blocks' weights gathered at a time (prefetch); the device keeps {@link SERVING_MEMORY_RESERVE} of
 * its memory for the runtime.
 *
 * Time per micro-batch, with the training step model (src/parallel: `stepProfile` and `segmentTime`,
 * flash attention, no tensor parallelism): forward GEMMs and memory-bound ops, the backward GEMMs
 * (LoRA/QLoRA: only the input-gradient share of them), full recompute's extra forward, the adapters'
 * skinny GEMMs (x·A and (xA)·B, 6 × adapter FLOP, at their own shape's efficiency), QLoRA's
 * dequantisation (each pass reads the NF4 weights and writes bf16 ones: (bits/8 + 2) bytes per weight
 * over achieved bandwidth, as bitsandbytes dequantises before the GEMM), the exposed part of the
 * data-parallel gradient all-reduce (bucketed, overlapped with the backward; PyTorch DDP, Li et al. 2020)
 * or of FSDP's gathers, and the optimizer update over the trainable shard. Step = one micro-batch per
 * device (global batch = devices × micro-batch).
 */
export function finetunePlan(input: FinetunePlanInput): FinetunePlan {
  const { devices = 1, region = "world" } = input;
  if (!Number.isInteger(devices) || devices < 1)
    throw new InputError("devices", devices, "a positive integer");
  if (input.tokens !== undefined && !(input.tokens > 0))
    throw new InputError("tokens", input.tokens, "a positive count");
  const ft = finetuneStep(input.model, input.finetune);
  const acc = input.accelerator;
  const sys = trainingSystem(acc);
  const capacity = acc.memoryBytes * (1 - SERVING_MEMORY_RESERVE);
  const r = ft.memory;
  const states = r.frozenWeights + r.trainableWeights + r.gradients + r.optimizer;
  const spec = parseModelSpec(input.model);
  const prof = stepProfile(spec, { seq: ft.seq, precision: "bf16" });
  const blockWeightBytes = 2 * prof.block.params;
  let sharding: "replicated" | "fsdp" = "replicated";
  let perDevice = r.total;
  let paged = 0;
  if (r.total > capacity && (input.pagedOptimizer ?? ft.method === "qlora")) {
    paged = r.optimizer;
    perDevice -= paged;
  }
  if (perDevice > capacity && devices > 1) {
    paged = 0;
    sharding = "fsdp";
    perDevice = states / devices + r.activations + r.buffers + 2 * blockWeightBytes;
  }
  if (perDevice > capacity) {
    const activations = r.activations + r.buffers + 2 * blockWeightBytes;
    const need = capacity > activations ? Math.ceil(states / (capacity - activations)) : Infinity;
    // where the states alone fit one device, shorter sequences are the other way out: say how much
    const shorter =
      states < capacity
        ? `, or shorter sequences or a smaller micro-batch: ${sequencesInWords(ft)} of ${ft.seq} tokens ${ft.microBatch === 1 ? "takes" : "take"} ${formatBytes(r.activations + r.buffers)} in activations and buffers`
        : "";
    throw new InputError(
      "devices",
      devices,
      `enough memory: needs ${formatBytes(perDevice)} per device, ${acc.name} leaves ${formatBytes(capacity)} after a ${100 * SERVING_MEMORY_RESERVE}% runtime reserve${Number.isFinite(need) ? ` (at least ${need} devices with sharding${shorter})` : " (activations alone do not fit: shorter sequences or a smaller micro-batch)"}`,
    );
  }

  const mb = ft.microBatch;
  const tokens = mb * ft.seq;
  let gemmF = 0;
  let gemmB = 0;
  let memF = 0;
  let memB = 0;
  for (const [seg, n] of [
    [prof.pre, 1],
    [prof.block, prof.blocks],
    [prof.post, 1],
  ] as const) {
    const t = segmentTime(seg, sys, {
      mb,
      tp: 1,
      sp: false,
      cp: 1,
      ep: 1,
      experts: 1,
      flash: true,
      ...attentionShapeOf(prof),
    });
    gemmF += n * t.computeForward;
    gemmB += n * t.computeBackward;
    memF += n * t.memoryForward;
    memB += n * t.memoryBackward;
  }
  const full = ft.method === "full";
  const gemm = gemmF + (full ? gemmB : ft.backwardShare * gemmB) + (ft.recompute === "full" ? gemmF : 0);
  const memoryBound = memF + memB + (ft.recompute === "full" ? memF : 0);
  let adapters = 0;
  if (ft.lora) {
    const a = loraAdapters(spec as unknown as DecoderSpec, ft.lora.rank, ft.lora.targets);
    const passes = 3 + (ft.recompute === "full" ? 1 : 0); // forward, input and weight gradients, recompute
    for (const m of a.matrices) {
      // each adapter GEMM timed by the system's GEMM model from its shape (tokens × rank × in, tokens ×
      // out × rank): thin GEMMs fall well below the ceiling
      const gemm = (mm: number, nn: number, kk: number) => sys.gemmSeconds(mm, nn, kk, 1);
      adapters +=
        m.copiesPerToken *
        passes *
        (gemm(tokens, a.rank, m.inFeatures) + gemm(tokens, m.outFeatures, a.rank));
    }
  }
  const bw = sys.memoryBytesPerSecond; // achieved (datasheet × the measured streaming fraction)
  const dequantization = (ft.dequantizedParamsPerToken * tokens * (nf4BitsPerParam(true) / 8 + 2)) / bw;
  const compute = gemm + memoryBound + adapters + dequantization;
  const trainable = ft.params.trainable;
  let exposed = 0;
  const perNode = Math.min(devices, sys.devicesPerNode);
  if (devices > 1) {
    const backward = full ? gemmB + memB : ft.backwardShare * gemmB + memB;
    if (sharding === "fsdp") {
      const weightBytes = r.frozenWeights + r.trainableWeights;
      const gathers =
        (2 + (ft.recompute === "full" ? 1 : 0)) *
        sys.collectiveSeconds("all-gather", weightBytes / devices, devices, perNode);
      const scatter = sys.collectiveSeconds("reduce-scatter", (2 * trainable) / devices, devices, perNode);
      exposed = Math.max(0, gathers + scatter - compute);
    } else {
      exposed = Math.max(0, sys.collectiveSeconds("all-reduce", 2 * trainable, devices, perNode) - backward);
    }
  }
  const shard = sharding === "fsdp" ? trainable / devices : trainable;
  const update = optimizerCost("adamw", "bf16", 2).updateBytesPerParam;
  const optimizer = (shard * update) / bw;
  const paging = (2 * paged) / HOST_LINK_BYTES_PER_SECOND;
  const seconds = compute + exposed + optimizer + paging;
  const tokensPerSecond = (devices * tokens) / seconds;
  let run: LayoutRunCost | undefined;
  if (input.tokens !== undefined)
    run = layoutRunCost({
      units: input.tokens,
      unitsPerSecond: tokensPerSecond,
      devices,
      // what a restart reloads: the checkpoint and the trainable parameters' optimizer state
      checkpointBytes: ft.checkpointBytes + trainable * optimizerCost("adamw", "bf16", 2).stateBytesPerParam,
      goodput: input.goodput ?? {},
      tdpWatts: acc.tdpWatts,
      dollarsPerHour: acc.price?.dollarsPerHour,
      region,
      ...(input.pue !== undefined ? { pue: input.pue } : {}),
    });
  return {
    method: ft.method,
    lora: ft.lora,
    hardware: acc.name,
    devices,
    sharding,
    pagedOptimizerBytes: paged,
    params: { trainable, total: ft.params.total },
    memory: {
      perDeviceBytes: perDevice,
      totalBytes: devices * perDevice,
      capacityBytes: capacity,
      replica: ft.memory,
    },
    step: {
      flopsPerToken: ft.flopsPerToken.model,
      hardwareFlopsPerToken: ft.flopsPerToken.hardware,
      tokensPerMicroBatch: tokens,
      seconds,
      breakdown: {
        gemm,
        memoryBound,
        adapters,
        dequantization,
        exposedCommunication: exposed,
        optimizer,
        paging,
      },
      tokensPerSecond,
      mfu: (tokensPerSecond * ft.flopsPerToken.model) / (devices * sys.peakFlopsPerSecond),
    },
    checkpointBytes: ft.checkpointBytes,
    train: run
      ? { days: run.train.seconds / 86400, deviceHours: run.train.deviceHours, goodput: run.goodput.fraction }
      : null,
    cost: run ? { dollars: run.cost.dollars } : null,
    energy: run ? { kWh: run.energy.kWh } : null,
    co2: run ? { kg: run.co2.kg } : null,
  };
}

/** "1 sequence" or "4 sequences": a fine-tune's micro-batch in words. */
function sequencesInWords(ft: { microBatch: number }): string {
  return `${ft.microBatch} sequence${ft.microBatch === 1 ? "" : "s"}`;
}
