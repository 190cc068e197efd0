import { InputError } from "../../units/InputError.js";
import type { DecoderSpec } from "../transformer/decoderSpec.js";
import { isMoeBlock } from "../transformer/decoderFamily.js";
import { isGated } from "../transformer/mlpParts.js";

/** Weight matrices LoRA can adapt (PEFT's q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj). */
export const LORA_TARGETS = ["q", "k", "v", "o", "gate", "up", "down"] as const;
/** A LoRA target module. */
export type LoraTarget = (typeof LORA_TARGETS)[number];

/** One adapted matrix shape: W (din × dout) gains B·A with A (din × r) and B (r × dout). */
export interface AdaptedMatrix {
  target: LoraTarget;
  inFeatures: number;
  outFeatures: number;
  /** Copies in the model: blocks, times experts for MoE feed-forward matrices. */
  copies: number;
  /** Copies one token passes through: blocks, times topK + shared experts for MoE matrices. */
  copiesPerToken: number;
}

/** LoRA's trainable parameters and per-token FLOP for one rank and set of targets. */
export interface LoraAdapters {
  rank: number;
  targets: LoraTarget[];
  matrices: AdaptedMatrix[];
  /** r·(din + dout) summed over every adapted copy (Hu et al. 2021 §4.1). */
  params: number;
  /** Adapter parameters a token uses (MoE: only its experts'). */
  paramsPerToken: number;
}

/**
 * The matrices of a decoder block LoRA adapts, for each target: q (h → heads·headDim), k and v
 * (h → kvHeads·headDim), o (heads·headDim → h), gate and up (h → ffn; gate only for gated MLPs), down
 * (ffn → h), the feed-forward ones once per expert in MoE blocks (routed and shared). With multi-head
 * latent attention q adapts the query projections (h → qLoraRank → heads·(nope + rope), or h → heads·(nope
 * + rope)), k and v the joint KV projections (h → kvLoraRank + rope and kvLoraRank → heads·(nope + v))
 * once whichever of the two is named, and o (heads·v → h).
 *
 * Trainable parameters: r·(din + dout) per copy (A and B; Hu et al. 2021 §4.1: "the number of trainable
 * parameters is |Θ| = 2 × L_LoRA × d_model × r" when every adapted matrix is d_model square).
 *
 * @throws InputError naming `rank` or `targets` (gate on a non-gated MLP, an unknown or repeated name).
 */
export function loraAdapters(spec: DecoderSpec, rank: number, targets: readonly string[]): LoraAdapters {
  if (!Number.isInteger(rank) || rank < 1) throw new InputError("rank", rank, "a positive integer");
  if (targets.length === 0) throw new InputError("targets", "", `one or more of ${LORA_TARGETS.join(", ")}`);
  const seen = new Set<string>();
  for (const t of targets) {
    if (!(LORA_TARGETS as readonly string[]).includes(t))
      throw new InputError("targets", t, `one of ${LORA_TARGETS.join(", ")}`);
    if (seen.has(t)) throw new InputError("targets", t, "each target once");
    if (t === "gate" && !isGated(spec.mlp))
      throw new InputError("targets", t, `a matrix of the model (a ${spec.mlp} MLP has no gate)`);
    seen.add(t);
  }
  const h = spec.hidden;
  const L = spec.layers;
  let moeBlocks = 0;
  for (let i = 0; i < L; i++) if (isMoeBlock(spec, i)) moeBlocks++;
  const denseBlocks = L - moeBlocks;
  const experts = spec.experts + spec.sharedExperts;
  const perToken = spec.topK + spec.sharedExperts;
  const attention = (target: LoraTarget, shapes: [number, number][]): AdaptedMatrix[] =>
    shapes.map(([i, o]) => ({ target, inFeatures: i, outFeatures: o, copies: L, copiesPerToken: L }));
  const feedForward = (target: LoraTarget, i: number, o: number): AdaptedMatrix => ({
    target,
    inFeatures: i,
    outFeatures: o,
    copies: denseBlocks + moeBlocks * experts,
    copiesPerToken: denseBlocks + moeBlocks * perToken,
  });
  const q = spec.heads * spec.headDim;
  const k = spec.kvHeads * spec.headDim;
  const matrices: AdaptedMatrix[] = [];
  const m = spec.mla;
  let kvDone = false;
  for (const t of targets as LoraTarget[]) {
    if (t === "q") {
      if (!m) matrices.push(...attention(t, [[h, q]]));
      else {
        const qk = spec.heads * (m.nopeHeadDim + m.ropeHeadDim);
        const rq = m.qLoraRank;
        matrices.push(
          ...attention(
            t,
            rq !== undefined
              ? [
                  [h, rq],
                  [rq, qk],
                ]
              : [[h, qk]],
          ),
        );
      }
    } else if (t === "k" || t === "v") {
      if (!m) matrices.push(...attention(t, [[h, k]]));
      else if (!kvDone) {
        kvDone = true;
        const up = spec.heads * (m.nopeHeadDim + m.vHeadDim);
        matrices.push(
          ...attention(t, [
            [h, m.kvLoraRank + m.ropeHeadDim],
            [m.kvLoraRank, up],
          ]),
        );
      }
    } else if (t === "o") matrices.push(...attention(t, [[m ? spec.heads * m.vHeadDim : q, h]]));
    else if (t === "down") matrices.push(feedForward(t, spec.ffn, h));
    else matrices.push(feedForward(t, h, spec.ffn));
  }
  let params = 0;
  let paramsPerToken = 0;
  for (const a of matrices) {
    const each = rank * (a.inFeatures + a.outFeatures);
    params += each * a.copies;
    paramsPerToken += each * a.copiesPerToken;
  }
  return { rank, targets: targets as LoraTarget[], matrices, params, paramsPerToken };
}
