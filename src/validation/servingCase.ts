import { z } from "zod";

const kebab = z.string().regex(/^[a-z0-9][a-z0-9.-]*$/);
const positive = z.number().positive();
const count = z.number().int().positive();

/**
 * One measured serving (inference) run of the serving corpus (issue 15): what an MLPerf Inference result,
 * a framework performance table or a paper published, with where it says so. Like the training corpus
 * ({@link CorpusCaseSchema}), the numbers are the source's, never tuned; fields the source does not
 * publish are left out and named in `assumed`.
 *
 * Base units: seconds, tokens, requests. Throughputs count output (generated) tokens.
 */
export const ServingCaseSchema = z.object({
  /** Unique, stable, kebab-case: `<source id>-<model>-<hardware>-...`. */
  name: kebab,
  source: z.object({
    /** Short id shared by every case of one publication or submission: the unit of leave-one-source-out. */
    id: kebab,
    /** Authors or submitter, year, title, venue. */
    citation: z.string(),
    /** Table, row and column the number is read from. */
    where: z.string(),
    url: z.string().optional(),
  }),
  /** `read` in a stored copy of the source (quoted), `secondary`, or `memory` (never calibrated on). */
  verified: z.enum(["read", "secondary", "memory"]),
  /** The source's words the number was read from. */
  quote: z.string().optional(),
  /** Catalog accelerator name (`scalecast hardware list`). */
  accelerator: z.string(),
  /** Accelerators serving the model in the measured system (all replicas). */
  devices: count,
  /** Serving stack. */
  framework: z.enum(["tensorrt-llm", "vllm", "tgi", "sglang", "jetstream", "deepspeed-mii", "other"]),
  /** The model as a `scalecast workload` spec (JSON) or the name of a model preset. */
  model: z.union([z.string(), z.record(z.string(), z.unknown())]),
  /**
   * Parallel layout as published: tensor, pipeline and expert parallel degrees within one replica, and
   * `dp` replicas (devices = dp·tp·pp); absent fields are unpublished.
   */
  layout: z.object({ tp: count, pp: count, ep: count, dp: count }).partial(),
  /** Number format of the weights in the GEMMs (fp4: NVFP4/MXFP4 on Blackwell). */
  weights: z.enum(["fp32", "bf16", "fp16", "fp8", "int8", "int4", "fp4"]),
  /** Number format of the KV cache. */
  kv: z.enum(["fp32", "bf16", "fp16", "fp8", "int8", "int4"]),
  /**
   * How requests arrived: MLPerf Offline (all at once, throughput) or Server (Poisson arrivals under
   * latency bounds); `offline` for a framework's maximum-throughput benchmark with every request queued
   * at once; `online` for a fixed request rate or client concurrency.
   */
  scenario: z.enum(["mlperf-offline", "mlperf-server", "offline", "online"]),
  /** Mean prompt (input) tokens per request, where published. */
  promptTokens: positive.optional(),
  /** Mean output (generated) tokens per request, where published. */
  outputTokens: positive.optional(),
  /** Sequences decoded together (the engine's batch), where published. */
  batch: count.optional(),
  /** Concurrent clients (online benchmarks), where published. */
  concurrency: count.optional(),
  /**
   * What was measured: output tokens per second over all devices or per device, time to first token,
   * time per output token (both seconds, mean unless `notes` says otherwise), or completed requests per
   * second.
   */
  metric: z.enum([
    "output-tokens-per-second",
    "output-tokens-per-second-per-device",
    "ttft-seconds",
    "tpot-seconds",
    "requests-per-second",
  ]),
  value: positive,
  /** The scenario's latency bounds the value was measured under, where the source states them. */
  latencyBounds: z
    .object({ ttftSeconds: positive, tpotSeconds: positive, requestSeconds: positive })
    .partial()
    .optional(),
  /** Mixture-of-experts model. */
  moe: z.boolean(),
  /** Unpublished fields and the values taken for them. */
  assumed: z.string(),
  notes: z.string().optional(),
});

/** A validated serving case. */
export type ServingCase = z.output<typeof ServingCaseSchema>;

/** One serving corpus file: the cases of one source. */
export const ServingFileSchema = z.object({ cases: z.array(ServingCaseSchema).min(1) });
