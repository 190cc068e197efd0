/**
 * Solve f(x) = 0 for a monotone f by bisection on log x in [lo, hi] (200 halvings at most, to 1e-12 in
 * log x); null when f has the same sign at both ends. Written by hand: twelve lines, and the laws need
 * nothing a root-finding library would add.
 */
export function solveLog(f: (x: number) => number, lo: number, hi: number): number | null {
  let a = Math.log(lo);
  let b = Math.log(hi);
  const fa = f(lo);
  if (fa * f(hi) > 0) return null;
  for (let i = 0; i < 200 && b - a > 1e-12; i++) {
    const m = (a + b) / 2;
    if (f(Math.exp(m)) * fa > 0) a = m;
    else b = m;
  }
  return Math.exp((a + b) / 2);
}

/** Range of the second input searched by {@link invertSecond}: 1 to 1e30 tokens or steps. */
const SECOND_INPUT_RANGE: readonly [number, number] = [1, 1e30];

/**
 * The second input b at which a two-input law y(a, b) reaches `target` with a fixed, by
 * {@link solveLog} over 1 to 1e30 (y falls with b); +Infinity when no b in that range reaches it.
 * The default `invert` of an L(N, D) family without a closed form.
 */
export function invertSecond(y: (a: number, b: number) => number, a: number, target: number): number {
  const b = solveLog((b) => y(a, b) - target, SECOND_INPUT_RANGE[0], SECOND_INPUT_RANGE[1]);
  return b ?? Number.POSITIVE_INFINITY;
}
