const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);

/** 32-bit hash of row `i` across `columns` (0 and -0 hash alike, as they compare equal). */
function rowHash(columns: readonly Float64Array[], i: number): number {
  let h = 0x811c9dc5;
  for (const c of columns) {
    scratch[0] = c[i]! + 0; // -0 + 0 === 0
    h = Math.imul(h ^ words[0]!, 0x01000193);
    h = Math.imul(h ^ words[1]!, 0x01000193);
  }
  return (h ^ (h >>> 15)) >>> 0;
}

function sameRow(columns: readonly Float64Array[], a: number, b: number): boolean {
  for (const c of columns) if (c[a] !== c[b]) return false;
  return true;
}

/**
 * Mark rows that repeat an earlier row in every column, in one pass over the rows still kept (`fate[i]`
 * 0), with an open-addressing hash table of row indices (4 bytes per slot, at most 4 slots per row):
 * memory and time linear in the rows, where a map keyed by joined text would hold a string per row.
 *
 * @param columns - the selected columns, all of the same length.
 * @param fate - per row, 0 while kept; set to `mark` for a duplicate.
 * @param mark - the fate code of a duplicate.
 * @param onDuplicate - called with (row, first row it repeats), 0-based, in row order.
 */
export function markDuplicates(
  columns: readonly Float64Array[],
  fate: Uint8Array,
  mark: number,
  onDuplicate: (row: number, of: number) => void,
): void {
  let kept = 0;
  for (let i = 0; i < fate.length; i++) if (fate[i] === 0) kept++;
  let size = 16;
  while (size < 2 * kept) size *= 2;
  const slots = new Int32Array(size).fill(-1);
  const maskBits = size - 1;
  for (let i = 0; i < fate.length; i++) {
    if (fate[i] !== 0) continue;
    let at = rowHash(columns, i) & maskBits;
    for (;;) {
      const j = slots[at]!;
      if (j < 0) {
        slots[at] = i;
        break;
      }
      if (sameRow(columns, i, j)) {
        fate[i] = mark;
        onDuplicate(i, j);
        break;
      }
      at = (at + 1) & maskBits;
    }
  }
}
