import { describe, expect, it } from "vitest";
import { STEP_TIME_RESIDUALS } from "../../src/validation/stepTimeError.js";
import { run } from "./run.js";

// through the real CLI entry (runCli), in-process
const plan = (argv: string[], files: Record<string, string> = {}) => run(["plan", ...argv], files);
const small = ["gpt3-1.3b", "--hardware", "a100-80gb", "--devices", "16", "--global-batch", "64"];
// a complete layout of those 16 devices
const FIXED = ["--layout", "tp=2,pp=2,dp=4,vp=1,mb=2,recompute=selective,sp=on,zero=1"];

describe("scalecast plan", () => {
  it("says when a fixed layout asks the stack for what its profile does not run, and times it", async () => {
    // PyTorch DDP: data parallelism only, ZeRO-1 at most (ZeroRedundancyOptimizer); FSDP: ZeRO-2/3
    const r = await plan([...small, "--framework", "ddp", "--layout", "tp=2,dp=8,zero=3", "--json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("warning: --layout tp 2: ddp has no tensor parallelism");
    expect(r.stderr).toContain("warning: --layout zero 3: ddp runs ZeRO 0, 1");
    expect(JSON.parse(r.stdout).layout.tp).toBe(2);
    const ok = await plan([...small, "--framework", "fsdp", "--layout", "dp=16,zero=3", "--json"]);
    expect(ok.stderr).not.toContain("warning: --layout");
  });

  it("times a fixed layout and prints the issue's JSON keys, cp and ep in the layout", async () => {
    const r = await plan([...small, ...FIXED, "--tokens", "26B", "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.layout).toEqual({
      cp: 1,
      ep: 1,
      tp: 2,
      pp: 2,
      dp: 4,
      vp: 1,
      mb: 2,
      recompute: "selective",
      sp: true,
      zero: 1,
    });
    // the default stack on an A100 (released 2020) is Megatron-LM as Narayanan et al. 2021 measured it
    expect(j.framework).toBe("megatron");
    expect(Object.keys(j.step.breakdown).sort()).toEqual([
      "bubble",
      "compute",
      "exposedCommunication",
      "memoryBound",
      "optimizer",
    ]);
    // steps take tokens / tokens per second; the wall time divides them by the goodput fraction (the
    // forecast's model: Llama 3's interrupt rate on 16 devices, checkpoint writes); device-hours =
    // 16 × wall seconds / 3600
    expect(j.train.productiveSeconds).toBeCloseTo(26e9 / j.tokensPerSecond, -1);
    expect(j.goodput.fraction).toBeGreaterThan(0.95);
    expect(j.goodput.fraction).toBeLessThan(1);
    expect(j.train.seconds).toBeCloseTo(j.train.productiveSeconds / j.goodput.fraction, 3);
    expect(j.train.deviceHours).toBeCloseTo((16 * j.train.seconds) / 3600, 3);
    expect(j.memory.reserve).toBeGreaterThan(0);
    expect(j.links.intraNode.fits).toBe(true);
  });

  it("gives the step-time model's own 95% band on the hardware, from the corpus's out-of-sample runs", async () => {
    const r = await plan([...small, ...FIXED, "--json"]);
    const j = JSON.parse(r.stdout);
    // by hand: the type-7 quantiles of ln(measured/predicted) over the stored a100-80gb residuals
    const logs = STEP_TIME_RESIDUALS.filter((x) => x.accelerator === "a100-80gb")
      .map((x) => x.logRatio)
      .sort((a, b) => a - b);
    const q = (p: number) => {
      const h = (logs.length - 1) * p;
      const i = Math.floor(h);
      return logs[i]! + (h - i) * ((logs[i + 1] ?? logs[i]!) - logs[i]!);
    };
    expect(j.modelError.runs).toBe(logs.length);
    expect(j.modelError.measuredOverPredicted95[0]).toBeCloseTo(Math.exp(q(0.025)), 12);
    expect(j.modelError.measuredOverPredicted95[1]).toBeCloseTo(Math.exp(q(0.975)), 12);
    expect(j.modelError.stepSeconds95[1]).toBeCloseTo(Math.exp(q(0.975)) * j.step.seconds, 9);
    const text = await plan([...small, ...FIXED]);
    expect(text.stdout).toMatch(
      /^model err {2}measured steps took ×0\.\d\d to ×1\.\d\d the model's \(95% of \d+ out-of-sample corpus cases on a100-80gb\)/m,
    );
  });

  it("prints the run's goodput, takes the forecast's goodput flags, and refuses run flags without --tokens", async () => {
    const layout = FIXED;
    const r = await plan([...small, ...layout, "--tokens", "26B", "--failure-rate", "1e-3"]);
    expect(r.code).toBe(0);
    // 1e-3 interrupts per device-hour on 16 devices: one every 1 / 0.016 h = 62.5 h = 2.6 days
    expect(r.stdout).toMatch(
      /goodput +\d+\.\d% of the wall time trains \(.* of steps\); failures and restarts \+/,
    );
    expect(r.stdout).toMatch(/an interrupt every 2\.6\d? days/);
    const off = await plan([...small, ...layout, "--tokens", "26B", "--no-goodput"]);
    expect(off.stdout).toContain("goodput    off (--no-goodput)");
    for (const flag of [
      ["--pue", "1.2"],
      ["--region", "france"],
      ["--failure-rate", "1e-5"],
    ]) {
      const bad = await plan([...small, ...layout, ...flag]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain(`${flag[0]}: got "${flag[1]}", expected --tokens as well`);
    }
  });

  it("--layout with cp parses; --search returns top, search counts, why and the preference note", async () => {
    const fixed = await plan([
      "llama3-8b",
      "--hardware",
      "h100-sxm",
      "--devices",
      "64",
      "--global-batch",
      "64",
      "--layout",
      "tp=8,cp=2,pp=1,dp=4,ep=1,vp=1,mb=1,recompute=selective,sp=on,zero=1",
      "--json",
    ]);
    expect(fixed.code).toBe(0);
    expect(JSON.parse(fixed.stdout).layout.cp).toBe(2);
    const r = await plan([...small, "--search", "--workers", "0", "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.top.length).toBe(5);
    expect(j.search.evaluated).toBeGreaterThan(0);
    expect(j.why.length).toBeGreaterThan(0);
    expect(j.preference).toMatch(/usable memory|model parallel/);
  });

  it("an infeasible layout is reported on stderr with the numbers, exit 1", async () => {
    const r = await plan([
      "gpt3-175b",
      "--hardware",
      "a100-80gb",
      "--devices",
      "8",
      "--global-batch",
      "8",
      "--layout",
      "tp=8,pp=1,dp=1,vp=1,mb=1,recompute=none,sp=off,zero=0",
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /infeasible: .* needs [\d.]+ [GT]iB per device \([\d.]+ GiB of it the runtime reserve\), has 80\.0 GiB/,
    );
  });

  it.each([
    // the same limits every command names (src/cli/limits.ts): 2^20 devices, 2^24 sequences
    [["--devices", "0"], /--devices: got "0", expected an integer from 1 to 1048576 \(2\^20, ten times/],
    [["--devices", "1.5"], /--devices: got "1.5", expected an integer from 1 to 1048576/],
    [["--devices", "1e9"], /--devices: got "1e9", expected an integer from 1 to 1048576 \(2\^20, ten times/],
    [
      ["--global-batch", "0"],
      /--global-batch: got "0", expected an integer from 1 to 16777216 \(2\^24 sequences\)/,
    ],
  ])("bad counts exit 2 with one line: %j", async (override, message) => {
    const argv = [...small];
    argv[argv.indexOf(override[0]!) + 1] = override[1]!;
    const r = await plan(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("a layout that does not multiply to the devices, or divide, exits 2 with the reason", async () => {
    const r = await plan([...small, "--layout", "tp=2,pp=2,dp=2,vp=1,mb=1,recompute=none,sp=off,zero=0"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/dp·tp·pp·cp = --devices \(16\); this layout uses 8/);
    // --devices once (a flag given twice is refused before the search)
    const odd = await plan([
      ...small.map((a, i) => (small[i - 1] === "--devices" ? "7" : a)),
      "--search",
      "--workers",
      "0",
    ]);
    expect(odd.code).toBe(2);
    expect(odd.stderr).toMatch(
      /7 devices = dp·tp·pp·cp needs dp to divide the global batch 64.*nearby counts that divide: 6, 8/,
    );
  });

  it("--system, --framework and --memory-reserve change the system; --model had19 gives the roofline", async () => {
    const base = JSON.parse(
      (await plan([...small, "--layout", "tp=2,pp=2,dp=4,vp=1,mb=2,recompute=none,sp=off,zero=1", "--json"]))
        .stdout,
    );
    const reserve = JSON.parse(
      (
        await plan([
          ...small,
          "--layout",
          "tp=2,pp=2,dp=4,vp=1,mb=2,recompute=none,sp=off,zero=1",
          "--memory-reserve",
          "10GiB",
          "--json",
        ])
      ).stdout,
    );
    expect(reserve.memory.reserve).toBe(10 * 1024 ** 3);
    const core = JSON.parse(
      (
        await plan([
          ...small,
          "--layout",
          "tp=2,pp=2,dp=4,vp=1,mb=2,recompute=none,sp=off,zero=1",
          "--framework",
          "megatron-core",
          "--json",
        ])
      ).stdout,
    );
    expect(core.framework).toBe("megatron-core");
    expect(core.step.seconds).not.toBeCloseTo(base.step.seconds, 6);
    const had19 = await plan([
      ...small,
      "--layout",
      "tp=1,pp=1,dp=16,vp=1,mb=1,recompute=none,sp=off,zero=0",
      "--model",
      "had19",
      "--json",
    ]);
    expect(JSON.parse(had19.stdout).step.model).toBe("had19");
    const bad = await plan([...small, "--framework", "jax"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--framework: got "jax"/);
  });

  it("warns when a prediction beats the best MFU measured on the hardware in the corpus", async () => {
    // one GPU, a large model, no communication, fused attention, the GEMM ceiling at peak: the kernel
    // model's MFU under Megatron-LM's fitted efficiency, above A100's best at scale
    const r = await plan([
      "gpt3-1.3b",
      "--hardware",
      "a100-80gb",
      "--framework",
      "megatron",
      "--attention",
      "flash",
      "--devices",
      "1",
      "--global-batch",
      "8",
      "--max-fraction",
      "1",
      "--search",
      "--workers",
      "0",
      "--json",
    ]);
    const j = JSON.parse(r.stdout);
    // the corpus's best on A100 80 GB: llm-foundry's MPT-7B on 8 GPUs, 37,130 tokens/s; PaLM App. B
    // FLOP per token 6N + 12·L·h·s = 6 × 6,657,679,360 + 12 × 32 × 4096 × 2048 = 43,167,301,632;
    // MFU = 37,130 × 43,167,301,632 / (8 × 312e12) = 64.2% (the source's own table: 64.23%)
    expect(j.mfu).toBeGreaterThan(0.642);
    expect(j.warnings.join(" ")).toMatch(
      /beats the best measured on a100-80gb in the validation corpus \(64\.2%, llmfoundry2023-mpt-7b-s2048-8-a100-80gb\)/,
    );
  });

  it("warns when the run is larger than the largest the corpus measured on the hardware", async () => {
    // the corpus's largest H100 run is Llama 3 405B on 16,384 GPUs (Dubey et al. 2024 Table 4)
    const layout = "tp=8,pp=16,dp=256,cp=1,ep=1,vp=1,mb=1,recompute=full,sp=on,zero=1";
    const r = await plan([
      "llama3-405b",
      "--hardware",
      "h100-sxm",
      "--layout",
      layout,
      "--devices",
      "32768",
      "--global-batch",
      "4096",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "beyond the validation corpus on h100-sxm: 32,768 devices (largest measured 16,384, llama3-2024-405b-16384)",
    );
  });

  it("says when the stack's even pipeline stages are what leaves no layout (530B on 5,120 A100s)", async () => {
    // 5,120 = 8·640 devices; Megatron-LM 2021 keeps pp dividing the 105 layers, and of 105's divisors
    // only 1 and 5 divide 640: pp = 5 holds 21 layers of 12·20480² ≈ 5.0e9 parameters, ÷ tp 8 = 13.2e9
    // per device, whose 16-bit weights and fp32 gradients alone (6 bytes each, 79 GB) exceed the 80 GB
    // device less its reserve
    const r = await plan([
      "--model-json",
      JSON.stringify({ family: "decoder", layers: 105, hidden: 20480, heads: 128, vocab: 51200, seq: 2048 }),
      "--hardware",
      "a100-80gb",
      "--devices",
      "5120",
      "--global-batch",
      "2560",
      "--workers",
      "0",
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/megatron keeps pp dividing the 105 blocks; --framework megatron-core does not/);
  });
});
