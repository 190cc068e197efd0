import { z } from "zod";
import { EXECUTION_DEFAULTS as D, GRADIENTS, OPTIMIZERS, RECOMPUTE } from "./executionOptions.js";
import { PRECISIONS } from "./precision.js";

// the closed sets and defaults live in a zod-free file (loaded alone by the CLI's light paths)
export { OPTIMIZERS, RECOMPUTE, type Optimizer, type Recompute } from "./executionOptions.js";

/**
 * How one training step runs (Calculon's "execution" input, kept apart from the model and the system).
 * One zod schema; omitted fields take the defaults shown.
 */
export const ExecutionSchema = z.object({
  /** Samples (sequences or images) per step on this device; default 1. */
  batch: z.number().int().positive().default(D.batch),
  /** Tokens per sample; default the model's own context length. */
  seq: z.number().int().positive().optional(),
  /** Numeric format; default bf16 mixed precision. */
  precision: z.enum(PRECISIONS as unknown as [string, ...string[]]).default(D.precision),
  /** Optimizer; default AdamW. */
  optimizer: z.enum(OPTIMIZERS).default(D.optimizer),
  /** Activation recompute; default none. */
  recompute: z.enum(RECOMPUTE).default(D.recompute),
  /**
   * Gradient storage in mixed precision: "same" keeps 16-bit gradients (ZeRO's 2Ψ, Rajbhandari et al.
   * 2020 §3), "fp32" keeps 4-byte gradients (EleutherAI cookbook default, 18 B/param with Adam).
   */
  gradients: z.enum(GRADIENTS).default(D.gradients),
});

/** A validated execution setting. */
export type ExecutionSpec = z.output<typeof ExecutionSchema>;
/** An execution setting as a user writes it (fields optional). */
export type ExecutionInput = z.input<typeof ExecutionSchema>;
