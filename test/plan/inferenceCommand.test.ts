import { describe, expect, it } from "vitest";
import { run } from "../cli/run.js";

describe("scalecast inference", () => {
  it("prints the contract's JSON keys, consistent with each other", async () => {
    const r = await run([
      "inference",
      "llama3-8b",
      "--hardware",
      "h100-sxm",
      "--devices",
      "2",
      "--prompt",
      "512",
      "--output",
      "128",
      "--tpot-ms",
      "40",
      "--json",
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    for (const k of [
      "layout",
      "batch",
      "tokensPerSecond",
      "tokensPerSecondPerDevice",
      "ttftSeconds",
      "tpotSeconds",
      "dollarsPerMillionTokens",
      "kWhPerMillionTokens",
    ])
      expect(j).toHaveProperty(k);
    expect(j.memory.perDeviceBytes).toBeGreaterThan(0);
    expect(j.tpotSeconds).toBeLessThanOrEqual(0.04);
    expect(j.layout.tp * j.layout.pp * j.layout.dp).toBe(2);
    expect(j.tokensPerSecondPerDevice).toBeCloseTo(j.tokensPerSecond / 2, 6);
    // $ per million = devices × $/h ÷ 3600 ÷ tokens/s × 1e6 (AWS p5 price per GPU in the catalog)
    expect(j.dollarsPerMillionTokens).toBeCloseTo(((2 * 98.32) / 8 / 3600 / j.tokensPerSecond) * 1e6, 6);
    // kWh per million = devices × 700 W × PUE 1.1 × seconds per million tokens ÷ 3.6e6
    expect(j.kWhPerMillionTokens).toBeCloseTo((2 * 700 * 1.1 * (1e6 / j.tokensPerSecond)) / 3.6e6, 6);
    expect(j.curve.length).toBeGreaterThan(3);
  });

  it("writes an HTML report with the throughput-latency plot", async () => {
    const r = await run([
      "inference",
      "llama3-8b",
      "--hardware",
      "h100-sxm",
      "--devices",
      "1",
      "--report",
      "serving.html",
    ]);
    expect(r.code).toBe(0);
    expect(r.written["serving.html"]).toMatch(/<svg[\s\S]*tokens\/s per user/);
    expect(r.stdout).toMatch(/time per output token/);
  });

  it("bad input: one line naming the field, exit 2", async () => {
    for (const [argv, field] of [
      [["inference", "llama3-8b", "--hardware", "h100-sxm", "--weights", "int3"], "--weights"],
      [["inference", "llama3-8b", "--hardware", "h100-sxm", "--tpot-ms", "-1"], "--tpot-ms"],
      [
        ["inference", "llama3-8b", "--hardware", "h100-sxm", "--tpot-ms", "0.5", "--devices", "1"],
        "--tpot-ms",
      ],
      [["inference", "llama3-8b", "--hardware", "h100-sxm", "--prompt", "1.5"], "--prompt"],
      [["inference", "llama3-8b", "--hardware", "h100-sxm", "--bogus", "1"], "--bogus"],
      [["inference", "llama3-8b"], "--hardware"],
      [["inference", "bert-base", "--hardware", "h100-sxm"], "model.family"],
    ] as const) {
      const r = await run([...argv]);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toContain(field);
    }
  });
});

describe("scalecast finetune", () => {
  it("prints the contract's JSON keys; with --tokens, days and dollars", async () => {
    const r = await run([
      "finetune",
      "llama2-7b",
      "--method",
      "lora",
      "--rank",
      "8",
      "--targets",
      "q,v",
      "--hardware",
      "a100-80gb",
      "--devices",
      "2",
      "--tokens",
      "100M",
      "--json",
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.params.trainable).toBe(4_194_304);
    expect(j.params.total).toBe(6_738_415_616);
    expect(j.memory.totalBytes).toBe(2 * j.memory.perDeviceBytes);
    expect(j.checkpointBytes).toBe(2 * 4_194_304);
    expect(j.step.flopsPerToken).toBeGreaterThan(4 * 6.7e9);
    expect(j.step.flopsPerToken).toBeLessThan(5 * 6.7e9);
    // the steps' days over the goodput fraction (failures, restarts, checkpoints), as plan counts them
    expect(j.train.days).toBeCloseTo(1e8 / j.step.tokensPerSecond / 86400 / j.train.goodput, 9);
    expect(j.train.goodput).toBeGreaterThan(0.99);
    expect(j.cost.dollars).toBeGreaterThan(0);
  });

  it("bad input: one line naming the field, exit 2", async () => {
    for (const [argv, field] of [
      [["finetune", "llama2-7b", "--hardware", "a100-80gb"], "--method"],
      [["finetune", "llama2-7b", "--method", "dora", "--hardware", "a100-80gb"], "--method"],
      [
        ["finetune", "llama2-7b", "--method", "lora", "--targets", "q,w", "--hardware", "a100-80gb"],
        "--targets",
      ],
      [["finetune", "llama2-7b", "--method", "full", "--rank", "8", "--hardware", "a100-80gb"], "rank"],
      [["finetune", "llama2-7b", "--method", "full", "--hardware", "a100-80gb"], "devices"],
      [
        ["finetune", "llama2-7b", "--method", "lora", "--hardware", "a100-80gb", "--tokens", "lots"],
        "--tokens",
      ],
    ] as const) {
      const r = await run([...argv]);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toContain(field);
    }
  });
});
