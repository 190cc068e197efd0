import { z } from "zod";
import { FAMILY_NAMES } from "./families.js";

/** A published scaling law: its family, parameters, units and source (one zod schema, inferred type). */
export const LawPresetSchema = z.object({
  /** Lower-case preset name, e.g. `had19-word-lm`. */
  name: z.string().regex(/^[a-z0-9-]+$/),
  family: z.enum(FAMILY_NAMES),
  title: z.string(),
  params: z.record(z.string(), z.number()),
  /** Published standard errors, where the source gives them. */
  se: z.record(z.string(), z.number()).optional(),
  /** Units of each input role and of y. */
  units: z.object({
    x: z.string().optional(),
    n: z.string().optional(),
    d: z.string().optional(),
    s: z.string().optional(),
    y: z.string(),
  }),
  source: z.string(),
  notes: z.string().optional(),
  /** HAD19 Table 1: today's data size, today's error, the desired error. */
  reference: z
    .object({ data: z.number().positive(), error: z.number().positive(), target: z.number().positive() })
    .optional(),
  /**
   * HAD19 eq. 2 model-size law p(m) = σ·m^βp, giving p in units of `paramsPerUnit` parameters
   * (HAD19's σ give millions: 9.4e-4·(768e6)^0.68 ≈ 1.03e3, i.e. today's 1.03B-parameter word LM,
   * and 23× that is Table 3's 23.8B).
   */
  modelSize: z
    .object({
      sigma: z.number().positive(),
      betaP: z.number(),
      paramsPerUnit: z.number().positive().default(1),
    })
    .optional(),
  /** Figures the source publishes for its own projection, kept for validation. */
  published: z.record(z.string(), z.number()).optional(),
});

/** A published scaling law. */
export type LawPreset = z.infer<typeof LawPresetSchema>;
