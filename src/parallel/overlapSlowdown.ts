import type { Accelerator } from "../hardware/accelerator.js";

/**
 * How much slower compute runs while a collective overlaps it on a GPU: 0.189. NCCL (and RCCL) run
 * their collectives as kernels on the same SMs (CUs) and HBM as the GEMMs they hide behind, so a
 * collective "hidden" behind compute still takes from it. Measured across GPT and Llama training
 * workloads on 4 A100s, H100s, MI250s and MI210s: "overlapping computation and communication can result
 * in an average computational slowdown of 18.9%, with a maximum of 40.0% slowdown ... in comparison to
 * the scenario when no communication was happening with the compute" (Characterizing Compute-
 * Communication Overlap in GPU-Accelerated Distributed Deep Learning, arXiv 2507.03114, 2025,
 * abstract). The mean is taken as it is, not fitted.
 */
export const GPU_OVERLAP_SLOWDOWN = 0.189;

/**
 * The default overlap slowdown of a device kind: {@link GPU_OVERLAP_SLOWDOWN} on GPUs and on TPUs; 0
 * elsewhere (Gaudi's collectives run on its on-chip RoCE engines, and no measurement says otherwise).
 * TPUs have no measurement of their own, but XLA runs a TPU's collectives inside the TensorCore's
 * programs rather than beside them: MaxText's flags fuse "async collective communications with compute
 * ops ... scheduled between their -start and -done" (xla_tpu_enable_async_collective_fusion) and
 * "overlap ... compute and communication on a single TensorCore" (xla_tpu_overlap_compute_collective_tc;
 * MaxText/configs/README.md), so a hidden collective takes issue slots and HBM bandwidth from the
 * compute it hides behind, as NCCL's kernels take SMs. The GPU's measured mean is used, not fitted; the
 * TPU rows of the corpus's calibration subset agree (their in-sample mean |delta| is 5.65% without the
 * slowdown, 5.09% with 0.189, lowest, 5.05%, near 0.15). A system file's `efficiency.overlapSlowdown`
 * overrides it.
 */
export function overlapSlowdownFor(kind: Accelerator["kind"]): number {
  return kind === "gpu" || kind === "tpu" ? GPU_OVERLAP_SLOWDOWN : 0;
}

/**
 * Seconds a step gains because compute shares the device with the collectives hidden behind it:
 * `slowdown` × the hidden collective seconds, which can overlap no more compute than there is.
 * With slowdown 0.189, 0.26 s of FSDP gathers and reduce-scatters hidden behind 0.62 s of compute
 * add 0.189 × 0.26 = 0.049 s.
 */
export function overlapSlowdownSeconds(
  hiddenCollectiveSeconds: number,
  computeSeconds: number,
  slowdown: number,
): number {
  return slowdown * Math.max(0, Math.min(hiddenCollectiveSeconds, computeSeconds));
}
