import { ColumnTableBuilder } from "./ColumnBuilder.js";
import type { ColumnRequest, ColumnTable } from "./ColumnTable.js";
import type { Table } from "./Table.js";

/**
 * The requested columns of a row-object {@link Table} as a {@link ColumnTable} (so that one selection
 * code serves both; for files read whole, such as the web app's).
 */
export function tableColumns(table: Table, request: ColumnRequest): ColumnTable {
  const builder = new ColumnTableBuilder(request);
  const kept = table.columns.filter((name) => builder.addColumn(name));
  for (const row of table.rows) {
    for (const name of kept) builder.cell(name, row[name] ?? null);
    builder.endRow();
  }
  return builder.finish();
}
