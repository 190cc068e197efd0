import type { Accelerator } from "../accelerator.js";
import { DEFAULT_GEMM, defaultEfficiency } from "../efficiency.js";
import type { Efficiency } from "../efficiencySchema.js";
import { DCN_LATENCY_SECONDS, NETWORK_LATENCY_SECONDS } from "./links.js";

/**
 * Measured efficiencies of the accelerators the validation corpus covers (V100, A100, H100/H200,
 * TPU v4), each number from a microbenchmark or vendor figure, never from an end-to-end training run.
 * Derived numbers say how they were derived. Sources:
 */
const AZURE_A100 =
  "Azure/AI-benchmarking-guide, Azure_Results/ND_A100_v4_results.md (A100-SXM4-80GB, CUDA 12.5, NCCL 2.18.5)";
const AZURE_H100 =
  "Azure/AI-benchmarking-guide, 'Azure Results/NDv5 Results.md' (H100 80GB HBM3 and H200, CUDA 12.6, NCCL 2.18.5/2.20.5)";
const MAMF =
  "stas00/ml-engineering, compute/accelerator/README.md, 'Maximum Achievable Matmul FLOPS comparison table' (BF16)";
const V100_CUBLAS =
  "NVIDIA Developer Forums, 'Understanding IPC and Issue Slot Utilization when using Tensor Cores' (topic 79781, 2019): cuBLAS/cuBLASLt FP16 GEMM M = N = K = 8192 on a Tesla V100 PCIe at ~101 of ~112 TFLOP/s ('~90% of the peak theoretical TFLOPS', 1.38 GHz)";
const MSMF_H200 =
  "stas00/ml-engineering compute/accelerator/benchmarks/README.md, 'What we measured: alone vs all-8 concurrent': H200 bf16 MSMF (sustained, saturated clock ~1405-1527 MHz) 698.6 TFLOP/s with all 8 GPUs busy (702.9 alone), MAMF (boost burst) 823.9-828.0";
const FA2 =
  "Dao, 'FlashAttention-2', ICLR 2024 (arXiv 2307.08691): 50–73% of peak on A100, 35% on H100; Shah et al., 'FlashAttention-3' (2024): up to 75% forward on H100";
const NCCL_NET =
  "NVIDIA/nccl-tests#119 (4 × HDR 200 Gb/s per 8 A100: busbw ≈ 96 of 100 GB/s) and #267 (ConnectX-7 NDR: 48–49 GB/s per NIC)";
const SPLIT_ACCUMULATION =
  "pytorch/ao#2377 (2025): with torchao's split-accumulation backward, 'enabling fast accumulation can lead to a 1.1x to 1.2x speedup' on H100 (a maintainer: it trades accuracy for speed); the fp8 ceiling's GEMMs ran with fast accumulation (Azure's cuBLASLt runs are superbench's cublaslt_gemm, whose cublaslt_utils.cc sets CUBLASLT_MATMUL_DESC_FAST_ACCUM = 1 for fp8): the midpoint, 1.15";
const TILES =
  "NVIDIA 'Matrix Multiplication Background' user guide (DU-09799-001, 2023) §2.3: cuBLAS tiles 256×128 down to 64×64; the four largest are kept (training GEMMs)";

const GPU_TILES: [number, number][] = [
  [256, 128],
  [128, 256],
  [128, 128],
  [128, 64],
];

/**
 * A100 SXM (40 and 80 GB) in DGX A100 nodes. GEMM: ceiling 0.835, kHalf 320 and 2 µs per launch are
 * the least-squares fit (log ratio) of {@link gemmSeconds} to the seven square-ish cuBLASLt FP16 shapes
 * of Azure's ND A100 v4 table (1024³ 119.4 … 16384³ 256.5 TFLOP/s, 6144×12288×12288 250.8); the
 * best-shape MAMF is 271.2 TFLOP/s (0.869, stas00/ml-engineering), an upper bound on deliberately chosen
 * shapes. Streaming: STREAM triad 1.70 of 2.039 TB/s. NVLink: all-reduce busbw 231.6 GB/s at 8 GB; α
 * 10 µs reproduces the same table's 109/166/214/228 GB/s at 16 MB/67 MB/268 MB/1 GB within ~10%.
 */
export const A100_EFFICIENCY: Efficiency = {
  gemm: {
    ceiling: { bf16: 0.835, fp16: 0.835, tf32: 0.835, fp32: 0.9 },
    computeUnits: 108,
    tiles: GPU_TILES,
    kHalf: 320,
    launchSeconds: 2e-6,
  },
  attention: {
    flashForward: 0.65,
    flashBackward: 0.55,
    measuredAt: { seq: 8192, headDim: 64, causal: false },
  },
  memoryBandwidth: 0.834,
  network: {
    intraNode: { busBytesPerSecond: 230e9, latencySeconds: 10e-6 },
    interNode: { busBytesPerSecond: 24e9, latencySeconds: NETWORK_LATENCY_SECONDS },
  },
  sources: {
    gemm: `fit to ${AZURE_A100} cuBLASLt table; 108 SMs (A100 whitepaper); ${TILES}; MAMF bound ${MAMF}; fp32 (CUDA cores) 0.9 is an assumption`,
    attention: `${FA2}; ${AZURE_A100}: FA2 at d 64, s 8192, no mask (benchmark_flash_attention.py's first block): 179.5 TFLOP/s (57.5%); other shapes by flashShape.ts`,
    memoryBandwidth: `${AZURE_A100}: STREAM triad 1.70 TB/s of 2.039`,
    network: `intra: ${AZURE_A100}, NCCL all-reduce busbw 231.6 GB/s at 8 GB (α fitted to the 16 MB–1 GB rows); inter: 0.96 × 25 GB/s HDR, ${NCCL_NET}; α NCCL hwLat NET 6.6 µs`,
  },
};

/**
 * H100 SXM in DGX H100 nodes (also H200, whose MAMF is "the same"). GEMM: the least-squares fit of
 * {@link gemmSeconds} to the eight cuBLASLt FP8 shapes of Azure's ND H100 v5 table (1024³ 274.1 …
 * 32768³ 1382.2 TFLOP/s; RMS 6%) gives an FP8 ceiling of 0.706, kHalf 224 (in FP8 k) and 5 µs per
 * launch; BF16 runs the k loop at half the FP8 rate, so the same fixed time is kHalf 112. The BF16
 * ceiling is what a GEMM SUSTAINS at the power limit, as a training step does (Azure's tables, to which
 * the A100 and FP8 ceilings are fitted, run 10,000 warm-up iterations, i.e. power-saturated too):
 * stas00/ml-engineering's MSMF ("max sustainable matmul FLOPS", saturated clock) on an 8 × H200 node with
 * every GPU running a matmul is 698.6 TFLOP/s bf16 (n = 40; 702.9 alone), against a MAMF (boost burst)
 * of 823.9–828.0: 698.6/989 → 0.706 (H200 has H100's compute die, clocks and 700 W). The earlier 0.772
 * (MAMF 794.5 × A100's 0.961) was a burst figure. NVLink: all-reduce busbw 479 GB/s with NVLink
 * SHARP (Azure, 8 GB), 350 GB/s for ring all-gather/reduce-scatter (NVIDIA/nccl#986: "H100 peak NVLink
 * bandwidth (350GB/s)"); α 4.4 µs reproduces Azure's 234 GB/s at 16 MB. Network: ConnectX-7 NDR.
 */
export const H100_EFFICIENCY: Efficiency = {
  gemm: {
    ceiling: { bf16: 0.706, fp16: 0.706, fp8: 0.706, tf32: 0.706, fp32: 0.9 },
    computeUnits: 132,
    tiles: GPU_TILES,
    kHalf: 112,
    launchSeconds: 5e-6,
    fp8SplitAccumulation: 1.15,
  },
  attention: { flashForward: 0.35, flashBackward: 0.3, asyncForward: 0.6, asyncBackward: 0.45 },
  memoryBandwidth: 0.887,
  network: {
    intraNode: { busBytesPerSecond: 350e9, allReduceBusBytesPerSecond: 479e9, latencySeconds: 4.4e-6 },
    interNode: { busBytesPerSecond: 48e9, latencySeconds: NETWORK_LATENCY_SECONDS },
  },
  sources: {
    gemm: `fit to ${AZURE_H100} cuBLASLt FP8 table; BF16 ceiling: ${MSMF_H200}; 132 SMs (H100 whitepaper); ${TILES}; fp8 split accumulation ${SPLIT_ACCUMULATION}`,
    attention: `FlashAttention-2: 35% (${FA2}; ${AZURE_H100}: FA2 at d 128, s 8192, no mask: 327.9 TFLOP/s, 33%), backward 0.3 assumed below it (forward and 2.5× backward combine to 31%); FA3/cuDNN: forward 0.6, cuDNN's forward at d 128, s 8192, no mask in FlashAttention-3's H100 benchmark (flash-attention assets/flash3_fp16_fwd.png: 600 TFLOP/s, 0.61; FA3 646), backward 0.45 (FA3 backward 1.5–1.75× FA2's), derived`,
    memoryBandwidth: `${AZURE_H100}: STREAM triad 2.97 TB/s of 3.35`,
    network: `intra: ${AZURE_H100} NVLS all-reduce 478.9 GB/s at 8 GB; ring 350 GB/s NVIDIA/nccl#986; inter: ${NCCL_NET}`,
  },
};

/** H200: H100's compute and links, its own memory (Azure STREAM triad 4.15 of 4.8 TB/s). */
export const H200_EFFICIENCY: Efficiency = {
  ...H100_EFFICIENCY,
  memoryBandwidth: 0.865,
  sources: {
    ...H100_EFFICIENCY.sources,
    memoryBandwidth: `${AZURE_H100}: H200 STREAM triad 4.15 TB/s of 4.8`,
  },
};

const DEEPSEEK_V3 =
  "DeepSeek-AI, 'DeepSeek-V3 Technical Report' (arXiv 2412.19437): §3.1 'Each node in the H800 cluster contains 8 GPUs connected by NVLink and NVSwitch within nodes. Across different nodes, InfiniBand (IB) interconnects are utilized'; §3.2.2 'NVLink offers a bandwidth of 160 GB/s, roughly 3.2 times that of IB (50 GB/s)'";

/**
 * An export variant's efficiency: its parent's, with the NVLink bus bandwidth it reaches on its cut links
 * (no NVLink SHARP all-reduce figure is published for either variant: all-reduce at the ring rate).
 */
function withCutNvlink(parent: Efficiency, busBytesPerSecond: number, source: string): Efficiency {
  return {
    ...parent,
    network: {
      intraNode: { busBytesPerSecond, latencySeconds: parent.network.intraNode.latencySeconds },
      interNode: parent.network.interNode,
    },
    sources: {
      ...parent.sources,
      network: `intra: ${source}; latency and inter: the parent's (${parent.sources.network})`,
    },
  };
}

/**
 * H800 (the H100 SXM with NVLink cut to 400 GB/s bidirectional for export): NVLink at the 160 GB/s
 * DeepSeek's H800 cluster gets (0.8 of 200 per direction, as H100's ring reaches 350 of 450).
 */
export const H800_EFFICIENCY = withCutNvlink(H100_EFFICIENCY, 160e9, DEEPSEEK_V3);

/**
 * A800 (the A100 SXM4 with NVLink cut to 400 GB/s bidirectional for export): NVLink at the A100's
 * achieved fraction (230 of 300 GB/s) of its 200 GB/s per direction, 153 GB/s (derived; no A800
 * nccl-tests figure found).
 */
export const A800_EFFICIENCY = withCutNvlink(
  A100_EFFICIENCY,
  (A100_EFFICIENCY.network.intraNode.busBytesPerSecond * 200) / 300,
  "the A100's achieved bus bandwidth × 200/300, its NVLink per direction over the A100's (derived)",
);

/**
 * The H100 SXM of Meta's Grand Teton platform (96 GB HBM2e at 2.4 TB/s, 500 W default power limit;
 * pytorch/torchtitan benchmarks/llama3_h100_202412_torchtitan.md): H100's SMs, tiles, k-dependence,
 * launch cost, attention fractions and GEMM ceiling as a fraction of this part's own peak (the catalog
 * entry's estimated peak carries the clock loss of the power limit); streaming at A100 80 GB's
 * measured HBM2e fraction (0.834, Azure ND A100 v4 STREAM triad), the same memory generation; network
 * 400 Gb/s RDMA per GPU at the NDR fraction (0.96 × 50 GB/s).
 */
export const H100_HBM2E_EFFICIENCY: Efficiency = {
  ...H100_EFFICIENCY,
  memoryBandwidth: A100_EFFICIENCY.memoryBandwidth,
  network: {
    intraNode: H100_EFFICIENCY.network.intraNode,
    interNode: { busBytesPerSecond: 48e9, latencySeconds: NETWORK_LATENCY_SECONDS },
  },
  sources: {
    ...H100_EFFICIENCY.sources,
    memoryBandwidth: `A100 80 GB's HBM2e STREAM fraction (${AZURE_A100}: 1.70 of 2.039 TB/s), taken for this HBM2e part (assumption: same memory generation)`,
    network: `intra: as H100 SXM (${AZURE_H100}); inter: 400 Gb/s RDMA per GPU (torchtitan benchmark text) at ConnectX-7's measured 0.96 (${NCCL_NET})`,
  },
};

/**
 * A100's sustained GEMM ceiling over its best-shape burst, 0.835 / 0.869: what a device measured only at
 * its best shape (MAMF, a forum benchmark) is taken to sustain in a training step.
 */
export const SUSTAINED_OF_BEST_SHAPE = 0.961;

/** V100's FP16 GEMM ceiling: the forum's best-shape 0.90 of peak × {@link SUSTAINED_OF_BEST_SHAPE}. */
export const V100_FP16_CEILING = 0.9 * SUSTAINED_OF_BEST_SHAPE;

/**
 * V100 SXM2 in DGX-1 nodes. GEMM ceiling 0.865: cuBLAS's best-shape FP16 rate, 0.90 of peak (8192³ on a
 * V100 PCIe, NVIDIA's forums, 2019), × 0.961, A100's ratio of its sustained fit to its best-shape burst
 * (the rule {@link mamfEfficiency} applies to every device with only a best-shape measurement). It was
 * 0.664 (Markidis et al., IPDPSW 2018: 83 of 125 TFLOP/s under CUDA 9), which made the 2020 stacks'
 * V100 runs 17–29% slower than measured: in Megatron-LM's 2020 README, the same code and shapes ran
 * 2.08× as many samples per second on A100 as on V100, where that ceiling implied 2.8×.
 * kHalf 160 = A100's ÷ 2 (a V100 SM does half an A100 SM's tensor FLOP per clock; derived).
 * NVLink 2 hybrid cube mesh: rings of single 25 GB/s links, 6 links per GPU (DGX-1 system architecture
 * white paper) → 150 GB/s per direction × 0.77 (A100's measured busbw/line) = 115 GB/s (derived).
 * Network: 4 × EDR per 8 GPUs; NCCL's GTC 2017 figure of ~40 GB/s busbw per DGX-1 (as quoted in
 * NVIDIA/nccl-tests#29) → 5 GB/s per GPU. No flash kernels (FlashAttention needs sm75+): the fused
 * fraction is an assumption for memory-efficient attention.
 */
export const V100_EFFICIENCY: Efficiency = {
  gemm: {
    ceiling: { fp16: V100_FP16_CEILING, fp32: 0.9 },
    computeUnits: 80,
    tiles: GPU_TILES,
    kHalf: 160,
    launchSeconds: 2e-6,
  },
  attention: { flashForward: 0.3, flashBackward: 0.25 },
  memoryBandwidth: 0.85,
  network: {
    intraNode: { busBytesPerSecond: 115e9, latencySeconds: 10e-6 },
    interNode: { busBytesPerSecond: 5e9, latencySeconds: NETWORK_LATENCY_SECONDS },
  },
  sources: {
    gemm: `${V100_CUBLAS}, × 0.961 (A100's sustained / best-shape ratio); 80 SMs (V100 whitepaper); ${TILES}; fp32 0.9 assumption`,
    attention: "assumption: no FlashAttention on sm70; memory-efficient attention taken at 0.3/0.25",
    memoryBandwidth: "assumption: 85% of 900 GB/s, as the HBM GPUs measured by Azure (83–89%)",
    network:
      "intra: derived from the DGX-1 hybrid cube mesh (6 × 25 GB/s) × 0.77; α as A100; inter: ~40 GB/s busbw per DGX-1 (NCCL GTC 2017, quoted in NVIDIA/nccl-tests#29) / 8",
  },
};

/**
 * V100 SXM3 32 GB in DGX-2H nodes (16 GPUs on NVSwitch, 8 × 100 Gb/s InfiniBand per node; Shoeybi et
 * al. 2019 §5): V100's GEMM, attention and streaming terms (the GEMM ceiling as a fraction of this
 * part's own, higher peak); NVSwitch at the same 0.77 of its 150 GB/s per direction as NVLink on A100
 * (derived); the network 100 GB/s per 16-GPU server (the paper) → 6.25 GB/s per GPU × 0.96.
 */
export const V100_DGX2H_EFFICIENCY: Efficiency = {
  ...V100_EFFICIENCY,
  network: {
    intraNode: { busBytesPerSecond: 115e9, latencySeconds: 10e-6 },
    interNode: { busBytesPerSecond: 0.96 * 6.25e9, latencySeconds: NETWORK_LATENCY_SECONDS },
  },
  sources: {
    ...V100_EFFICIENCY.sources,
    network:
      "intra: NVSwitch 150 GB/s per direction (Shoeybi et al. 2019 §5: 300 GB/s between GPUs) × 0.77, A100's measured NVLink fraction (derived); inter: 100 GB/s per 16-GPU DGX-2H (Shoeybi et al. 2019 §5: 8 InfiniBand adapters per server) / 16 × 0.96",
  },
};

/**
 * The MXU ceiling assumed for every TPU: 0.9 of peak. No public TPU matmul microbenchmark was found;
 * the highest end-to-end utilisation measured at scale bounds it from below (MaxText on v5p: 328 of
 * 459 TFLOP/s model FLOP, 71%, with selective rematerialisation; the corpus, maxtext2023), and XLA
 * feeds the systolic arrays without kernel launches. An assumption.
 */
export const TPU_MXU_CEILING = 0.9;

/**
 * TPU v4. ICI: the Cloud TPU v4 page gives "all-reduce bandwidth per Pod 1.1 PB/s" over 4096 chips →
 * 268 GB/s per chip, used as bus bandwidth for every collective inside an ICI domain; α 5 µs
 * (measured on v5p: ~4.5–5.5 µs for small ppermute payloads, marin-community/marin#6736). DCN: 25 Gb/s
 * per chip (PaLM §4), × 0.96. GEMM: 2 TensorCores × 4 MXUs of 128×128 (Cloud TPU v4 docs); XLA pads
 * matmul dimensions to multiples of 128 (tile quantisation); the ceiling ({@link TPU_MXU_CEILING}) and
 * kHalf 128 are assumptions, as are the attention and bandwidth fractions.
 */
export const TPU_V4_EFFICIENCY: Efficiency = {
  gemm: {
    ceiling: { bf16: TPU_MXU_CEILING, fp32: TPU_MXU_CEILING },
    computeUnits: 8,
    tiles: [[128, 128]],
    kHalf: 128,
    launchSeconds: 0,
  },
  attention: { flashForward: 0.5, flashBackward: 0.4 },
  memoryBandwidth: 0.85,
  network: {
    intraNode: { busBytesPerSecond: 268e9, latencySeconds: 5e-6 },
    interNode: { busBytesPerSecond: 0.96 * 3.125e9, latencySeconds: DCN_LATENCY_SECONDS },
  },
  sources: {
    gemm: "Cloud TPU v4 docs (2 TensorCores × 4 MXUs per chip); ceiling TPU_MXU_CEILING and kHalf 128 assumptions",
    attention: "assumption (XLA fused attention)",
    memoryBandwidth: "assumption: 85% of 1.2 TB/s",
    network:
      "Cloud TPU v4 docs: all-reduce bandwidth per pod 1.1 PB/s / 4096 chips; α: marin-community/marin#6736 (v5p ppermute); DCN: PaLM §4, ×0.96",
  },
};

/**
 * The HAD19 target (Hestness, Ardalani & Diamos, PPoPP 2019 §5.2): its roofline reaches 80% of peak
 * compute on every GEMM and 70% of memory bandwidth; one compute unit and a 1×1 "tile" make the GEMM
 * model exactly that flat 80%.
 */
export const HAD19_EFFICIENCY: Efficiency = {
  gemm: { ceiling: { fp32: 0.8 }, computeUnits: 1, tiles: [[1, 1]], kHalf: 0, launchSeconds: 0 },
  attention: { flashForward: 0.8, flashBackward: 0.8 },
  memoryBandwidth: 0.7,
  network: {
    intraNode: { busBytesPerSecond: 56e9, latencySeconds: NETWORK_LATENCY_SECONDS },
    interNode: { busBytesPerSecond: 56e9, latencySeconds: NETWORK_LATENCY_SECONDS },
  },
  sources: {
    gemm: "HAD19 §5.2: 80% of peak compute",
    attention: "HAD19 §5.2: 80% of peak compute",
    memoryBandwidth: "HAD19 §5.2: 70% of peak bandwidth",
    network: "HAD19 Table 4: 56 GB/s inter-device, taken as achieved",
  },
};

/**
 * The efficiency of a device whose only measurement is its best-shape matmul rate (the MAMF table of
 * stas00/ml-engineering): the ceiling is the sustained fraction of peak where one was measured (MSMF:
 * matmuls at the power-saturated clock, what a training step runs at), else MAMF / peak × 0.961 (A100's
 * ratio of a sustained, 10,000-warm-up fit to its MAMF burst, 0.835/0.869); the SM count is the
 * datasheet's, everything else {@link defaultEfficiency}.
 */
export function mamfEfficiency(
  acc: Pick<Accelerator, "peakFlopsPerSecond" | "intraNode" | "interNode">,
  o: {
    mamfFraction: number;
    sustainedFraction?: number;
    /** The fp8 ceiling's fraction of peak over the 16-bit one's, where measured (else 1). */
    fp8OfSixteenBit?: number;
    computeUnits: number;
    source: string;
  },
): Efficiency {
  const base = defaultEfficiency(acc);
  const ceiling: Efficiency["gemm"]["ceiling"] = {};
  const sustained = o.sustainedFraction ?? o.mamfFraction * SUSTAINED_OF_BEST_SHAPE;
  for (const k of Object.keys(base.gemm.ceiling) as (keyof Efficiency["gemm"]["ceiling"])[])
    ceiling[k] =
      k === "fp32" ? DEFAULT_GEMM.ceiling : k === "fp8" ? sustained * (o.fp8OfSixteenBit ?? 1) : sustained;
  const how = o.sustainedFraction !== undefined ? "sustained (MSMF) fraction" : "× 0.961 as A100";
  return {
    ...base,
    gemm: { ...base.gemm, ceiling, computeUnits: o.computeUnits },
    sources: { ...base.sources, gemm: `${MAMF}: ${o.source}; ${how}; other GEMM terms assumed` },
  };
}

/**
 * A TPU generation without measurements of its own: TPU v4's GEMM, attention and bandwidth terms with
 * its own MXU count, and its datasheet links at the default achieved fractions.
 */
export function tpuEfficiency(
  acc: Pick<Accelerator, "peakFlopsPerSecond" | "intraNode" | "interNode">,
  o: { computeUnits: number; source: string },
): Efficiency {
  const base = defaultEfficiency(acc);
  return {
    ...base,
    gemm: { ...TPU_V4_EFFICIENCY.gemm, computeUnits: o.computeUnits },
    attention: TPU_V4_EFFICIENCY.attention,
    memoryBandwidth: TPU_V4_EFFICIENCY.memoryBandwidth,
    sources: {
      ...base.sources,
      gemm: `TPU v4's GEMM terms (assumptions) with ${o.source}`,
      attention: TPU_V4_EFFICIENCY.sources.attention!,
      memoryBandwidth: TPU_V4_EFFICIENCY.sources.memoryBandwidth!,
    },
  };
}
