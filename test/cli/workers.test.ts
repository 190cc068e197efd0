import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// Runs the built CLI (npm test builds first), since worker threads load dist/cli/fitWorker.js.
const CLI = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

describe("worker threads", () => {
  it("a fit on 2 worker threads gives the same parameters and bootstrap draws as one thread", () => {
    const dir = mkdtempSync(join(tmpdir(), "scalecast-"));
    const file = join(dir, "runs.csv");
    // Chinchilla-shaped losses, L = 1.8 + 400/N^0.34 + 400/D^0.28, with a deterministic ±1% wiggle
    const rows: string[] = ["n,d,loss"];
    let k = 0;
    for (const n of [1e7, 3e7, 1e8, 3e8, 1e9])
      for (const d of [1e9, 3e9, 1e10, 3e10])
        rows.push(`${n},${d},${(1.8 + 400 / n ** 0.34 + 400 / d ** 0.28) * (1 + 0.01 * Math.sin(k++))}`);
    writeFileSync(file, rows.join("\n"));
    const fitWith = (workers: number) =>
      JSON.parse(
        execFileSync(
          "node",
          [
            CLI,
            "fit",
            file,
            "--law",
            "chinchilla",
            "--n",
            "n",
            "--d",
            "d",
            "--bootstrap",
            "120",
            "--workers",
            String(workers),
            "--json",
          ],
          {
            encoding: "utf8",
          },
        ),
      );
    try {
      const one = fitWith(0);
      const two = fitWith(2);
      expect(two.params).toEqual(one.params);
      expect(two.bootstrap.draws).toEqual(one.bootstrap.draws);
      expect(one.diagnostics.starts.tried).toBe(4500);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
