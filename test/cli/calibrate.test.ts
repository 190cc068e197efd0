import { describe, expect, it } from "vitest";
import { run } from "./run.js";

const layouts = [
  "dp=8,tp=1,pp=1,vp=1,mb=2,recompute=none,sp=off,zero=1",
  "dp=4,tp=2,pp=1,vp=1,mb=4,recompute=full,sp=on,zero=0",
];

/** Step times "measured" on a system whose GEMM ceiling is `ceiling`. */
async function measured(ceiling: number) {
  const rows = ["model,layout,global_batch,step_seconds"];
  for (const layout of layouts) {
    const p = await run([
      "plan",
      "gpt3-1.3b",
      "--hardware",
      "a100-80gb",
      "--devices",
      "8",
      "--global-batch",
      "64",
      "--layout",
      layout,
      "--max-fraction",
      String(ceiling),
      "--json",
    ]);
    expect(p.code).toBe(0);
    rows.push(`gpt3-1.3b,"${layout}",64,${JSON.parse(p.stdout).step.seconds}`);
  }
  return rows;
}

describe("scalecast calibrate", () => {
  it("recovers a known ceiling, writes a system file, and plan --system predicts with it", async () => {
    const rows = await measured(0.5);
    const r = await run(["calibrate", "runs.csv", "--hardware", "a100-80gb", "--out", "sys.json", "--json"], {
      "runs.csv": rows.join("\n"),
    });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.ceiling.after).toBeCloseTo(0.5, 3);
    expect(j.after.rmsPct).toBeLessThan(0.5);
    const system = r.written["sys.json"]!;
    expect(JSON.parse(system).accelerator.efficiency.gemm.ceiling.bf16).toBeCloseTo(0.5, 3);
    // the calibrated system reproduces the "measured" step time through plan
    const plan = ["plan", "gpt3-1.3b", "--system", "sys.json", "--devices", "8", "--global-batch", "64"];
    const p = await run([...plan, "--layout", layouts[0]!, "--json"], { "sys.json": system });
    expect(p.code).toBe(0);
    expect(JSON.parse(p.stdout).step.seconds).toBeCloseTo(Number(rows[1]!.split(",").at(-1)), 4);
    // the text names the system's own fit beside the corpus's error band
    const text = await run([...plan, "--layout", layouts[0]!], { "sys.json": system });
    expect(text.stdout).toMatch(
      /this system was calibrated on \d+ of your \d+ runs, RMS error [\d.]+% before and [\d.]+% after/,
    );
  });

  it("every row is kept or rejected with its reason; one bad row does not spoil the fit", async () => {
    const rows = await measured(0.5);
    const bad = [
      ...rows,
      'gpt3-1.3b,"dp=7,tp=3",64,1.0', // 21 devices in a 64-sample batch: dp·mb does not divide
      'gpt3-1.3b,"dp=8",64,1e308', // absurd step time
      'gpt3-1.3b,"dp=8",0,1.0', // no batch
    ];
    const csv = [...bad, ""].join("\n").replace("step_seconds", "step_seconds");
    const r = await run(["calibrate", "runs.csv", "--hardware", "a100-80gb", "--json"], { "runs.csv": csv });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.ceiling.after).toBeCloseTo(0.5, 3);
    const rejected = j.rows.filter((v: { kept: boolean }) => !v.kept);
    expect(rejected.map((v: { row: number }) => v.row)).toEqual([3, 4, 5]);
    expect(rejected[0].reason).toMatch(/global batch 64 is not a multiple of dp·mb = 7·1/);
    expect(rejected[1].reason).toMatch(/step_seconds 1e\+308 exceeds a day per step/);
    expect(rejected[2].reason).toMatch(/global_batch 0 is not a positive finite number/);
    const mfu = await run(["calibrate", "m.csv", "--hardware", "a100-80gb", "--json"], {
      "m.csv": 'model,layout,global_batch,mfu\ngpt3-1.3b,"dp=8",64,1.7\ngpt3-1.3b,"dp=8",64,0.4\n',
    });
    expect(JSON.parse(mfu.stdout).rows[0].reason).toMatch(/mfu 1.7 is above 1/);
  });

  it("a file where no row is usable exits 2 naming the first reason", async () => {
    const r = await run(["calibrate", "r.csv", "--hardware", "a100-80gb"], {
      "r.csv": 'model,layout,global_batch\ngpt3-1.3b,"dp=8",64\n',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/row 1: no measurement: one of step_seconds, mfu or hfu/);
  });
});
