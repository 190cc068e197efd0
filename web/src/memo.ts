/**
 * A function's last few results, keyed by the JSON of its arguments: a page recomputes everything on
 * every input change, and some of what it builds on the main thread does not depend on most inputs
 * (the Plan page's step profile depends on the model, precision and sequence, not on the device count,
 * region or price). Written by hand: a Map kept in use order is all an LRU of a handful of entries needs.
 * The results are shared: callers must not mutate them.
 */
export function memoize<A extends unknown[], R>(fn: (...args: A) => R, size = 8): (...args: A) => R {
  const kept = new Map<string, R>();
  return (...args: A): R => {
    const key = JSON.stringify(args);
    const hit = kept.get(key);
    if (hit !== undefined) {
      kept.delete(key); // most recently used last
      kept.set(key, hit);
      return hit;
    }
    const value = fn(...args);
    kept.set(key, value);
    if (kept.size > size) kept.delete(kept.keys().next().value!);
    return value;
  };
}
