import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli, readLedger, tempDir, writeStub } from "./cliHelpers.js";

const tmp = tempDir();
afterAll(() => tmp.remove());

describe("scalecast sweep (CLI)", () => {
  const sweep = join(tmp.dir, "lc.json");

  it("designs a learning curve, prints its cost and warns on a narrow design", async () => {
    const r = await cli([
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
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/learning-curve, 6 runs/);
    // FLOP of one run: 300 steps x 64 samples x 6 x params (784*8 + 8 + 8*10 + 10 = 6370) = 7.34e8, plus
    // evaluation; six runs of two widths
    expect(r.stdout).toMatch(/cost {5}\d\.\d\de\+\d+ FLOP, .* device-hours, \$.* on h100-sxm/);
    expect(r.stdout).toMatch(/warning: only 3 data size/);
    expect(r.stdout).toMatch(/warning: data size 100: 2 width\(s\) tried/);
    const doc = JSON.parse(readFileSync(sweep, "utf8"));
    expect(doc.points).toHaveLength(6);
    expect(doc.cost.flops).toBeGreaterThan(3 * 2 * 300 * 64 * 6 * 6370 * 0.5);
  });

  it("rejects unknown flags and bad templates with one line and exit 2", async () => {
    const a = await cli([
      "sweep",
      "design",
      "--kind",
      "batch",
      "--target",
      "0.1",
      "--out",
      join(tmp.dir, "b.json"),
      "--widht",
      "4",
    ]);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/--widht/);
    const b = await cli([
      "sweep",
      "run",
      sweep,
      "--results",
      join(tmp.dir, "r0"),
      "--command",
      "t.sh {depth}",
    ]);
    expect(b.code).toBe(2);
    expect(b.stderr.trim().split("\n")).toHaveLength(1);
    const c = await cli(["sweep", "design", "--kind", "batch", "--out", join(tmp.dir, "b.json")]);
    expect(c.stderr).toMatch(/--target/);
  });

  it("prints a Slurm array script and a Kubernetes Indexed Job without running anything", async () => {
    const res = join(tmp.dir, "printed");
    const r = await cli([
      "sweep",
      "run",
      sweep,
      "--results",
      res,
      "--executor",
      "print",
      "--concurrency",
      "3",
      "--partition",
      "gpu",
      "--gpus-per-task",
      "1",
      "--time",
      "01:00:00",
      "--json",
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const script = readFileSync(out.slurmScript, "utf8");
    expect(script).toMatch(/^#SBATCH --array=0-5%3$/m);
    expect(script).toMatch(/^#SBATCH --partition=gpu$/m);
    expect(script).toMatch(/^#SBATCH --gpus-per-task=1$/m);
    expect(script).toMatch(/^#SBATCH --time=01:00:00$/m);
    expect(script).toMatch(/point\.sh' "\$SLURM_ARRAY_TASK_ID"$/m);
    const job = JSON.parse(readFileSync(out.kubernetesJob, "utf8"));
    expect(job.spec).toMatchObject({ completionMode: "Indexed", completions: 6, parallelism: 3 });
    expect(job.spec.template.spec.containers[0].resources.limits["nvidia.com/gpu"]).toBe(1);
    expect(readFileSync(join(res, ".scalecast", "ids.txt"), "utf8").split("\n")[0]).toBe(
      "d100_w8_b64_lr0.001_s0_adam",
    );
    expect(existsSync(join(res, "runs", "d100_w8_b64_lr0.001_s0_adam", "result.json"))).toBe(false);
  });

  it("refuses a flag its executor would ignore, and Slurm limits sbatch would reject, before running", async () => {
    const res = join(tmp.dir, "refused");
    const base = ["sweep", "run", sweep, "--results", res];
    const local = await cli([...base, "--partition", "gpu"]);
    expect(local.code).toBe(2);
    expect(local.stderr).toMatch(
      /^scalecast: --partition: got "gpu", expected --executor slurm or print: the local executor does not use it/,
    );
    const image = await cli([...base, "--executor", "slurm", "--image", "node:22"]);
    expect(image.stderr).toMatch(/--image: got "node:22", expected --executor print/);
    const mem = await cli([...base, "--executor", "print", "--mem", "16 GB"]);
    expect(mem.stderr).toMatch(/--mem: got "16 GB", expected sbatch's memory per node/);
    const time = await cli([...base, "--executor", "print", "--time", "1h"]);
    expect(time.stderr).toMatch(/--time: got "1h", expected sbatch's time limit/);
    // nothing was written for a refused command line
    expect(existsSync(res)).toBe(false);
  });

  it("runs a local sweep, reports a failed point with its log tail, and never reruns a finished point", async () => {
    const { script, ledger } = writeStub(tmp.dir);
    const res = join(tmp.dir, "local");
    const failing = "d200_w16_b64_lr0.001_s0_adam";
    const command = `${script} {id} {data} {width} {out} 0 ${failing}`;
    const r1 = await cli([
      "sweep",
      "run",
      sweep,
      "--results",
      res,
      "--command",
      command,
      "--concurrency",
      "2",
      "--retries",
      "1",
    ]);
    expect(r1.code).toBe(1); // a point failed
    expect(r1.stdout).toMatch(/5 of 6 points finished, 1 failed/);
    expect(r1.stdout).toMatch(
      new RegExp(`failed {3}${failing}: 2 attempt\\(s\\), exit code 7; left out of the fit`),
    );
    expect(r1.stdout).toMatch(/\| loss is nan at step 3/);
    const c = await cli(["sweep", "collect", res, "--json"]);
    const j = JSON.parse(c.stdout);
    expect(Object.keys(j)).toEqual(["rows", "missing", "failed", "rejected"]);
    expect(j.rows).toHaveLength(5);
    expect(j.rows[0]).toMatchObject({ data: 100, width: 8, test_error: 0.2 + 0.125, params: 80 });
    expect(j.failed.map((f: { id: string }) => f.id)).toEqual([failing]);
    // a second run starts nothing that finished, and the failed point stays failed (attempts used up)
    const before = readLedger(ledger).length;
    const r2 = await cli(["sweep", "run", sweep, "--results", res, "--command", command]);
    expect(r2.stdout).toMatch(/0 attempts started here, 5 found finished/);
    expect(readLedger(ledger)).toHaveLength(before);
    const starts = readLedger(ledger)
      .filter(([e]) => e === "start")
      .map(([, id]) => id);
    expect(starts.filter((id) => id === failing)).toHaveLength(2);
    expect(new Set(starts.filter((id) => id !== failing)).size).toBe(5);
    const csv = join(tmp.dir, "runs.csv");
    await cli(["sweep", "collect", res, "--out", csv]);
    expect(readFileSync(csv, "utf8").split("\n")[0]).toBe(
      "id,data,width,batch,lr,seed,optimizer,val_error,test_error,params,steps,seconds",
    );
  });

  it("refuses a results folder that holds another sweep", async () => {
    const other = join(tmp.dir, "other.json");
    await cli([
      "sweep",
      "design",
      "--kind",
      "learning-curve",
      "--data",
      "100,300",
      "--widths",
      "8",
      "--out",
      other,
    ]);
    const r = await cli(["sweep", "run", other, "--results", join(tmp.dir, "local"), "--executor", "print"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/holding this sweep or a sweep it extends/);
  });
});
