import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The repository's own ESLint config, run programmatically on fixtures that break its project rules.
const root = fileURLToPath(new URL("..", import.meta.url));
const fixture = (path: string) => fileURLToPath(new URL(`fixtures/lint/${path}`, import.meta.url));

// one instance for both checks: `ignore: false` lets it lint the fixtures `npm run lint` skips
const eslint = new ESLint({ cwd: root, ignore: false });

describe("lint rules", () => {
  it("the core's purity rule rejects Node built-ins, the process, the DOM and the clock outside src/cli", async () => {
    const text = readFileSync(fixture("impureCore.ts"), "utf8");
    const lint = async (path: string) =>
      (await eslint.lintText(text, { filePath: `${root}${path}` }))[0]!.messages;
    const rejected = (await lint("src/plan/impureCore.ts")).map((m) => `${m.line}:${m.ruleId}`);
    const marked = text
      .split("\n")
      .flatMap((line, i) => (line.includes("// rejected") ? [i + 1] : []))
      .sort((a, b) => a - b);
    expect([...new Set(rejected.map((r) => Number(r.split(":")[0])))].sort((a, b) => a - b)).toEqual(marked);
    expect(rejected).toContain("3:no-restricted-imports");
    expect(rejected).toContain("11:no-restricted-globals");
    // the CLI is the edge: the same code is allowed there
    expect(await lint("src/cli/impureCore.ts")).toEqual([]);
  });

  it("no-cycle rejects two modules that import each other", async () => {
    const results = await eslint.lintFiles([fixture("cycle/a.ts"), fixture("cycle/b.ts")]);
    for (const r of results) expect(r.messages.map((m) => m.ruleId)).toEqual(["import-x/no-cycle"]);
  });
});
