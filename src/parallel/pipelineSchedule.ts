/**
 * Pipeline bubble of the 1F1B schedule as a fraction of the ideal time of `microbatches` micro-batches:
 * (p − 1)/m, and with `vp` interleaved model chunks per device (p − 1)/(v·m) (Narayanan et al. 2021
 * §2.2, t_pb/t_id). With `microbatches` = 1 it is the bubble in units of one micro-batch's forward +
 * backward time on a stage.
 */
export function pipelineBubbleFraction(pp: number, vp: number, microbatches: number): number {
  return (pp - 1) / (vp * microbatches);
}

/** Blocks on the first, a middle and the last pipeline stage. */
export interface StageBlocks {
  first: number;
  middle: number;
  last: number;
}

/**
 * Blocks per pipeline stage. The model's blocks are cut into pp·vp chunks; a chunk holds at most
 * ⌈units/(pp·vp)⌉ blocks (the busiest stage carries the ceiling, not the mean: Llama 3 405B's 126
 * layers on 16 stages, Dubey et al. 2024 §3.3.2). With `embeddingChunks` the embedding and the output
 * head count as one unit each (units = blocks + 2; Megatron-Core's account-for-embedding/loss options,
 * BLOOM's `--pp-partition-method 'type:transformer|embedding'`, Llama 3's "one layer fewer on the first
 * and last stage"), so the first and last stage hold one block fewer per chunk there. Otherwise the
 * chunks are filled in order, each up to the ceiling, until the blocks run out, and the embedding and
 * head come on top of the first and last stage: the last chunks hold the remainder (DeepSpeed's
 * `PipelineModule` partitions by binary layer weights with `partition_balanced`, whose probe fills
 * each part to the bottleneck, deepspeed/runtime/utils.py `_lprobe` since 65c2f97; BigScience's
 * BLOOM prequel: "78/12=6.5 - so the last stage has 1 block, while the rest have 7"). Chunk c sits on
 * stage c mod pp (the interleaved schedule's round robin, Narayanan et al. 2021 §2.2.2).
 */
export function stageBlocks(blocks: number, pp: number, vp: number, embeddingChunks = false): StageBlocks {
  if (pp === 1) return { first: blocks, middle: blocks, last: blocks };
  const units = blocks + (embeddingChunks ? 2 : 0);
  const perChunk = Math.ceil(units / (pp * vp));
  const full = perChunk * vp;
  if (embeddingChunks) return { first: Math.max(0, full - 1), middle: full, last: Math.max(0, full - 1) };
  // blocks of stage s: its chunks s, s + pp, …, each the ceiling until the blocks run out
  const onStage = (s: number) => {
    let n = 0;
    for (let j = 0; j < vp; j++) n += Math.min(perChunk, Math.max(0, blocks - (j * pp + s) * perChunk));
    return n;
  };
  return { first: onStage(0), middle: onStage(1), last: onStage(pp - 1) };
}

/**
 * Seconds of the pipelined part of a step: m micro-batches through pp stages whose per-micro-batch
 * times (forward + backward on one device, all its chunks) are `first`, `middle` and `last`. The
 * slowest stage paces the steady state and the others fill and drain the pipe:
 * T = m·t_max + (Σ_s t_s − t_max)/vp, which is (m + (p − 1)/v)·t for equal stages, the 1F1B and
 * interleaved schedules of Narayanan et al. 2021 §2.2.
 */
export function pipelineSeconds(
  stage: { first: number; middle: number; last: number },
  pp: number,
  vp: number,
  microbatches: number,
): { seconds: number; bubble: number; slowest: number } {
  if (pp === 1) {
    const t = stage.first;
    return { seconds: microbatches * t, bubble: 0, slowest: t };
  }
  const slowest = Math.max(stage.first, stage.middle, stage.last);
  const sum = stage.first + stage.last + (pp - 2) * stage.middle;
  const bubble = (sum - slowest) / vp;
  return { seconds: microbatches * slowest + bubble, bubble, slowest };
}
