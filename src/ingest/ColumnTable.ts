import type { Cell } from "./Table.js";

/** How a cell read as a number: a finite number, empty (blank or absent), or not a number. */
export type CellStatus = typeof CELL_OK | typeof CELL_EMPTY | typeof CELL_NON_NUMERIC;

/** The cell is blank, `null` or absent (0, so that rows a JSONL line leaves out read as empty). */
export const CELL_EMPTY = 0;
/** The cell is a finite number (see {@link parseCell}). */
export const CELL_OK = 1;
/** The cell holds text that is not a number, `NaN`, a boolean, an array or an object. */
export const CELL_NON_NUMERIC = 2;

/**
 * Cells kept as read, per column and per kind, for the rejected-row report: the first this-many
 * non-numeric cells and the first this-many zero-or-negative cells. The report lists at most
 * {@link REPORTED_REJECTIONS} rows, in row order, so every value it can show is among these.
 */
export const KEPT_RAW_CELLS = 1000;

/** Rejected rows listed one by one in a report (the rest are counted by reason). */
export const REPORTED_REJECTIONS = 1000;

/**
 * One column of a runs file as numbers: a typed array of values and one status byte per row, about
 * 9 bytes a row whatever the text. Cells that a selection may reject are kept as read, a bounded
 * number of them (see {@link KEPT_RAW_CELLS}), so a report can show what was in the file.
 */
export interface ReadColumn {
  /** The cell as a number (see {@link parseCell}); meaningful only where `status` is {@link CELL_OK}. */
  values: Float64Array;
  /** One {@link CellStatus} per row. */
  status: Uint8Array;
  /**
   * 0-based row → the cell as read, for the first {@link KEPT_RAW_CELLS} non-numeric cells and the
   * first {@link KEPT_RAW_CELLS} cells whose number is zero or negative.
   */
  raw: ReadonlyMap<number, Cell>;
  /** The cell as read, for columns asked for as identifiers (`ids`); absent otherwise. */
  cellAt?: (row: number) => Cell;
}

/**
 * A runs file read column by column: every column name, the number of data rows, and the columns
 * that were asked for, as numbers. Memory is proportional to the rows times the columns kept, not to
 * the text (a 6M-row file with three used columns needs about 160 MB however wide it is).
 */
export interface ColumnTable {
  /** Every column name: the header's, in order (CSV/TSV), or the keys in order of first appearance (JSONL). */
  columns: string[];
  /** Data rows read (blank lines are not rows). */
  rows: number;
  /** The columns asked for that the file has, by name. */
  data: ReadonlyMap<string, ReadColumn>;
}

/** Which columns to keep while reading: by name; `ids` also keep each cell as read (e.g. a trial name). */
export interface ColumnRequest {
  /** Columns read as numbers. A name the file does not have is left out (the caller names it in its error). */
  numbers: readonly string[];
  /** Columns whose cells are also kept as read (dictionary-encoded), such as a trial id. */
  ids?: readonly string[];
}

/** Whether a value is a {@link ColumnTable} (rather than a row-object {@link Table}). */
export function isColumnTable(t: object): t is ColumnTable {
  return "data" in t && (t as ColumnTable).data instanceof Map;
}
