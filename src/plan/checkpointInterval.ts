/**
 * Young's first-order optimum checkpoint interval (Young 1974, "A first order approximation to the
 * optimum checkpoint interval", CACM 17(9)): τ = √(2·δ·M), with δ the time to write one checkpoint and
 * M the job's mean time between interrupts, both in seconds. Minimises the expected time lost to
 * checkpoint writes (δ/τ of the work) plus rework after an interrupt (τ/2 on average).
 */
export function youngInterval(checkpointSeconds: number, mtbfSeconds: number): number {
  return Math.sqrt(2 * checkpointSeconds * mtbfSeconds);
}

/**
 * Daly's higher-order optimum checkpoint interval (Daly 2006, "A higher order estimate of the optimum
 * checkpoint interval for restart dumps", FGCS 22(3) 303–312, eq. 37): with ξ = δ/(2M),
 * τ = √(2δM)·[1 + √ξ/3 + ξ/9] − δ for δ < 2M, and τ = M otherwise. Daly's Figs. 3–5 (R = 10 min,
 * δ = 5 min) give 117, 57 and 9.1 min for M = 24 h, 6 h and 15 min (hand check in the test).
 */
export function dalyInterval(checkpointSeconds: number, mtbfSeconds: number): number {
  const d = checkpointSeconds;
  const m = mtbfSeconds;
  if (!(d < 2 * m)) return m;
  const xi = d / (2 * m);
  return Math.sqrt(2 * d * m) * (1 + Math.sqrt(xi) / 3 + xi / 9) - d;
}

/**
 * Expected wall-clock time per unit of solve time under Poisson interrupts (Daly 2006's complete
 * cost model, as recalled [S]: its first-order expansion is Young's model, and minimising it gives the
 * τ of {@link dalyInterval}): T_w / T_s = M·e^{R/M}·(e^{(τ+δ)/M} − 1)/τ, for a checkpoint interval τ (compute
 * between writes), write time δ, restart time R (re-launch, re-load, re-warm) and mean time between
 * interrupts M, all in seconds. To first order in 1/M it is (1 + δ/τ)(1 + (R + (τ+δ)/2)/M): each
 * interrupt costs the restart plus half an interval of rework. Independent of T_s, so a run's
 * goodput fraction is 1/(this) whatever its length. M = ∞ (no failures) gives 1 + δ/τ.
 */
export function dalyWallPerSolve(
  intervalSeconds: number,
  checkpointSeconds: number,
  restartSeconds: number,
  mtbfSeconds: number,
): number {
  const tau = intervalSeconds;
  const d = checkpointSeconds;
  const m = mtbfSeconds;
  if (!Number.isFinite(m)) return 1 + d / tau;
  // expm1 keeps precision when (τ+δ)/M is small
  return (m * Math.exp(restartSeconds / m) * Math.expm1((tau + d) / m)) / tau;
}
