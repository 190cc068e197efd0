/**
 * The minimiser of a unimodal f on [a, b] by golden-section search (Kiefer 1953): each of `iterations`
 * steps keeps the bracket side that holds the smaller of two interior values, shrinking it by
 * (√5 − 1)/2. Returns the bracket's midpoint. Used to fit one constant at a time (a GEMM ceiling, a
 * framework's kernel efficiency); written by hand because one scalar bracket search does not warrant
 * the L-BFGS machinery of src/fit.
 */
export function goldenSection(f: (x: number) => number, a: number, b: number, iterations = 40): number {
  const g = (Math.sqrt(5) - 1) / 2;
  let x1 = b - g * (b - a);
  let x2 = a + g * (b - a);
  let f1 = f(x1);
  let f2 = f(x2);
  for (let i = 0; i < iterations; i++) {
    if (f1 <= f2) {
      b = x2;
      x2 = x1;
      f2 = f1;
      x1 = b - g * (b - a);
      f1 = f(x1);
    } else {
      a = x1;
      x1 = x2;
      f1 = f2;
      x2 = a + g * (b - a);
      f2 = f(x2);
    }
  }
  return (a + b) / 2;
}
