import type { Layout } from "./layout.js";
import type { StepProfile } from "./stepProfile.js";
import type { ParallelSystem } from "./system.js";

/** Why a layout is invalid for a model and batch, or undefined when its degrees divide properly. */
export function checkDivisibility(
  p: StepProfile,
  sys: ParallelSystem,
  l: Layout,
  globalBatch: number,
): string | undefined {
  return divisibilityProblem(p, sys, l, globalBatch)?.();
}

/**
 * {@link checkDivisibility} with the message formatted only when called (issue 17: the search rejects
 * thousands of layouts and reads none of their messages).
 */
export function divisibilityProblem(
  p: StepProfile,
  sys: ParallelSystem,
  l: Layout,
  globalBatch: number,
): (() => string) | undefined {
  if (globalBatch % (l.dp * l.mb) !== 0)
    return () => `global batch ${globalBatch} is not a multiple of dp·mb = ${l.dp}·${l.mb}`;
  const units = p.blocks + (sys.framework.embeddingChunks ? 2 : 0);
  if (l.pp * l.vp > units) return () => `pp·vp = ${l.pp}·${l.vp} exceeds the ${units} pipeline units`;
  if (l.vp > 1 && l.pp === 1) return () => "vp > 1 needs pp > 1";
  if (l.vp > 1 && (globalBatch / (l.dp * l.mb)) % l.pp !== 0)
    return () =>
      "interleaving needs the micro-batch count to be a multiple of pp (Narayanan et al. 2021 §2.2.2)";
  if (l.tp > sys.devicesPerNode)
    return () => `tp ${l.tp} exceeds the ${sys.devicesPerNode} devices of a node`;
  if (l.tp > 1) {
    if (p.heads === undefined) return () => "tensor parallelism needs a model with attention heads";
    if (p.heads % l.tp !== 0) return () => `tp ${l.tp} does not divide the ${p.heads} heads`;
    const kv = p.kvHeads ?? p.heads;
    if (kv % l.tp !== 0 && l.tp % kv !== 0)
      return () => `tp ${l.tp} and the ${kv} key/value heads do not divide`;
  }
  if (l.sp && l.tp === 1) return () => "sequence parallelism needs tp > 1";
  if (l.cp > 1) {
    if (p.heads === undefined) return () => "context parallelism needs a model with attention";
    if (p.tokensPerSample % l.cp !== 0)
      return () => `cp ${l.cp} does not divide the ${p.tokensPerSample}-token sequence`;
  }
  if (l.ep > 1) {
    if (p.experts <= 1) return () => "expert parallelism needs a mixture-of-experts model";
    if (p.experts % l.ep !== 0) return () => `ep ${l.ep} does not divide the ${p.experts} experts`;
    if ((l.dp * l.cp) % l.ep !== 0 && (l.dp * l.cp * l.tp) % l.ep !== 0)
      return () =>
        `ep ${l.ep} divides neither dp·cp = ${l.dp * l.cp} nor dp·cp·tp = ${l.dp * l.cp * l.tp} (experts are sharded over data-parallel, then tensor-parallel ranks)`;
  }
  return undefined;
}
