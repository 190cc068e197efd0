import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readLedger, tempDir, writeStub } from "./cliHelpers.js";
import { checkExactlyOnce, ends, MAIN, startRunner, waitFor } from "./resume.js";

// A real Slurm cluster: CI starts a single-node one with .ci/slurm-local.sh (which prints SLURM_CONF);
// elsewhere these tests skip, saying why.
const DEFAULT_CONF = "/tmp/scalecast-slurm/slurm.conf";
const env = {
  ...process.env,
  ...(process.env.SLURM_CONF || !existsSync(DEFAULT_CONF) ? {} : { SLURM_CONF: DEFAULT_CONF }),
};

function clusterAnswers(): string | null {
  try {
    execFileSync("sbatch", ["--version"], { stdio: "ignore" });
  } catch {
    return "sbatch is not installed";
  }
  try {
    const out = execFileSync("sinfo", ["-h", "-o", "%a %T"], { env, encoding: "utf8", timeout: 10_000 });
    if (!/up\s+(idle|mixed|alloc)/.test(out))
      return `no partition is up with a usable node (sinfo: ${out.trim() || "empty"})`;
    return null;
  } catch (e) {
    return `no Slurm controller answers (${(e as Error).message.split("\n")[0]}); start one with .ci/slurm-local.sh start`;
  }
}

const why = clusterAnswers();
if (why) console.warn(`[scalecast tests] Slurm tests skipped: ${why}`);

const tmp = tempDir("scalecast-slurm-");
afterAll(() => tmp.remove());

describe.skipIf(why !== null)("Slurm executor on a real cluster", () => {
  it("runs a job array, survives kill -9 of the runner, resubmits a failed point, and collects", async () => {
    const sweep = join(tmp.dir, "lc.json");
    execFileSync(
      process.execPath,
      [
        MAIN,
        "sweep",
        "design",
        "--kind",
        "learning-curve",
        "--data",
        "100,200,400",
        "--widths",
        "8,16",
        "--out",
        sweep,
      ],
      { env },
    );
    const { script, ledger } = writeStub(tmp.dir);
    // one point fails on its first attempt only: the runner must resubmit it
    const flaky = "d200_w8_b64_lr0.001_s0_adam";
    const marker = join(tmp.dir, "flaky-failed-once");
    const wrapper = join(tmp.dir, "flaky.sh");
    writeFileSync(
      wrapper,
      `#!/usr/bin/env bash\nif [ "$1" = "${flaky}" ] && [ ! -e ${marker} ]; then touch ${marker}; exec ${script} "$@" ${flaky}; fi\nexec ${script} "$@"\n`,
      { mode: 0o755 },
    );
    const res = join(tmp.dir, "results");
    mkdirSync(res);
    const args = [
      sweep,
      "--results",
      res,
      "--executor",
      "slurm",
      "--command",
      `${wrapper} {id} {data} {width} {out} 1`,
      "--concurrency",
      "2",
      "--poll",
      "0.5",
      "--retries",
      "1",
    ];
    const first = startRunner(args, env);
    await waitFor(() => ends(ledger).size >= 1, 90, "a first point to finish under Slurm");
    first.child.kill("SIGKILL");
    await first.done;
    expect(ends(ledger).size).toBeLessThan(6);
    const second = startRunner(args, env);
    expect(await second.done).toBe(0);
    const { starts } = checkExactlyOnce(res, ledger);
    expect(starts.get(flaky)).toBe(2);
    for (const [id, n] of starts) if (id !== flaky) expect(n).toBe(1);
    expect(readLedger(ledger).filter(([e]) => e === "start")).toHaveLength(7);
    const collected = JSON.parse(
      execFileSync(process.execPath, [MAIN, "sweep", "collect", res, "--json"], { env, encoding: "utf8" }),
    );
    expect(collected.rows).toHaveLength(6);
    expect(collected.failed).toEqual([]);
  });
});
