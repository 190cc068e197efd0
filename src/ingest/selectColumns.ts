import { InputError } from "../units/InputError.js";
import {
  CELL_EMPTY,
  CELL_OK,
  type ColumnTable,
  isColumnTable,
  type ReadColumn,
  REPORTED_REJECTIONS,
} from "./ColumnTable.js";
import { markDuplicates } from "./markDuplicates.js";
import { markHighest } from "./markHighest.js";
import type { RejectedRow, RejectReason, RowReport, RunTable } from "./RunTable.js";
import type { Table } from "./Table.js";
import { tableColumns } from "./tableColumns.js";

/** Options for {@link selectColumns}. */
export interface SelectColumnsOptions {
  /**
   * Derive a `d` (tokens) role from `compute` and `n` as D = C / (6 N), from the approximation
   * C ≈ 6 N D (Kaplan et al. 2020, section 2.1; Hoffmann et al. 2022, section 3). Requires `n` and
   * `compute` in the spec and no `d`; `n` and `compute` must then be > 0. Default `false`.
   */
  tokensFromCompute?: boolean;
  /**
   * After the other checks, drop the `count` kept rows with the highest value of `role` (ties: the
   * earlier row is dropped first), as Besiroglu et al. 2024 drop the 5 highest-loss Chinchilla points.
   * Default: drop nothing.
   */
  dropHighest?: { role: string; count: number };
  /** Roles whose values must be > 0; other rows are rejected as `"non-positive"`. Default `[]`. */
  positive?: readonly string[];
}

/** A row's fate: 0 kept, else why it was left out (index into {@link REASONS}). */
const REASONS: readonly (RejectReason | null)[] = [
  null,
  "empty",
  "non-numeric",
  "non-positive",
  "duplicate",
  "dropped-highest",
];
const [EMPTY, NON_NUMERIC, NON_POSITIVE, DUPLICATE, DROPPED] = [1, 2, 3, 4, 5];

/**
 * Turn a table into a {@link RunTable}: pick one column per role, read the cells as numbers
 * (see {@link parseCell}), and account for every row. Checks, in order, each row rejected for the
 * first that fails:
 *
 * 1. each selected cell, in spec order: `"empty"`, then `"non-numeric"`, then `"non-positive"` for the
 *    roles in `positive` (and `n`, `compute` when `tokensFromCompute`);
 * 2. `"duplicate"`: the same values in every selected role as an earlier kept row;
 * 3. `"dropped-highest"`: see {@link SelectColumnsOptions.dropHighest}.
 *
 * A result with no rows is returned, not thrown: the report says why. Works on typed arrays with a few
 * bytes of bookkeeping per row, so millions of rows select in seconds without an object per row.
 *
 * @param table - a {@link ColumnTable} (from `readColumns` or `readColumnsStream`, with the spec's
 *   columns requested) or a row-object {@link Table} (from `readTable`).
 * @param spec - role → column name, e.g. `{ n: "Model Size", compute: "Training FLOP", loss: "loss" }`.
 * @param options - see {@link SelectColumnsOptions}.
 * @throws InputError when a column is missing (listing the available ones) or an option is inconsistent.
 */
export function selectColumns<Role extends string>(
  table: Table | ColumnTable,
  spec: Record<Role, string>,
  options: SelectColumnsOptions & { tokensFromCompute: true },
): RunTable<Role | "d">;
export function selectColumns<Role extends string>(
  table: Table | ColumnTable,
  spec: Record<Role, string>,
  options?: SelectColumnsOptions,
): RunTable<Role>;
export function selectColumns(
  table: Table | ColumnTable,
  spec: Record<string, string>,
  options: SelectColumnsOptions = {},
): RunTable<string> {
  const { tokensFromCompute = false, dropHighest } = options;
  const roles = Object.keys(spec);
  checkSpec(table.columns, spec, roles);
  const outputRoles = tokensFromCompute ? [...roles, "d"] : roles;
  const positiveRoles = checkOptions(spec, roles, outputRoles, options);
  const source = isColumnTable(table) ? table : tableColumns(table, { numbers: Object.values(spec) });
  const read = roles.map((role) => {
    const column = source.data.get(spec[role]!);
    if (!column) throw new Error(`selectColumns: column "${spec[role]}" was not read (request it)`);
    return column;
  });
  const n = source.rows;
  const fate = new Uint8Array(n);
  const fateRole = new Uint8Array(n);
  const mustBePositive = roles.map((role) => positiveRoles.has(role));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < read.length; j++) {
      const c = read[j]!;
      const status = c.status[i];
      if (status === CELL_OK) {
        if (mustBePositive[j] && !(c.values[i]! > 0)) {
          fate[i] = NON_POSITIVE;
          fateRole[i] = j;
          break;
        }
        continue;
      }
      fate[i] = status === CELL_EMPTY ? EMPTY : NON_NUMERIC;
      fateRole[i] = j;
      break;
    }
  }
  const duplicateOf = new Map<number, number>();
  markDuplicates(
    read.map((c) => c.values),
    fate,
    DUPLICATE,
    (row, of) => {
      if (duplicateOf.size < REPORTED_REJECTIONS) duplicateOf.set(row, of);
    },
  );
  const derivedD = tokensFromCompute
    ? tokensOf(read[roles.indexOf("n")]!.values, read[roles.indexOf("compute")]!.values)
    : null;
  const valuesOf = (role: string) =>
    role === "d" && derivedD ? derivedD : read[roles.indexOf(role)]!.values;
  if (dropHighest !== undefined) markHighest(valuesOf(dropHighest.role), fate, DROPPED, dropHighest.count);

  let kept = 0;
  for (let i = 0; i < n; i++) if (fate[i] === 0) kept++;
  const rows = new Uint32Array(kept);
  for (let i = 0, k = 0; i < n; i++) if (fate[i] === 0) rows[k++] = i + 1;
  const columns: Record<string, Float64Array> = {};
  for (const role of outputRoles) {
    const all = valuesOf(role);
    const out = new Float64Array(kept);
    for (let k = 0; k < kept; k++) out[k] = all[rows[k]! - 1]!;
    columns[role] = out;
  }
  const report = reportOf(fate, (i, reason) => {
    const entry: RejectedRow = { row: i + 1, reason };
    if (reason === "duplicate") entry.duplicateOf = duplicateOf.get(i)! + 1;
    else if (reason === "dropped-highest") {
      entry.column = spec[dropHighest!.role] ?? dropHighest!.role;
      entry.value = valuesOf(dropHighest!.role)[i]!;
    } else {
      const c = read[fateRole[i]!]!;
      entry.column = spec[roles[fateRole[i]!]!]!;
      entry.value = reason === "empty" ? null : cellOf(c, i);
    }
    return entry;
  });
  return { columns, length: kept, rows, report };
}

/** The cell as read when it was kept, else its number. */
function cellOf(c: ReadColumn, i: number) {
  return c.raw.get(i) ?? c.values[i]!;
}

/** D = C / (6 N) per row (Kaplan et al. 2020 §2.1); rows not kept are left as computed (unused). */
function tokensOf(n: Float64Array, compute: Float64Array): Float64Array {
  const d = new Float64Array(n.length);
  for (let i = 0; i < n.length; i++) d[i] = compute[i]! / (6 * n[i]!);
  return d;
}

/** Counts by reason and the first {@link REPORTED_REJECTIONS} rejected rows, in row order. */
function reportOf(fate: Uint8Array, describe: (row: number, reason: RejectReason) => RejectedRow): RowReport {
  const byReason: Partial<Record<RejectReason, number>> = {};
  const rejected: RejectedRow[] = [];
  let rejectedCount = 0;
  for (let i = 0; i < fate.length; i++) {
    const reason = REASONS[fate[i]!];
    if (!reason) continue;
    rejectedCount++;
    byReason[reason] = (byReason[reason] ?? 0) + 1;
    if (rejected.length < REPORTED_REJECTIONS) rejected.push(describe(i, reason));
  }
  return { read: fate.length, kept: fate.length - rejectedCount, rejectedCount, byReason, rejected };
}

/** The roles that must be positive, after checking the options against the spec. */
function checkOptions(
  spec: Record<string, string>,
  roles: string[],
  outputRoles: string[],
  options: SelectColumnsOptions,
): Set<string> {
  const { tokensFromCompute = false, dropHighest, positive = [] } = options;
  const positiveRoles = new Set(positive);
  if (tokensFromCompute) {
    if (!("n" in spec) || !("compute" in spec)) {
      throw new InputError(
        "tokensFromCompute",
        true,
        `n and compute columns in the spec (got roles ${roles.join(", ")})`,
      );
    }
    if ("d" in spec) {
      throw new InputError(
        "tokensFromCompute",
        true,
        `no d column in the spec, since d is derived (d is "${spec.d}")`,
      );
    }
    positiveRoles.add("n");
    positiveRoles.add("compute");
  }
  for (const role of positiveRoles) {
    if (!outputRoles.includes(role)) {
      throw new InputError("positive", role, `one of the roles ${outputRoles.join(", ")}`);
    }
  }
  if (dropHighest !== undefined) {
    if (!outputRoles.includes(dropHighest.role)) {
      throw new InputError(
        "dropHighest.role",
        dropHighest.role,
        `one of the roles ${outputRoles.join(", ")}`,
      );
    }
    if (!Number.isInteger(dropHighest.count) || dropHighest.count < 0) {
      throw new InputError("dropHighest.count", dropHighest.count, "a non-negative integer");
    }
  }
  return positiveRoles;
}

function checkSpec(columns: readonly string[], spec: Record<string, string>, roles: string[]): void {
  if (roles.length === 0) throw new InputError("spec", spec, "at least one role mapped to a column");
  if (roles.length > 255) throw new InputError("spec", `${roles.length} roles`, "at most 255 roles");
  for (const role of roles) {
    const column = spec[role];
    if (typeof column !== "string" || !columns.includes(column)) {
      const available = columns.map((name) => JSON.stringify(name)).join(", ");
      throw new InputError(`column for ${role}`, column, `one of the columns ${available}`);
    }
  }
}
