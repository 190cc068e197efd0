/** A nested cache level: a Map from one argument to the next level (the last level holds the value). */
type Level = Map<number | string, unknown>;

/**
 * A four-argument function of numbers (or short strings) to a number, memoised in nested Maps, one per
 * argument: the layout search asks the GEMM and collective models for the same few shapes and buffers
 * thousands of times, and a Map lookup per argument costs less than the string key (`${m}|${n}|…`) or
 * the recomputation (issue 17: the Plan page's search spent a quarter of its time there). Exact: the
 * value returned is the one `fn` gave for the same arguments (compared as Map keys compare,
 * SameValueZero). Unbounded: bind one per search (the system binding does), not per process. Written by
 * hand: a nested Map is all it takes.
 */
export function memo4<A extends number | string, B extends number, C extends number, D extends number>(
  fn: (a: A, b: B, c: C, d: D) => number,
): (a: A, b: B, c: C, d: D) => number {
  const root: Level = new Map();
  const next = (m: Level, key: number | string): Level => {
    let n = m.get(key) as Level | undefined;
    if (n === undefined) {
      n = new Map();
      m.set(key, n);
    }
    return n;
  };
  return (a, b, c, d) => {
    const last = next(next(next(root, a), b), c);
    let v = last.get(d) as number | undefined;
    if (v === undefined) {
      v = fn(a, b, c, d);
      last.set(d, v);
    }
    return v;
  };
}
