/**
 * Width scaling of model specs, as HAD19 grow their models (§4: width at fixed depth), shared by the
 * families' `scale`: transformers scale their head count at a fixed head dimension, recurrent models and
 * ViT their hidden width, ResNets their base width.
 */

/** Round to a positive multiple of `m`. */
const roundTo = (x: number, m: number) => Math.max(m, Math.round(x / m) * m);

/**
 * A transformer at `factor` times its width: the head count scales (and GQA's kv heads with it, keeping
 * the group size), the head dimension stays, so every width stays a multiple of it; `ffn` (and a numeric
 * `mlp`) scale alike, to a multiple of 64.
 */
export function scaleHeads<
  S extends { hidden: number; heads: number; headDim: number; kvHeads?: number | undefined; ffn?: number },
>(spec: S, factor: number): S {
  const group = spec.kvHeads !== undefined && spec.kvHeads > 0 ? spec.heads / spec.kvHeads : 1;
  const kv = Math.max(1, Math.round((spec.heads * factor) / group));
  const s: Record<string, unknown> = { ...spec, heads: kv * group };
  if (spec.kvHeads !== undefined) s.kvHeads = kv;
  s.hidden = kv * group * spec.headDim;
  for (const k of ["ffn", "mlp"]) if (typeof s[k] === "number") s[k] = roundTo((s[k] as number) * factor, 64);
  return s as S;
}

/**
 * A model at `factor` times its hidden width, rounded to a multiple of the head count (or of 8 without
 * heads); `ffn` (and a numeric `mlp`) scale alike, to a multiple of 8.
 */
export function scaleHidden<S extends { hidden: number; heads?: number }>(spec: S, factor: number): S {
  const heads = spec.heads ?? 1;
  const s: Record<string, unknown> = {
    ...spec,
    hidden: roundTo(spec.hidden * factor, heads > 1 ? heads : 8),
  };
  for (const k of ["ffn", "mlp"]) if (typeof s[k] === "number") s[k] = roundTo((s[k] as number) * factor, 8);
  return s as S;
}

/** A convolutional network at `factor` times its base width (`width`, a multiple of 8). */
export function scaleBaseWidth<S extends { width: number }>(spec: S, factor: number): S {
  return { ...spec, width: roundTo(spec.width * factor, 8) };
}
