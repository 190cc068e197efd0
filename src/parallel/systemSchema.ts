import { z } from "zod";
import { AcceleratorSchema } from "../hardware/accelerator.js";
import { defaultEfficiency } from "../hardware/efficiency.js";
import { parseOrThrow } from "../workload/zodInputError.js";
import { FrameworkProfileSchema } from "./framework.js";

const GiB = 1024 ** 3;

/**
 * Device memory the model may not use (issue 12: "memory as it is on the device"): a fixed part (the
 * CUDA context and library workspaces), one part per communicator the rank belongs to (NCCL buffers),
 * and a fraction of capacity lost to allocator fragmentation. Usable bytes = capacity − fixed −
 * communicators × perCommunicator − fraction × capacity.
 */
export const MemoryReserveSchema = z.object({
  fixedBytes: z.number().nonnegative(),
  perCommunicatorBytes: z.number().nonnegative(),
  fraction: z.number().min(0).lt(1),
});

/** A validated memory reserve. */
export type MemoryReserve = z.output<typeof MemoryReserveSchema>;

/**
 * The default reserve on GPUs: 1 GiB fixed (the CUDA context takes ~300 MB with lazy module loading
 * since CUDA 11.7 and over 1 GB before, pytorch/pytorch#107667, plus cuBLAS/cuDNN workspaces), 0.6 GiB
 * per NCCL communicator (544–688 MB per process group measured on A100, NVIDIA/nccl#964), and 5% of
 * capacity for fragmentation of the caching allocator (an assumption; `--memory-reserve` overrides the
 * whole reserve). On TPUs, XLA allocates statically and has no NCCL: 0.5 GiB fixed and the 5%.
 */
export const DEFAULT_MEMORY_RESERVE: Readonly<Record<"gpu" | "tpu", MemoryReserve>> = {
  gpu: { fixedBytes: 1 * GiB, perCommunicatorBytes: 0.6 * GiB, fraction: 0.05 },
  tpu: { fixedBytes: 0.5 * GiB, perCommunicatorBytes: 0, fraction: 0.05 },
};

/**
 * A system as one value (issue 11 item 5, issue 12 item 4): the accelerator with its datasheet, price,
 * power and measured efficiency (GEMM ceiling and shape terms, attention kernels, streaming bandwidth,
 * network tiers at achieved bandwidth), the framework profile, and the memory reserve. The catalog
 * produces one (`systemFor`), `scalecast calibrate` writes one, `--system FILE` reads one.
 */
export const SystemSchema = z.object({
  /** A name for reports (the accelerator's, or the calibrated file's). */
  name: z.string(),
  accelerator: AcceleratorSchema,
  framework: FrameworkProfileSchema,
  memoryReserve: MemoryReserveSchema,
  /** How the file was calibrated, when `scalecast calibrate` wrote it. */
  calibration: z
    .object({
      runs: z.number().int().nonnegative(),
      kept: z.number().int().nonnegative(),
      fitted: z.array(z.string()),
      rmsPctBefore: z.number(),
      rmsPctAfter: z.number(),
    })
    .optional(),
});

/** A validated system (the accelerator's efficiency always present). */
export type System = z.output<typeof SystemSchema> & {
  accelerator: z.output<typeof SystemSchema>["accelerator"] & {
    efficiency: NonNullable<z.output<typeof AcceleratorSchema>["efficiency"]>;
  };
};

/**
 * Validate a system JSON (`--system FILE`, a calibrated system, or a web upload). An accelerator
 * without `efficiency` gets the documented default. Bad input is an InputError naming the field.
 */
export function parseSystem(input: unknown, where = "system"): System {
  const s = parseOrThrow(SystemSchema, input, where);
  return {
    ...s,
    accelerator: {
      ...s.accelerator,
      efficiency: s.accelerator.efficiency ?? defaultEfficiency(s.accelerator),
    },
  };
}
