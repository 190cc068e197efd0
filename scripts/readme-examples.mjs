#!/usr/bin/env node
// Regenerates the README's example outputs: every fenced block whose first line is `$ npx scalecast ...`
// (continued by trailing backslashes) is run with the built CLI from the repository root, and the lines
// after the command are replaced by what it prints (stdout and stderr, as a terminal shows them). A block
// whose output the README cuts with a last line `...` keeps the same number of lines. A command that
// fails keeps its old block and is reported; a block whose old output is an error (`scalecast: ...`)
// documents one and expects exit 2. A block right after a line `<!-- readme-examples: skip -->` (its input
// comes from an earlier step the README describes) is left as it is. Files the commands write are removed:
// new untracked files at the repository root that a command names (e.g. `--out sys.json`), and nothing
// else (a file someone creates meanwhile elsewhere in the tree is not this script's).
// Usage: npm run build && node scripts/readme-examples.mjs [--check]
//   --check: change nothing, exit 1 when an output differs from the README's; wall-clock figures (a
//   layout search's "…, 0.35 s") are compared as placeholders, since they vary with the machine's load.
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const check = process.argv.includes("--check");
const readmePath = `${root}README.md`;
const lines = readFileSync(readmePath, "utf8").split("\n");

const untracked = () =>
  new Set(
    execFileSync("git", ["ls-files", "--others", "--exclude-standard"], {
      cwd: root,
      encoding: "utf8",
    }).split("\n"),
  );
const before = untracked();

/** Lines with wall-clock figures: a search's time, which varies from run to run. */
const timing = (l) => l.replace(/^(search\s.*, )[\d.]+ s$/, "$1<seconds> s");
const comparable = (output) => output.map(timing).join("\n");
const named = new Set();

const out = [];
let changed = 0;
let failed = 0;
for (let i = 0; i < lines.length; i++) {
  out.push(lines[i]);
  if (lines[i] !== "```" || !lines[i + 1]?.startsWith("$ npx scalecast ")) continue;
  if (lines[i - 1] === "<!-- readme-examples: skip -->") continue;
  let end = i + 1;
  while (lines[end] !== "```") end++;
  const block = lines.slice(i + 1, end);
  let c = 0;
  while (block[c].endsWith("\\")) c++;
  const commandLines = block.slice(0, c + 1);
  const oldOutput = block.slice(c + 1);
  const cut = oldOutput.at(-1) === "...";
  const command = commandLines.map((l, k) => (k === 0 ? l.slice(2) : l)).join("\n");
  for (const token of command.split(/[\s=\\]+/)) named.add(token);
  const run = spawnSync("bash", ["-c", `npx() { shift; node dist/cli/main.js "$@"; }\n${command} 2>&1`], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", COLUMNS: "110" },
    maxBuffer: 1 << 26,
  });
  let output = run.stdout.replace(/\n$/, "").split("\n");
  const expected = oldOutput[0]?.startsWith("scalecast: ") ? 2 : 0;
  if (run.status !== expected) {
    failed++;
    console.error(`README line ${i + 2}: exit ${run.status}: ${command}\n  ${output.slice(-3).join("\n  ")}`);
    output = oldOutput;
  } else if (cut && output.length > oldOutput.length - 1)
    output = [...output.slice(0, oldOutput.length - 1), "..."];
  if (comparable(output) !== comparable(oldOutput)) {
    changed++;
    if (check) console.error(`README line ${i + 2}: output differs: ${commandLines[0]}`);
  }
  out.push(...commandLines, ...output);
  i = end - 1;
}

for (const f of untracked())
  if (f && !before.has(f) && !f.includes("/") && named.has(f)) rmSync(`${root}${f}`, { force: true });
if (!check) writeFileSync(readmePath, out.join("\n"));
console.log(`${changed} example output(s) ${check ? "differ" : "regenerated"}, ${failed} command(s) failed`);
process.exit(failed > 0 || (check && changed > 0) ? 1 : 0);
