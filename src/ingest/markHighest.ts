/**
 * Mark the `count` kept rows (`fate[i]` 0) with the highest `values`, ties going to the earlier row, as
 * a stable sort by value (descending) then row would: the count-th highest value is found by a numeric
 * sort of the kept values, every row above it is marked, then rows equal to it in row order until
 * `count` are marked. Linear memory, no object per row.
 *
 * @returns the number of rows marked (fewer than `count` only when fewer rows are kept).
 */
export function markHighest(values: Float64Array, fate: Uint8Array, mark: number, count: number): number {
  if (count <= 0) return 0;
  let kept = 0;
  for (let i = 0; i < fate.length; i++) if (fate[i] === 0) kept++;
  if (count >= kept) {
    for (let i = 0; i < fate.length; i++) if (fate[i] === 0) fate[i] = mark;
    return kept;
  }
  const sorted = new Float64Array(kept);
  for (let i = 0, k = 0; i < fate.length; i++) if (fate[i] === 0) sorted[k++] = values[i]!;
  sorted.sort();
  const threshold = sorted[kept - count]!;
  let above = 0;
  for (let k = kept - count; k < kept; k++) if (sorted[k]! > threshold) above++;
  let ties = count - above;
  for (let i = 0; i < fate.length; i++) {
    if (fate[i] !== 0) continue;
    const v = values[i]!;
    if (v > threshold) fate[i] = mark;
    else if (v === threshold && ties > 0) {
      fate[i] = mark;
      ties--;
    }
  }
  return count;
}
