/** The Fit page's column choices: one select per role of the law, guessed from the header and the URL. */
import { param } from "../state.js";
import { field, select } from "../ui.js";

function columnSelect(name: string, columns: string[], value: string, optional: boolean) {
  return select(
    name,
    optional ? [["", "(none)"], ...columns.map((c): [string, string] => [c, c])] : columns,
    value,
  );
}

function guess(columns: string[], wanted: string, names: RegExp, index: number): string {
  return columns.includes(wanted) ? wanted : (columns.find((c) => names.test(c)) ?? columns[index] ?? "");
}

/** The column fields for a law: x, y and p(m) for learning curves; N, D or C, loss (or S) for two inputs. */
export function columnFields(c: string[], lawName: string, nd: boolean): HTMLElement[] {
  const v = (name: string, fallback: string) => param(name, "") || fallback;
  const parts: [string, string, string, boolean][] = !nd
    ? [
        ["x", "x column (data size)", guess(c, v("x", "x"), /^x$|words|tokens|samples|data/i, 0), false],
        ["y", "y column (loss or error)", guess(c, v("y", "y"), /^y$|loss|error/i, 1), false],
        [
          "params",
          "Model-size column (optional, HAD19 p(m))",
          v("params", c.includes("params") ? "params" : ""),
          true,
        ],
      ]
    : lawName === "kaplan-ns"
      ? [
          ["n", "N column (parameters)", guess(c, v("n", "n"), /param|size|^n$/i, 0), false],
          ["s", "S column (steps)", guess(c, v("s", "s"), /step|^s$/i, 1), false],
          ["loss", "Loss column", guess(c, v("loss", "loss"), /loss/i, 2), false],
        ]
      : [
          ["n", "N column (parameters)", guess(c, v("n", "n"), /param|size|^n$/i, 0), false],
          ["d", "D column (tokens)", guess(c, v("d", "d"), /token|^d$/i, 1), true],
          ["compute", "or C column (FLOP): D = C / (6N)", v("compute", ""), true],
          ["loss", "Loss column", guess(c, v("loss", "loss"), /loss/i, 2), false],
        ];
  return parts.map(([name, label, value, opt]) => field(label, columnSelect(name, c, value, opt)));
}
