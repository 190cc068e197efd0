import { describe, expect, it } from "vitest";
import { InputError } from "../../src/units/InputError.js";
import { nodeIo } from "../../src/cli/io.js";
import { checkOutput } from "../../src/cli/readRuns.js";
import { run } from "./run.js";

// Issue 16: hostile and out-of-range input is one line on stderr and exit 2, never exit 0 with a
// substituted value, never exit 1 (internal error) and never unbounded work. Each case failed before
// the fix (exit 0, exit 1, a crash, or a run until killed).
const deep = (d: number) => "[".repeat(d) + "]".repeat(d);
const GOOD = "x,y\n1e6,4.1\n1e7,3.3\n1e8,2.8\n1e9,2.5\n1e10,2.3\n";
const PLAN = ["plan", "gpt3-175b", "--hardware", "h100-sxm"];
const spec = (o: Record<string, number>) =>
  JSON.stringify({ family: "decoder", layers: 2, hidden: 64, heads: 4, vocab: 100, seq: 16, ...o });
const FORECAST = ["forecast", "--law", "chinchilla-epoch", "--budget-flops", "1e23"];

describe("issue 16: hostile input is exit 2 with one line naming the field", () => {
  const cases: [string, string[], Record<string, string>, RegExp][] = [
    // item 4: 5,000-level JSON overflowed the stack while formatting the error (exit 1)
    ["deep model JSON", ["workload", "d.json"], { "d.json": deep(5000) }, /nested 5000 levels.*at most 64/],
    ["deep catalog", ["hardware", "list", "--catalog", "d.json"], { "d.json": deep(5000) }, /--catalog/],
    [
      "deep JSON Lines row",
      ["fit", "d.jsonl"],
      { "d.jsonl": `{"x":${deep(5000)},"y":1}\n` },
      /line 1: .*at most 64 levels/,
    ],
    // item 4: plan --devices 0|1.5|1e9 and --global-batch 0 said "no layout fits" with exit 1
    ["plan --devices 0", [...PLAN, "--devices", "0", "--global-batch", "1536"], {}, /--devices: got "0"/],
    [
      "plan --devices 1.5",
      [...PLAN, "--devices", "1.5", "--global-batch", "1536"],
      {},
      /--devices: got "1\.5"/,
    ],
    [
      "plan --devices 1e9 (limit named)",
      [...PLAN, "--devices", "1e9", "--global-batch", "1536"],
      {},
      /--devices: got "1e9", expected .* from 1 to 1048576 \(2\^20, ten times the largest cluster\)/,
    ],
    [
      "plan --devices 7 (no layout divides)",
      [...PLAN, "--devices", "7", "--global-batch", "1536"],
      {},
      /--devices: got 7, expected a count a layout divides/,
    ],
    [
      "plan --global-batch 0",
      [...PLAN, "--devices", "64", "--global-batch", "0"],
      {},
      /--global-batch: got "0"/,
    ],
    [
      "plan layout that does not multiply",
      [...PLAN, "--devices", "64", "--global-batch", "1536", "--layout", "tp=8,pp=8,dp=7"],
      {},
      /--devices: got 64, .*the fields --layout fixes/,
    ],
    // expert parallelism on a dense model was searched and reported as "no device count divides"
    [
      "plan --layout ep=2 on a dense model (the field named)",
      [...PLAN, "--devices", "64", "--global-batch", "1536", "--layout", "tp=8,ep=2"],
      {},
      /--layout: got "tp=8,ep=2", expected fields gpt3-175b can take: expert parallelism needs a mixture-of-experts model/,
    ],
    [
      "plan --layout tp=8,tp=4 (a key twice)",
      [...PLAN, "--devices", "64", "--global-batch", "1536", "--layout", "tp=8,tp=4"],
      {},
      /--layout tp: got "tp=8,tp=4", expected tp given once/,
    ],
    // item 3: --workers 1000 ran for a minute at 7.8 GB
    [
      "plan --workers 1000 (limit: cores)",
      [...PLAN, "--devices", "64", "--global-batch", "1536", "--workers", "1000"],
      {},
      /--workers: got "1000", expected at most the \d+ cores of this machine/,
    ],
    [
      "fit --workers 1000000",
      ["fit", "g.csv", "--workers", "1000000"],
      { "g.csv": GOOD },
      /--workers.*cores/,
    ],
    ["fit --bootstrap 1e9", ["fit", "g.csv", "--bootstrap", "1e9"], { "g.csv": GOOD }, /--bootstrap.*100000/],
    // item 3: a model with layers 1e12 (and plan on it) ran until killed; limits in src/workload/dimensions.ts
    [
      "model layers 1e12",
      ["workload", "m.json"],
      { "m.json": spec({ layers: 1e12 }) },
      /layers: got 1000000000000, expected a positive integer up to 10,000/,
    ],
    [
      "plan on a model with layers 1e12",
      ["plan", "m.json", "--hardware", "h100-sxm", "--devices", "8", "--global-batch", "64"],
      { "m.json": spec({ layers: 1e12 }) },
      /layers: .*up to 10,000/,
    ],
    [
      "model hidden 1e9",
      ["workload", "m.json"],
      { "m.json": spec({ hidden: 1e9 }) },
      /hidden: .*up to 1,000,000/,
    ],
    [
      "model vocab 1e9",
      ["workload", "m.json"],
      { "m.json": spec({ vocab: 1e9 }) },
      /vocab: .*up to 10,000,000/,
    ],
    ["model seq 1e9", ["workload", "m.json"], { "m.json": spec({ seq: 1e9 }) }, /seq: .*up to 10,000,000/],
    [
      "plan --top 1e9",
      [...PLAN, "--devices", "64", "--global-batch", "1536", "--search", "--top", "1e9"],
      {},
      /--top: got "1e9", expected an integer from 1 to 10000/,
    ],
    [
      "fit --max-iterations 1e12",
      ["fit", "g.csv", "--max-iterations", "1e12"],
      { "g.csv": GOOD },
      /--max-iterations: got "1e12", expected an integer from 0 to 1000000/,
    ],
    // item 5: batch took a batch of 0.5 (fitted it, exit 0)
    [
      "batch table with a batch of 0.5",
      ["batch", "t.csv"],
      { "t.csv": "batch,steps\n64,5000\n0.5,10000\n128,2600\n256,1400\n" },
      /t\.csv row 2 batch: got 0\.5, expected a whole number of samples/,
    ],
    [
      "batch sweep with a batch of 0.5",
      ["batch", "s.csv", "--target", "0.5"],
      { "s.csv": "batch,step,metric\n0.5,100,0.4\n64,100,0.6\n" },
      /s\.csv row 1 batch: got 0\.5, expected a whole number/,
    ],
    [
      "batch --base-batch 0.5",
      ["batch", "t.csv", "--base-batch", "0.5", "--base-lr", "0.1"],
      { "t.csv": "batch,steps\n64,5000\n128,2600\n" },
      /--base-batch: got "0\.5", expected an integer of at least 1/,
    ],
    [
      "batch --gns with b_small 0.5",
      ["batch", "--gns", "g.csv"],
      { "g.csv": "g_small_sq,g_big_sq,b_small,b_big\n1,0.5,8,64\n1.1,0.4,0.5,64\n" },
      /g\.csv row 2 b_small: got 0\.5, expected a whole number/,
    ],
    // item 5: --seed 4294967297 was the same as --seed 1
    ["fit --seed 2^32+1", ["fit", "g.csv", "--seed", "4294967297"], { "g.csv": GOOD }, /--seed.*4294967295/],
    // item 5: forecast --global-batch 0 or 7 was replaced by 64 without a word; 1e9 reported 0.058 steps
    ["forecast --global-batch 0", [...FORECAST, "--global-batch", "0"], {}, /--global-batch: got "0"/],
    [
      "forecast --global-batch 7",
      [...FORECAST, "--global-batch", "7"],
      {},
      /(devices|globalBatch): got (256|7), expected/,
    ],
    ["forecast --global-batch 1e9", [...FORECAST, "--global-batch", "1e9"], {}, /--global-batch: got "1e9"/],
    // issue 17: a model whose weights and optimizer state alone exceed the devices' memory ran the layout
    // searches (eight batch sizes) before saying no layout fits. 1e13 parameters × (2 bytes of bf16
    // weights + 12 of Adam's fp32 master, m and v) = 1.4e14 B = 128 TiB over 256 H100s of 81,559 MiB
    // (nvidia-smi; 8.552e10 B): ⌈1.4e14 / 8.552e10⌉ = 1,638 devices at the least (printed to 3 figures)
    [
      "forecast of a model no device count given can hold",
      ["forecast", "--law", "chinchilla-epoch", "--model-params", "1e13", "--model-tokens", "2e14"],
      {},
      /devices: got 256, expected enough devices to hold a 1\.00e\+13-parameter model: its weights and optimizer state alone \(128 TiB\) need at least 1,6[34]\d h100-sxm/,
    ],
    // item 5: project --compute 0 reported loss inf; --target 1e308 reported "loss reached 232"
    [
      "project --compute 0",
      ["project", "--law", "chinchilla-epoch", "--compute", "0"],
      {},
      /--compute: got "0"/,
    ],
    [
      "project --target 1e308",
      ["project", "--law", "chinchilla-epoch", "--target", "1e308"],
      {},
      /--target: got 1e\+308, expected a loss the law reaches/,
    ],
    // issue 13: unknown flags were ignored; a flag's value became the positional argument
    [
      "misspelled flag",
      [...FORECAST, "--devcies", "64"],
      {},
      /unknown flag --devcies.*did you mean --devices\?/,
    ],
    ["flag without value", ["fit", "g.csv", "--x"], { "g.csv": GOOD }, /--x needs a value/],
    // item 3: training-step and repeat counts ran until killed (train --steps 1e12 trains for years)
    [
      "train --steps 1e12 (limit named)",
      ["train", "--data", "64", "--width", "8", "--out", "o", "--steps", "1e12"],
      {},
      /--steps: got "1e12", expected an integer from 1 to 10000000 \(10M steps/,
    ],
    [
      "sweep design --max-steps 1e12",
      [
        "sweep",
        "design",
        "--kind",
        "learning-curve",
        "--data",
        "64,128",
        "--widths",
        "8",
        "--out",
        "s.json",
        "--max-steps",
        "1e12",
      ],
      {},
      /--max-steps: got "1e12"/,
    ],
    [
      "sweep design --seeds 1e6",
      [
        "sweep",
        "design",
        "--kind",
        "learning-curve",
        "--data",
        "64,128",
        "--widths",
        "8",
        "--out",
        "s.json",
        "--seeds",
        "1e6",
      ],
      {},
      /--seeds: got "1e6", expected an integer from 1 to 1000/,
    ],
  ];
  for (const [name, argv, files, message] of cases) {
    it(name, async () => {
      const r = await run(argv, files);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(r.stderr).not.toMatch(/at .*\.js:\d+|internal error/);
    });
  }
});

describe("issue 16 item 8: zod's own text never reaches a user", () => {
  it("a model spec with layers 0 says what was expected in scalecast's words", async () => {
    const r = await run(["workload", "m.json"], {
      "m.json": JSON.stringify({ family: "decoder", layers: 0, hidden: 64, heads: 4, vocab: 100, seq: 16 }),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/Too small|Invalid input|expected number to be/);
  });
});

describe("citty's usage has no colour codes in a pipe", () => {
  it("plan --help to a non-terminal is plain text", async () => {
    const r = await run(["plan", "--help"]);
    expect(r.stdout).toMatch(/--devices/);
    expect(r.stdout).not.toContain(String.fromCharCode(27));
  });

  it("a subcommand's --help is its own usage, named by its whole path", async () => {
    const r = await run(["sweep", "run", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^USAGE scalecast sweep run \[OPTIONS\] <SWEEP>/m);
    expect(r.stdout).toMatch(/--executor/);
    // the group's own --help still lists its subcommands
    expect((await run(["sweep", "--help"])).stdout).toMatch(
      /^USAGE scalecast sweep design\|run\|collect\|fit/m,
    );
  });
});

describe("issue 16 item 4: a report path that cannot be written is bad input, checked first", () => {
  it("a missing folder and a directory are InputErrors naming --report", () => {
    expect(() => checkOutput(nodeIo, "/nonexistent-scalecast/dir/x.html", "--report")).toThrow(InputError);
    expect(() => checkOutput(nodeIo, "/nonexistent-scalecast/dir/x.html", "--report")).toThrow(
      /^--report: .*does not exist/,
    );
    expect(() => checkOutput(nodeIo, "/", "--report")).toThrow(/^--report: .*it is a directory/);
  });
});

describe("issue 16 item 2: calibrate rejects a step faster than the hardware's peak", () => {
  // two plausible rows (step seconds as a user would measure them) and one row per defect
  const RUNS =
    "model,layout,global_batch,step_seconds,devices\n" +
    'gpt3-1.3b,"dp=8,mb=2,zero=1",64,2.0,8\n' +
    'gpt3-1.3b,"dp=4,tp=2,mb=4,recompute=full,sp=on",64,2.5,8\n';
  const calibrate = (csv: string) =>
    run(["calibrate", "r.csv", "--hardware", "a100-80gb", "--json"], { "r.csv": csv });
  it("1e-300 s, a layout not multiplying to its devices, 1e308 and Infinity are rejected; the ceiling does not move", async () => {
    const clean = JSON.parse((await calibrate(RUNS)).stdout);
    const r = await calibrate(
      RUNS +
        'gpt3-1.3b,"dp=8",64,1e-300,8\n' +
        'gpt3-1.3b,"dp=7,tp=3",63,1.0,24\n' +
        'gpt3-1.3b,"dp=8",1e308,1.0,8\n' +
        'gpt3-1.3b,"dp=8",64,Infinity,8\n',
    );
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.ceiling.after).toBe(clean.ceiling.after);
    expect(Number.isFinite(j.after.rmsPct)).toBe(true);
    const reasons = j.rows.filter((v: { kept: boolean }) => !v.kept).map((v: { reason: string }) => v.reason);
    expect(reasons).toHaveLength(4);
    // the shortest possible step: model FLOP 72·B·s·L·h²·(1 + s/6h + V/16Lh) (Narayanan et al. 2021,
    // eq. 3 without recompute: 72 not 96) = 72·64·2048·24·2048²·1.2306 = 1.169e15, over 8 × 312 TFLOP/s
    // (A100 bf16 dense) = 0.468 s; flash attention's backward recompute of QKᵀ and AV (4·B·s²·h·L =
    // 5.3e13) adds 0.021 s: between 0.468 and 0.49 s
    const m = /step_seconds 1e-300 is below ([\d.]+) s/.exec(reasons[0]);
    expect(Number(m?.[1])).toBeGreaterThanOrEqual(0.468);
    expect(Number(m?.[1])).toBeLessThanOrEqual(0.49);
    expect(reasons[1]).toMatch(/uses dp·tp·pp·cp = 21 devices, the row says 24/);
    expect(reasons[2]).toMatch(/global_batch 1e\+308/);
    expect(reasons[3]).toMatch(/step_seconds Infinity is not a positive finite number/);
  });
  it("an MFU whose recompute makes the HFU exceed 1 is rejected; no row left is exit 2", async () => {
    const r = await run(["calibrate", "r.csv", "--hardware", "a100-80gb"], {
      // full recompute repeats the forward pass: HFU = MFU·(6+2)/6 (Korthikanti et al. 2022, Sec. 4) > 1
      "r.csv": 'model,layout,global_batch,mfu\ngpt3-1.3b,"dp=8,recompute=full",64,0.9\n',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/1 row rejected.*mfu 0\.9 implies HFU 1\.\d+ > 1/);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
  });
});

describe("issue 16 item 8: wording", () => {
  const GOOD5 = "x,y\n1e6,4.1\n1e7,3.3\n1e8,2.8\n1e9,2.5\n1e10,2.3\n";
  it("fit --drop-highest 5 on 5 rows says every row was dropped, not that rows are not positive", async () => {
    const r = await run(["fit", "g.csv", "--drop-highest", "5"], { "g.csv": GOOD5 });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "scalecast: --drop-highest: got 5, expected fewer than the 5 usable rows of g.csv (it dropped all of them)\n",
    );
  });
  it("a CSV given as --catalog is one line naming the file and what a catalog is", async () => {
    const r = await run(["hardware", "list", "--catalog", "h.csv"], { "h.csv": "name,peak\nx,1\n" });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'scalecast: --catalog: got "h.csv", expected a JSON catalog: an accelerator array or {"accelerators": [...]}; the file starts with "name,peak", not JSON\n',
    );
  });
});
