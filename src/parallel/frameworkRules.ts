import { ACTIVATION_BYTES, type Precision } from "../workload/precision.js";
import type { FrameworkName, FrameworkProfile } from "./framework.js";

// What a framework profile decides beyond its fields: the default stack of a device, the gradient
// buffer's width, which stacks share a fitted kernel efficiency, whether pipeline sends overlap. The
// schema itself is framework.ts; the built-in profiles are frameworkProfiles.ts.

/**
 * Megatron-LM runs on devices released from 2022 (Hopper) on are Megatron-Core (2023 and later), whose
 * overlap options (--overlap-grad-reduce, --overlap-param-gather, --tp-comm-overlap) the H100 results
 * of the corpus state; earlier devices' runs are Megatron-LM as Narayanan et al. 2021 and Korthikanti
 * et al. 2022 describe it (nothing overlapped but, since Sept 2021, the tensor-parallel backward's
 * collectives beside their GEMMs). The validation labels both "megatron" and resolves the
 * generation by this year; `plan` picks its default stack the same way.
 */
export const MEGATRON_CORE_FROM_YEAR = 2022;

/**
 * The default training stack of a device (`plan`, `forecast` and `budget` without `--framework`): the
 * stack whose runs on that generation of device the validation corpus measures, so that the default
 * prediction is one the corpus backs. TPUs: MaxText. GPUs released from {@link MEGATRON_CORE_FROM_YEAR}
 * on (Hopper, Blackwell, MI300): Megatron-Core, fitted on its Hopper runs (Megatron-Core 2024, NeMo).
 * Older GPUs (V100, A100): Megatron-LM as Narayanan et al. 2021 and Korthikanti et al. 2022 measured it
 * on them (standard attention, no overlap but the async tensor-parallel backward; the 2021 rows of the
 * corpus turn that off in their stack); `--framework megatron-core` times today's stack
 * there, with a kernel efficiency no run on those devices has checked.
 */
export function defaultFramework(acc: { kind: string; released?: number }): FrameworkName {
  if (acc.kind === "tpu") return "maxtext";
  return (acc.released ?? MEGATRON_CORE_FROM_YEAR) >= MEGATRON_CORE_FROM_YEAR ? "megatron-core" : "megatron";
}

/** Bytes per parameter of the gradient buffer and of its reduction under a profile at a precision. */
export function gradientBytes(p: Pick<FrameworkProfile, "mainGradients">, precision: Precision): number {
  const word = ACTIVATION_BYTES[precision];
  if (p.mainGradients === "fp32") return 4;
  if (p.mainGradients === "fp32-bf16") return precision === "bf16" ? 4 : word;
  return word;
}

/**
 * The stack whose fitted kernel efficiency a framework shares: the XLA front ends (MaxText, PaxML, T5X,
 * Mesh TensorFlow) compile to the same XLA/GSPMD executables on the same runtime, and NeMo (and
 * Megatron-Bridge, its successor) runs Megatron-Core's models and Transformer Engine's kernels (its
 * profile is Megatron-Core's), so one factor describes each family. A factor of its own would only
 * absorb what differs between the sources that measured it.
 */
export function efficiencyGroup(name: FrameworkName): FrameworkName {
  if (name === "paxml" || name === "t5x" || name === "mesh-tensorflow") return "maxtext";
  if (name === "nemo") return "megatron-core";
  return name;
}

/** Whether a stack overlaps a layout's pipeline sends with compute (`overlap.pipeline`). */
export function pipelineOverlapped(
  fw: Pick<FrameworkProfile, "overlap">,
  l: { pp: number; vp: number },
): boolean {
  const o = fw.overlap.pipeline;
  return l.pp > 1 && (o === true || (o === "interleaved" && l.vp > 1));
}
