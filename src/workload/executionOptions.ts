/**
 * The closed sets and defaults of an execution setting, without zod (ExecutionSchema in execution.ts
 * validates with them): code that only lists or checks these values, such as the CLI's option help and
 * the ONNX path, loads this file alone (CLI startup, issue 17).
 */

/** Optimizers whose state and update cost scalecast models. */
export const OPTIMIZERS = ["sgd", "momentum", "adam", "adamw", "lamb", "lars", "adafactor"] as const;
/** An optimizer name. */
export type Optimizer = (typeof OPTIMIZERS)[number];

/** Recompute (activation checkpointing) policies (Korthikanti et al. 2022 §4–5). */
export const RECOMPUTE = ["none", "selective", "full"] as const;
/** A recompute policy. */
export type Recompute = (typeof RECOMPUTE)[number];

/** Gradient storage in mixed precision (see ExecutionSchema.gradients). */
export const GRADIENTS = ["same", "fp32"] as const;

/** Defaults of the omitted fields of an execution setting (ExecutionSchema applies them). */
export const EXECUTION_DEFAULTS = {
  batch: 1,
  precision: "bf16",
  optimizer: "adamw",
  recompute: "none",
  gradients: "same",
} as const;
