import type { FrameworkProfile } from "./framework.js";
import type { Layout } from "./layout.js";

/**
 * What a user-fixed layout asks of a training stack that its profile says the stack does not run
 * (`FrameworkProfile.supports`, the same flags that keep the search to the stack's layouts): one line
 * per field, e.g. "tp 2: ddp has no tensor parallelism". The step-time model still times such a layout
 * (a published run of another stack is timed as it ran); the CLI says so instead of passing it silently.
 */
export function unsupportedByStack(fixed: Partial<Layout>, fw: FrameworkProfile): string[] {
  const s = fw.supports;
  const out: string[] = [];
  const no = (field: string, value: unknown, what: string) =>
    out.push(`${field} ${value}: ${fw.name} ${what}`);
  if ((fixed.tp ?? 1) > 1 && s.tensorParallel === false) no("tp", fixed.tp, "has no tensor parallelism");
  if ((fixed.cp ?? 1) > 1 && !s.contextParallel) no("cp", fixed.cp, "has no context parallelism");
  if ((fixed.pp ?? 1) > 1 && !s.pipeline) no("pp", fixed.pp, "has no pipeline parallelism");
  if ((fixed.ep ?? 1) > 1 && !s.expertParallel) no("ep", fixed.ep, "has no expert parallelism");
  if ((fixed.vp ?? 1) > 1 && !s.interleaving) no("vp", fixed.vp, "has no interleaved pipeline stages");
  if (fixed.sp === true && !s.sequenceParallel) no("sp", "on", "has no sequence parallelism");
  if (fixed.recompute !== undefined && s.recompute && !s.recompute.includes(fixed.recompute))
    no("recompute", fixed.recompute, `offers recompute ${s.recompute.join(", ")}`);
  if (fixed.zero !== undefined) {
    const withPipeline = (fixed.pp ?? 1) > 1 && s.zeroWithPipeline;
    const stages = withPipeline ? s.zero.filter((z) => s.zeroWithPipeline!.includes(z)) : s.zero;
    if (!stages.includes(fixed.zero))
      no("zero", fixed.zero, `runs ZeRO ${stages.join(", ")}${withPipeline ? " with pipeline stages" : ""}`);
  }
  return out;
}
