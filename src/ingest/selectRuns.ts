import { InputError } from "../units/InputError.js";
import type { RunTable } from "./RunTable.js";
import { selectColumns } from "./selectColumns.js";
import type { ColumnTable } from "./ColumnTable.js";
import type { Table } from "./Table.js";

/** Options of {@link selectRuns}. */
export interface SelectRunsOptions {
  /** Derive D = C / (6N) from `n` and `compute` (see {@link selectColumns}). */
  tokensFromCompute?: boolean;
  /** Drop the `count` rows with the highest value of `role`. */
  dropHighest?: { role: string; count: number };
  /** Roles that must be positive; default every selected role. */
  positive?: string[];
}

/**
 * Select a table's columns with every row accounted for ({@link selectColumns}); no usable row at all
 * is an InputError naming the file (`source`) and the columns. `positive` defaults to every selected role.
 */
export function selectRuns(
  table: Table | ColumnTable,
  source: string,
  spec: Record<string, string>,
  options: SelectRunsOptions = {},
): RunTable {
  const positive = options.positive ?? Object.keys(spec);
  const run = selectColumns(table, spec, {
    tokensFromCompute: options.tokensFromCompute ?? false,
    positive,
    ...(options.dropHighest ? { dropHighest: options.dropHighest } : {}),
  });
  if (run.length === 0) {
    // --drop-highest K left nothing: say so, not that the rows were "not positive" (issue 16 item 8)
    const dropped = run.report.byReason["dropped-highest"] ?? 0;
    if (options.dropHighest && dropped > 0)
      throw new InputError(
        "--drop-highest",
        options.dropHighest.count,
        `fewer than the ${run.report.read - run.report.rejectedCount + dropped} usable rows of ${source} (it dropped all of them)`,
      );
    const kind = positive.length > 0 ? "a positive number" : "a number";
    throw new InputError(
      source,
      `0 of ${run.report.read} rows usable`,
      `rows with ${kind} in every selected column (${Object.values(spec).join(", ")})`,
    );
  }
  return run;
}
