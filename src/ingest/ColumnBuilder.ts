import {
  CELL_EMPTY,
  CELL_NON_NUMERIC,
  CELL_OK,
  type ColumnRequest,
  type ColumnTable,
  KEPT_RAW_CELLS,
  type ReadColumn,
} from "./ColumnTable.js";
import { parseCell } from "./parseCell.js";
import type { RowSink } from "./RowSink.js";
import type { Cell } from "./Table.js";

const FIRST_CAPACITY = 1024;

/** Grow a typed array to at least `need` entries (doubling), keeping its contents. */
function grow<T extends Float64Array | Uint8Array | Int32Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  let size = a.length;
  while (size < need) size *= 2;
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}

/** Accumulates one column's cells as numbers (and, for an id column, as dictionary codes). */
class ColumnBuilder {
  values = new Float64Array(FIRST_CAPACITY);
  status = new Uint8Array(FIRST_CAPACITY);
  readonly raw = new Map<number, Cell>();
  private nonNumericKept = 0;
  private nonPositiveKept = 0;
  /** Dictionary code + 1 of each row's cell (0: empty), for id columns. */
  private codes: Int32Array | null = null;
  private readonly dictionary: Cell[] = [];
  private readonly codeOf = new Map<string | number, number>();

  constructor(ids: boolean) {
    if (ids) this.codes = new Int32Array(FIRST_CAPACITY);
  }

  /** Set row `row` (0-based; rows arrive in order, and skipped rows are filled as empty by the table). */
  set(row: number, cell: Cell): void {
    if (row >= this.values.length) {
      this.values = grow(this.values, row + 1);
      this.status = grow(this.status, row + 1);
      if (this.codes) this.codes = grow(this.codes, row + 1);
    }
    const parsed = parseCell(cell);
    if (parsed.ok) {
      this.values[row] = parsed.value;
      this.status[row] = CELL_OK;
      if (parsed.value <= 0 && this.nonPositiveKept < KEPT_RAW_CELLS) {
        this.nonPositiveKept++;
        this.raw.set(row, cell);
      }
    } else {
      this.status[row] = parsed.reason === "empty" ? CELL_EMPTY : CELL_NON_NUMERIC;
      if (parsed.reason === "non-numeric" && this.nonNumericKept < KEPT_RAW_CELLS) {
        this.nonNumericKept++;
        this.raw.set(row, cell);
      }
    }
    if (this.codes) {
      let code = 0;
      if (cell !== null) {
        code = this.codeOf.get(cell) ?? 0;
        if (code === 0) {
          this.dictionary.push(cell);
          code = this.dictionary.length;
          this.codeOf.set(cell, code);
        }
      }
      this.codes[row] = code;
    }
  }

  /** The finished column, trimmed to `rows`. */
  finish(rows: number): ReadColumn {
    this.values = grow(this.values, rows);
    this.status = grow(this.status, rows);
    if (this.codes) this.codes = grow(this.codes, rows);
    const out: ReadColumn = {
      values: this.values.slice(0, rows),
      status: this.status.slice(0, rows),
      raw: this.raw,
    };
    const codes = this.codes?.slice(0, rows);
    if (codes) {
      const dictionary = this.dictionary;
      out.cellAt = (row) => {
        const c = codes[row] ?? 0;
        return c === 0 ? null : (dictionary[c - 1] ?? null);
      };
    }
    return out;
  }
}

/**
 * Builds a {@link ColumnTable} row by row, keeping only the requested columns: the record sink that the
 * CSV/TSV and JSONL readers, text and streaming, all feed.
 */
export class ColumnTableBuilder implements RowSink {
  private readonly builders = new Map<string, ColumnBuilder>();
  private readonly wanted: ReadonlySet<string>;
  private readonly ids: ReadonlySet<string>;
  /** Column names in order (header, or first appearance). */
  readonly columns: string[] = [];
  private readonly known = new Set<string>();
  /** Data rows added so far. */
  rows = 0;

  constructor(request: ColumnRequest) {
    this.ids = new Set(request.ids ?? []);
    this.wanted = new Set([...request.numbers, ...this.ids]);
  }

  /** Declare a column (in order); returns whether it is kept. */
  addColumn(name: string): boolean {
    if (!this.known.has(name)) {
      this.known.add(name);
      this.columns.push(name);
      if (this.wanted.has(name)) this.builders.set(name, new ColumnBuilder(this.ids.has(name)));
    }
    return this.builders.has(name);
  }

  /** Set a cell of the current row (call {@link endRow} after the row's cells). */
  cell(name: string, cell: Cell): void {
    this.builders.get(name)?.set(this.rows, cell);
  }

  /** Finish the current row; kept columns not set in it read as empty. */
  endRow(): void {
    this.rows++;
  }

  /** The table read so far. */
  finish(): ColumnTable {
    const data = new Map<string, ReadColumn>();
    for (const [name, b] of this.builders) data.set(name, b.finish(this.rows));
    return { columns: this.columns, rows: this.rows, data };
  }
}
