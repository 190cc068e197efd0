import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Io } from "../../src/cli/io.js";
import { runCli } from "../../src/cli/runCli.js";

/** Run the CLI in-process against the real file system; returns exit code and output. */
export async function cli(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    readText: (p) => readFileSync(p, "utf8"),
    writeText: (p, t) => writeFileSync(p, t),
    isTTY: false,
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

/** A temporary folder, removed by the returned function. */
export function tempDir(prefix = "scalecast-sweep-"): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A stub training script: appends "start ID" and "end ID" to a ledger, sleeps, fails when asked, and
 * logs error = 2/sqrt(data) + 1/width as JSONL (a val_error series and a final test_error).
 */
export function writeStub(dir: string): { script: string; ledger: string } {
  const script = join(dir, "stub.sh");
  const ledger = join(dir, "ledger.txt");
  writeFileSync(
    script,
    `#!/usr/bin/env bash
# usage: stub.sh ID DATA WIDTH OUT SLEEP FAIL_ID
id=$1; d=$2; w=$3; out=$4; nap=\${5:-0}; fail=\${6:-none}
echo "start $id" >> ${ledger}
sleep "$nap"
if [ "$id" = "$fail" ]; then echo "loss is nan at step 3" >&2; exit 7; fi
err=$(awk -v d=$d -v w=$w 'BEGIN { print 2 / sqrt(d) + 1 / w }')
printf '{"step": 5, "val_error": %s}\\n{"step": 5, "test_error": %s, "params": %d, "final": true}\\n' "$err" "$err" $((w * 10)) > "$out/metrics.jsonl"
echo "end $id" >> ${ledger}
`,
    { mode: 0o755 },
  );
  writeFileSync(ledger, "");
  return { script, ledger };
}

/** Ledger lines as [event, id]. */
export function readLedger(ledger: string): [string, string][] {
  return readFileSync(ledger, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => l.split(" ") as [string, string]);
}
