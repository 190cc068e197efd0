import type { Cell } from "./Table.js";

/** Why a data row was left out of a {@link RunTable}. */
export type RejectReason = "empty" | "non-numeric" | "non-positive" | "duplicate" | "dropped-highest";

/** One data row left out, and why. */
export interface RejectedRow {
  /** 1-based data row number (the first row after the header is 1; blank lines are not rows). */
  row: number;
  /** Why it was left out. */
  reason: RejectReason;
  /** The column that decided it (for `"duplicate"`, absent: all selected columns matched). */
  column?: string;
  /** The cell as read (for `"dropped-highest"`, the parsed value that ranked it). */
  value?: Cell;
  /** For `"duplicate"`: the data row number of the earlier kept row it repeats. */
  duplicateOf?: number;
}

/**
 * Every data row accounted for: `read === kept + rejectedCount`, and `byReason` sums to
 * `rejectedCount`. The rejected rows are listed one by one up to a limit (the first 1,000 in row
 * order), so a file with millions of bad rows gives counts, not millions of objects.
 */
export interface RowReport {
  /** Data rows in the table. */
  read: number;
  /** Rows in the run table. */
  kept: number;
  /** Rows left out. */
  rejectedCount: number;
  /** Rows left out, by reason (reasons with none are absent). */
  byReason: Partial<Record<RejectReason, number>>;
  /** The first rows left out (at most 1,000), in row order, one entry per row. */
  rejected: RejectedRow[];
}

/**
 * Runs as columns of numbers, one column per role (`n`, `d`, `loss`, `compute`, `x`, `y`, ...), all of
 * the same length, plus the report of which input rows were kept. Units are those of the file; the
 * roles' names say what they mean (e.g. `n` parameters, `d` tokens, `compute` FLOP).
 */
export interface RunTable<Role extends string = string> {
  /** One array per role, in kept-row order. */
  columns: Record<Role, Float64Array>;
  /** Number of kept rows (the length of every column). */
  length: number;
  /** The 1-based data row number of each kept row, in order. */
  rows: Uint32Array;
  /** Rows read, kept and rejected with reasons. */
  report: RowReport;
}
