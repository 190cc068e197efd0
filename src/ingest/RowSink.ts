import type { Cell, Table } from "./Table.js";

/**
 * Where the CSV/TSV and JSONL readers put what they read, one row at a time: columns declared in order
 * (the header's, or JSON keys as they first appear), then the cells of each row, then `endRow`. A sink
 * keeps what it needs: {@link RowObjectsSink} every cell as an object per row, `ColumnTableBuilder`
 * the requested columns as typed arrays.
 */
export interface RowSink {
  /** Declare a column (again is a no-op); returns whether its cells are wanted. */
  addColumn(name: string): boolean;
  /** A cell of the current row (only called for wanted columns). */
  cell(name: string, cell: Cell): void;
  /** Close the current row. */
  endRow(): void;
  /** Column names declared so far, in order. */
  readonly columns: readonly string[];
  /** Rows closed so far. */
  readonly rows: number;
}

/** A {@link RowSink} that keeps every cell, one object per row: a {@link Table} (small files, the web app). */
export class RowObjectsSink implements RowSink {
  readonly columns: string[] = [];
  private readonly known = new Set<string>();
  private readonly records: Record<string, Cell>[] = [];
  private current: Record<string, Cell> = {};

  get rows(): number {
    return this.records.length;
  }

  addColumn(name: string): boolean {
    if (!this.known.has(name)) {
      this.known.add(name);
      this.columns.push(name);
    }
    return true;
  }

  cell(name: string, cell: Cell): void {
    this.current[name] = cell;
  }

  endRow(): void {
    this.records.push(this.current);
    this.current = {};
  }

  /** The table; a column a row did not have reads as `null`. */
  finish(): Table {
    for (const row of this.records) for (const c of this.columns) if (!Object.hasOwn(row, c)) row[c] = null;
    return { columns: this.columns, rows: this.records };
  }
}
