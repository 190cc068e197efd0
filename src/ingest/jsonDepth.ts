/**
 * Nesting depth allowed in a user's JSON file (model specs, catalogs, system files, fit JSON, sweep files,
 * JSON Lines rows). Real documents of these kinds are under 10 levels deep; 64 leaves room for any
 * honest file while keeping the recursive code that validates and prints values (zod, JSON.stringify)
 * far from the call-stack limit, which a few thousand levels reach.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether a parsed JSON value nests at most `limit` arrays/objects deep (a scalar is depth 0, `[]` 1).
 * Iterative, so it never overflows the stack itself however deep the value is.
 */
export function jsonDepthAtMost(value: unknown, limit: number): boolean {
  const stack: { v: unknown; d: number }[] = [{ v: value, d: 0 }];
  while (stack.length > 0) {
    const { v, d } = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (d + 1 > limit) return false;
    for (const child of Array.isArray(v) ? v : Object.values(v as object)) stack.push({ v: child, d: d + 1 });
  }
  return true;
}

/** The nesting depth of a parsed JSON value (iterative; see {@link jsonDepthAtMost}). */
export function jsonDepth(value: unknown): number {
  let max = 0;
  const stack: { v: unknown; d: number }[] = [{ v: value, d: 0 }];
  while (stack.length > 0) {
    const { v, d } = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    max = Math.max(max, d + 1);
    for (const child of Array.isArray(v) ? v : Object.values(v as object)) stack.push({ v: child, d: d + 1 });
  }
  return max;
}
