import { z } from "zod";
import { EfficiencySchema } from "./efficiencySchema.js";

const positive = z.number().positive();

/**
 * One accelerator of the catalog (Calculon's "system" input, per device). Base units: FLOP/s, bytes,
 * bytes/s, seconds, watts, dollars. Every number carries its source in `sources` (field → citation).
 */
export const AcceleratorSchema = z.object({
  /** Lower-case catalog name, e.g. `h100-sxm`. */
  name: z.string().regex(/^[a-z0-9.-]+$/),
  vendor: z.string(),
  kind: z.enum(["gpu", "tpu", "npu", "cpu"]),
  /** Dense peak FLOP/s per precision (no structured sparsity); absent where the device has none. */
  peakFlopsPerSecond: z.object({
    fp32: positive,
    tf32: positive.optional(),
    bf16: positive.optional(),
    fp16: positive.optional(),
    fp8: positive.optional(),
  }),
  /** Device memory, bytes. */
  memoryBytes: positive,
  /** Device memory bandwidth, bytes/s. */
  memoryBytesPerSecond: positive,
  /** Link between devices of one node (NVLink, xGMI, ICI): per-device unidirectional bandwidth and latency. */
  intraNode: z.object({ name: z.string(), bytesPerSecond: positive, latencySeconds: positive }),
  /** Network between nodes (InfiniBand, Ethernet, DCN): per-device unidirectional bandwidth and latency. */
  interNode: z.object({ name: z.string(), bytesPerSecond: positive, latencySeconds: positive }),
  /** Devices that share the intra-node link (8 for DGX; a TPU slice's ICI domain). */
  devicesPerNode: z.number().int().positive(),
  /**
   * Year of general availability of its architecture, which sets the software generation that ran on it
   * (e.g. Megatron-Core on Hopper): a later variant of an older architecture (the A800, Ampere sold from
   * 2022) takes its architecture's year.
   */
  released: z.number().int().min(1990).max(2100).optional(),
  /**
   * The catalog accelerator whose compute die and memory this one shares (an export variant with its
   * links cut, the H800 of the H100): the validation corpus's runs on it stand for this one's where
   * this one has none (the best measured MFU a prediction is warned against, the model's error in a
   * forecast's intervals).
   */
  variantOf: z.string().optional(),
  /** Thermal design power per device, watts. */
  tdpWatts: positive,
  /** A typical cloud price per device-hour, with the date and source of the quote. */
  price: z.object({ dollarsPerHour: positive, date: z.string(), source: z.string() }).optional(),
  /** Field → source (paper, datasheet, Epoch AI dataset). */
  sources: z.record(z.string(), z.string()),
  /**
   * What the device and its cluster really reach (GEMM ceiling and shape terms, attention kernels,
   * streaming bandwidth, network tiers at achieved bus bandwidth), from microbenchmarks; absent entries
   * get `defaultEfficiency` (src/hardware/efficiency.ts), which says it is an assumption.
   */
  efficiency: EfficiencySchema.optional(),
  /** Free-form caveats. */
  notes: z.string().optional(),
});

/** A validated accelerator. */
export type Accelerator = z.output<typeof AcceleratorSchema>;
