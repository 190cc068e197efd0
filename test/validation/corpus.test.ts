import { describe, expect, it } from "vitest";
import { accelerator } from "../../src/hardware/catalog.js";
import { InputError } from "../../src/units/InputError.js";
import { CORPUS, corpusSources, parseCorpusFile } from "../../src/validation/corpus.js";
import type { CorpusCase } from "../../src/validation/corpusCase.js";
import { corpusModelSpec, corpusParams } from "../../src/validation/corpusModel.js";
import { measuredStepSeconds, measuredTokensPerSecond } from "../../src/validation/measuredStepSeconds.js";
import { caseEvaluator, caseLayout, caseProfileOf } from "../../src/validation/predictCase.js";
import { sourceFlopsPerStep } from "../../src/validation/sourceFlopsPerStep.js";
import { FRAMEWORK_PROFILES } from "../../src/parallel/frameworkProfiles.js";
import type { LayoutResult } from "../../src/parallel/layoutResult.js";

const byName = (name: string): CorpusCase => {
  const c = CORPUS.find((x) => x.name === name);
  if (!c) throw new Error(`no corpus case ${name}`);
  return c;
};
const relErr = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

/** The accelerator family a catalog name belongs to (v100-16gb and v100-32gb are both V100). */
const kind = (name: string) => name.replace(/-(16|32|40|80)gb$/, "").replace(/-(sxm|pcie)$/, "");

describe("validation corpus: what it holds", () => {
  it("loads every file, with at least 40 cases from at least 10 sources", () => {
    const sources = corpusSources();
    const read = CORPUS.filter((c) => c.verified === "read").length;
    console.log(
      `\ncorpus: ${CORPUS.length} cases from ${sources.length} sources; read ${read}, secondary ${CORPUS.filter((c) => c.verified === "secondary").length}, memory ${CORPUS.filter((c) => c.verified === "memory").length}\n` +
        sources
          .map((s) => `  ${s.id.padEnd(22)} ${String(s.cases).padStart(3)} cases (${s.read} read)`)
          .join("\n"),
    );
    expect(CORPUS.length).toBeGreaterThanOrEqual(40);
    expect(sources.length).toBeGreaterThanOrEqual(10);
    // the acceptance counts only numbers read in a stored source: at least 40 of them too
    expect(read).toBeGreaterThanOrEqual(40);
    expect(sources.filter((s) => s.read > 0).length).toBeGreaterThanOrEqual(10);
  });

  it("covers V100, A100, H100 and TPU v4 (at least), dense and MoE, and at least five frameworks", () => {
    const kinds = new Set(CORPUS.map((c) => kind(c.accelerator)));
    for (const k of ["v100", "a100", "h100", "tpu-v4"]) expect(kinds, k).toContain(k);
    expect(CORPUS.some((c) => c.moe)).toBe(true);
    expect(CORPUS.some((c) => !c.moe)).toBe(true);
    expect(CORPUS.filter((c) => c.moe && c.verified === "read").length).toBeGreaterThanOrEqual(5);
    const frameworks = new Set(CORPUS.map((c) => c.framework));
    expect(frameworks.size).toBeGreaterThanOrEqual(5);
    for (const f of ["megatron", "deepspeed", "fsdp", "torchtitan", "maxtext", "nemo"])
      expect(frameworks, f).toContain(f);
  });

  it("every case names a catalog accelerator, a model that parses, and a source it was read from", () => {
    expect(CORPUS.filter((c) => c.verified === "read").length).toBeGreaterThan(0);
    for (const c of CORPUS) {
      expect(() => accelerator(c.accelerator), c.name).not.toThrow();
      const spec = corpusModelSpec(c);
      expect(spec.family, c.name).toBeTypeOf("string");
      expect(c.name.startsWith(`${c.source.id}-`), c.name).toBe(true);
      // a case read from its source quotes it
      expect(c.verified !== "read" || Boolean(c.quote), c.name).toBe(true);
      if (c.metric !== "step-seconds" && c.metric !== "tokens-per-second")
        expect(c.flops, c.name).toBeDefined();
      if (c.moe) expect((spec as { experts?: number }).experts ?? 1, c.name).toBeGreaterThan(1);
    }
  });

  it("model specs reproduce the sources' own parameter counts (llm-foundry's NumParams column)", () => {
    // NumParams of the MPT rows (scripts/train/benchmarking/README.md): the spec must match within 0.1%
    for (const [name, published] of [
      ["llmfoundry2023-mpt-125m-s2048-8-a100-80gb", 125_311_488],
      ["llmfoundry2023-mpt-7b-s8192-8-h100-sxm", 6_684_024_832],
      ["llmfoundry2023-mpt-30b-s2048-32-h100-sxm", 29_975_214_080],
      ["llmfoundry2023-mpt-70b-s2048-64-h100-sxm", 64_862_437_376],
    ] as const)
      expect(relErr(corpusParams(byName(name)).total, published), name).toBeLessThan(1e-3);
  });

  it("a fully published layout multiplies to the device count (dp·tp·pp·cp; ep is carved out of dp)", () => {
    let checked = 0;
    for (const c of CORPUS) {
      const { dp, tp, pp, cp = 1 } = c.layout;
      if (dp === undefined || tp === undefined || pp === undefined) continue;
      expect(dp * tp * pp * cp, c.name).toBe(c.devices);
      checked++;
    }
    expect(checked).toBeGreaterThan(90);
  });

  it("every case converts to a positive step time and a global batch that micro-batches divide", () => {
    for (const c of CORPUS) {
      const s = measuredStepSeconds(c);
      expect(s, c.name).toBeGreaterThan(0);
      expect(Number.isFinite(s), c.name).toBe(true);
      expect(measuredTokensPerSecond(c) * s, c.name).toBeCloseTo(c.globalBatch * c.seq, 0);
      const { mb, dp } = c.layout;
      if (mb !== undefined && dp !== undefined) expect((c.globalBatch / dp) % mb, c.name).toBe(0);
    }
  });
});

describe("measuredStepSeconds: each FLOP convention against a hand derivation", () => {
  it("megatron-recompute: Narayanan et al. 2021 Table 1 row 1 (1.7B on 32 A100 at 137 TFLOP/s)", () => {
    // eq. 3: F = 96·B·s·l·h²·(1 + s/6h + V/16lh), B 512, s 2048, l 24, h 2304, V 51,200
    //   96·512·2048·24·2304² = 1.2824704e16; 1 + 2048/13824 + 51200/884736 = 1.2060185
    //   F = 1.5466830e16 FLOP; t = F / (137e12 · 32) = 3.5280 s
    const F = 96 * 512 * 2048 * 24 * 2304 ** 2 * (1 + 2048 / (6 * 2304) + 51200 / (16 * 24 * 2304));
    expect(relErr(F, 1.546683e16)).toBeLessThan(1e-6);
    expect(measuredStepSeconds(byName("narayanan2021-t1-1.7b-32"))).toBeCloseTo(F / (137e12 * 32), 6);
    expect(measuredStepSeconds(byName("narayanan2021-t1-1.7b-32"))).toBeCloseTo(3.528, 3);
  });

  it("megatron: Korthikanti et al. 2022's 530B MFU of 56.0% gives Table 5's 37.83 s step", () => {
    // F = 72·B·s·l·h²·(1 + s/6h + V/12lh), B 280, s 2048, l 105, h 20480, V 51,200
    //   72·280·2048·105·20480² = 1.8183174e18; 1 + 2048/122880 + 51200/25804800 = 1.0186508 → 1.8522304e18
    //   t = F / (0.56 · 312e12 · 280) = 37.86 s; Calculon quotes Table 5 as 37.83 s (0.1% apart: MFU rounding)
    const F = 72 * 280 * 2048 * 105 * 20480 ** 2 * (1 + 2048 / (6 * 20480) + 51200 / (12 * 105 * 20480));
    const t = measuredStepSeconds(byName("korthikanti2022-530b-280-selective"));
    expect(t).toBeCloseTo(F / (0.56 * 312e12 * 280), 6);
    expect(relErr(t, 37.83)).toBeLessThan(0.005);
    // the same holds for every model of the table (MFU rounded to 0.1 point)
    for (const [n, seconds] of [
      ["22b-8", 1.1],
      ["175b-64", 13.75],
      ["1t-512", 71.49],
    ] as const)
      expect(relErr(measuredStepSeconds(byName(`korthikanti2022-${n}-selective`)), seconds), n).toBeLessThan(
        0.005,
      );
  });

  it("megatron with MoE, GQA and SwiGLU: Mixtral 8x7B at 468 TFLOP/s on 64 H100", () => {
    // per layer 12·B·s·[h·q·(1 + g/n) + s·q + h·f·k·3/2] with B 256, s 4096, h = q = 4096, g/n = 8/32,
    // f 14336, k 2: bracket 20,971,520 + 16,777,216 + 176,160,768 = 213,909,504; × 12·256·4096 → 2.6916045e15;
    // × 32 layers = 8.6131343e16; logits 6·B·s·V·h (V 32,000) = 8.2463372e14; F = 8.6955977e16
    // t = F / (468e12 · 64) = 2.9032 s
    const F = 32 * 12 * 256 * 4096 * 213_909_504 + 6 * 256 * 4096 * 32000 * 4096;
    expect(relErr(F, 8.6955977e16)).toBeLessThan(1e-7);
    expect(measuredStepSeconds(byName("megatron-moe2024-mixtral-8x7b-64"))).toBeCloseTo(F / (468e12 * 64), 6);
  });

  it("megatron-recompute-3/4: flash-attn's GPT2-1.6B at 164 TFLOP/s per A100, and its README's table agrees", () => {
    // the README: "the formula from the Megatron-LM paper (Section 5.1), except we scale by 3/4":
    // F = 3/4 · 96·B·s·l·h²·(1 + s/6h + V/16lh), B 512, s 1024, l 48, h 1600, V 50,264 (50,257 padded to 8)
    //   72·512·1024·48·1600² = 4.6385647e15; 1 + 1024/9600 + 50264/1228800 = 1.1475716 → 5.3230852e15
    //   t = F / (164e12 · 8) = 4.0572 s
    const F = 0.75 * 96 * 512 * 1024 * 48 * 1600 ** 2 * (1 + 1024 / 9600 + 50264 / (16 * 48 * 1600));
    expect(relErr(F, 5.3230852e15)).toBeLessThan(1e-7);
    const t = measuredStepSeconds(byName("flashattn2022-gpt2-1.6b-a100-8"));
    expect(t).toBeCloseTo(F / (164e12 * 8), 6);
    expect(t).toBeCloseTo(4.0572, 3);
    // the same count turns the table's GPT3-1.3B 169k tokens/s on 8 GPUs into 188.4 TFLOP/s per GPU,
    // the figure's bar 189: 72·24·2048²·(1 + 2048/12288 + 50264/786432) = 8.91895e9 FLOP per token
    const row: CorpusCase = { ...byName("flashattn2022-gpt3-1.3b-a100-8"), flops: "megatron-recompute-3/4" };
    const perToken = sourceFlopsPerStep(row) / 512 / 2048;
    expect(relErr(perToken, 8.91895e9)).toBeLessThan(1e-5);
    expect(relErr((169000 * perToken) / 8 / 1e12, 189)).toBeLessThan(0.005);
  });

  it("a case's stack overrides its profile's attention kernels: flash-attn 0.2.2 ran FlashAttention-1", () => {
    const c = byName("flashattn2022-gpt3-1.3b-a100-8");
    expect(FRAMEWORK_PROFILES.ddp.attentionKernel).toBe("flash2");
    expect(caseProfileOf(c, FRAMEWORK_PROFILES).attentionKernel).toBe("flash1");
    // FlashAttention-1 at half FlashAttention-2's rates (systemFor.ts OF_FLASH2) makes the step slower
    const { layout } = caseLayout(c);
    if (!layout) throw new Error("the published layout is complete");
    const seconds = (r: LayoutResult) => (r.feasible ? r.step.seconds : NaN);
    const asRun = seconds(caseEvaluator(c, layout)());
    const withFlash2 = seconds(
      caseEvaluator({ ...c, stack: { ...c.stack, attentionKernel: "flash2" } }, layout)(),
    );
    expect(asRun).toBeGreaterThan(withFlash2);
  });

  it("palm: llm-foundry's own MFU column reproduces its measured tokens/s (MPT-7B on 8 H100)", () => {
    // llm-foundry: mfu = (6·NumParams + 12·n_layers·d_model·seq)·tokens/s / (GPUs·peak); the row: 46.44%,
    // NumParams 6,658,859,008, 85,144 tokens/s: (3.9953154e10 + 3.221225e9)·85,144 / (8·989.5e12) = 0.46438
    const c = byName("llmfoundry2023-mpt-7b-s2048-8-h100-sxm");
    const viaMfu: CorpusCase = {
      ...c,
      metric: "mfu",
      value: 0.4644,
      flops: "palm",
      flopsParams: 6_658_859_008,
      peakFlopsPerSecond: 989.5e12,
    };
    expect(relErr(measuredStepSeconds(viaMfu), measuredStepSeconds(c))).toBeLessThan(0.001);
    // and the tokens/s row itself: 48 sequences of 2048 at 85,144 tokens/s = 1.15457 s
    expect(measuredStepSeconds(c)).toBeCloseTo((48 * 2048) / 85144, 9);
  });

  it("palm with the spec's own N: PaLM 540B at 46.2% MFU on 6144 TPU v4", () => {
    // N (matmul parameters) per layer: attention 18432·(12288 + 2·256 + 12288) = 462,422,016 (multi-query),
    // SwiGLU 3·18432·73728 = 4,076,863,488; × 118 = 535.636e9; + head 256,000·18,432 = 4.718592e9 → 540.354e9
    // (LayerNorm scales add 118·2·18432 + 18432 = 4.37e6). Attention 12·118·48·256·2048 = 3.5634e10 per token.
    // t = (6N + 3.5634e10)·2048·2048 / (0.462·275e12·6144) = 17.6 s
    const N = 118 * (18432 * (12288 + 512 + 12288) + 3 * 18432 * 73728) + 256000 * 18432;
    const t = ((6 * N + 12 * 118 * 48 * 256 * 2048) * 2048 * 2048) / (0.462 * 275e12 * 6144);
    expect(relErr(measuredStepSeconds(byName("palm2022-540b-tpu-v4-6144")), t)).toBeLessThan(1e-4);
  });

  it("6n with the source's own N: MaxText 22B at 156 TFLOP/s per TPU v4 chip", () => {
    // MaxText's count: 32768·6144 + 48·(4·6144·24·256 + 2·6144·24576 + 2·6144) + 6144 = 21,945,194,496;
    // F = 6·N·1024 tokens·16 per chip·64 chips = 1.3806723e17; t = F / (156e12·64) = 13.829 s
    const N = 32768 * 6144 + 48 * (4 * 6144 * 24 * 256 + 2 * 6144 * 24576 + 2 * 6144) + 6144;
    expect(N).toBe(21_945_194_496);
    const t = measuredStepSeconds(byName("maxtext2023-22b-tpu-v4-64"));
    expect(t).toBeCloseTo((6 * N * 1024 * 16 * 64) / (156e12 * 64), 6);
    expect(t).toBeCloseTo(13.829, 2);
  });

  it("stated: MaxText 32B on v5p-128 (64 chips) at 328 TFLOP/s per chip", () => {
    // 32 layers, emb 10240, 32 heads of 256, mlp 32768: N = 32768·10240 + 32·(4·10240·8192 + 2·10240·32768
    // + 2·10240) + 10240 = 32,548,464,640; per chip 6·N·2048·8 + 6·32·32·256·2048²·8 (causal half)
    // = 3.199644e15 + 5.2777e13 = 3.252421e15; t = 3.252421e15 / 328e12 = 9.9159 s
    const N = 32768 * 10240 + 32 * (4 * 10240 * 8192 + 2 * 10240 * 32768 + 2 * 10240) + 10240;
    const perChip = 6 * N * 2048 * 8 + (12 * 32 * 32 * 256 * 2048 ** 2 * 8) / 2;
    expect(measuredStepSeconds(byName("maxtext2023-32b-tpu-v5p-64"))).toBeCloseTo(perChip / 328e12, 6);
  });

  it("step-seconds is the logged iteration time (BLOOM 176B, 104.70 s at GBS 2048)", () => {
    const c = byName("bloom2022-176b-384");
    expect(measuredStepSeconds(c)).toBe(104.7);
    // the log's 19.561 samples/s: 2048 / 104.70 = 19.561
    expect(measuredTokensPerSecond(c) / 2048).toBeCloseTo(19.561, 2);
  });
});

describe("the built package carries the corpus (npm test builds first)", () => {
  it("dist/validation loads both corpora from the JSON tsc emits beside it", async () => {
    const dist = "../../dist/validation/";
    const built = (await import(`${dist}corpus.js`)) as { CORPUS: readonly CorpusCase[] };
    const serving = (await import(`${dist}serving.js`)) as { SERVING_CORPUS: readonly unknown[] };
    expect(built.CORPUS.map((c) => c.name)).toEqual(CORPUS.map((c) => c.name));
    expect(serving.SERVING_CORPUS.length).toBeGreaterThanOrEqual(15);
  });
});

describe("parseCorpusFile: bad data is an InputError naming the file, the case and the field", () => {
  const good = byName("bloom2022-176b-384");
  it("names a bad field", () => {
    const bad = { cases: [{ ...good, metric: "seconds" }] };
    expect(() => parseCorpusFile("bloom2022", bad)).toThrow(InputError);
    expect(() => parseCorpusFile("bloom2022", bad)).toThrow(
      /corpus\/bloom2022\.json case "bloom2022-176b-384" field metric/,
    );
  });
  it("rejects a case filed under another source", () => {
    expect(() => parseCorpusFile("opt2022", { cases: [good] })).toThrow(/source\.id: got "bloom2022"/);
  });
  it("rejects a name used twice", () => {
    expect(() => parseCorpusFile("bloom2022", { cases: [good, good] })).toThrow(/a name used once/);
  });
});
