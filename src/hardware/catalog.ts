import { InputError } from "../units/InputError.js";
import type { Accelerator } from "./accelerator.js";
import * as entries from "./catalog/index.js";
import { mamfEfficiency, tpuEfficiency } from "./catalog/efficiencies.js";

/**
 * Devices whose only GEMM measurement is a best-shape matmul rate (stas00/ml-engineering, "Maximum
 * Achievable Matmul FLOPS comparison table", BF16), with their compute-unit counts from the vendors'
 * datasheets; {@link mamfEfficiency} turns each into an efficiency. Entries with a fuller measured
 * `efficiency` (V100, A100, H100, H200, TPU v4) keep theirs.
 */
/**
 * Blackwell's sustained fp8 matmul rate as a fraction of its fp8 peak, over its bf16 one's: B200 MSMF fp8
 * 2795.7 of 4500 (62.1%) and bf16 1456.3 of 2250 (64.7%), each alone at the saturated clock
 * (stas00/ml-engineering compute/accelerator/README.md at 082816f, MAMF table with MSMF). Transformer
 * Engine's own B300 benchmark agrees: a layer's pre-quantized fp8 GEMMs 1.92× its bf16 ones, 0.96 of 2×
 * (docs/examples/gemm_profiling/gemm_profiling.rst).
 */
const BLACKWELL_FP8_OF_BF16 = 2795.7 / 4500 / (1456.3 / 2250);

const MAMF_MEASURED: Readonly<
  Record<
    string,
    {
      mamfFraction: number;
      sustainedFraction?: number;
      fp8OfSixteenBit?: number;
      computeUnits: number;
      source: string;
    }
  >
> = {
  "h100-pcie": {
    mamfFraction: 499.5 / 756,
    computeUnits: 114,
    source: "H100 PCIe 499.5 of 756 TFLOP/s; 114 SMs",
  },
  b200: {
    mamfFraction: 1745 / 2250,
    sustainedFraction: 1426.4 / 2250,
    fp8OfSixteenBit: BLACKWELL_FP8_OF_BF16,
    computeUnits: 148,
    source:
      "B200 SXM 1745 of 2250 TFLOP/s; sustained (MSMF, all 8 GPUs busy, n = 40) 1426.4 TFLOP/s bf16 (compute/accelerator/benchmarks/README.md, 'alone vs all-8 concurrent'); fp8 × 0.960, its MSMF 62.1% of fp8 peak over bf16's 64.7% (README at 082816f); 148 SMs",
  },
  gb200: {
    mamfFraction: 1822 / 2500,
    // no saturated-clock (MSMF) measurement of its own: the same Blackwell die's ratio on B200, all 8 GPUs
    // busy, 1426.4 / 1751.2 (MSMF and MAMF means, the same table), not A100's 0.961: a matmul that fills
    // the SMs is power-limited to ~1,340 MHz of a 1,965 MHz boost (the README's B200 note)
    sustainedFraction: (1822 / 2500) * (1426.4 / 1751.2),
    fp8OfSixteenBit: BLACKWELL_FP8_OF_BF16,
    computeUnits: 148,
    source:
      "GB200 1822 of 2500 TFLOP/s; sustained as the B200's saturated-clock ratio, MSMF 1426.4 over MAMF 1751.2 with all 8 GPUs busy (compute/accelerator/benchmarks/README.md, 'alone vs all-8 concurrent'); fp8 × 0.960 as B200's MSMF (62.1% of fp8 peak over bf16's 64.7%); 148 SMs",
  },
  mi300x: {
    mamfFraction: 781.9 / 1300,
    computeUnits: 304,
    source: "MI300X 781.9 of 1300 TFLOP/s (ROCm 6.2); 304 CUs",
  },
  mi250x: {
    mamfFraction: 147 / 191.5,
    computeUnits: 220,
    source: "MI250X 147 of 191.5 TFLOP/s per GCD; 2 × 110 CUs",
  },
  gaudi2: { mamfFraction: 418.7 / 432, computeUnits: 2, source: "Gaudi 2 418.7 of 432 TFLOP/s; 2 MMEs" },
  gaudi3: { mamfFraction: 1243 / 1677, computeUnits: 8, source: "Gaudi 3 1243 of 1677 TFLOP/s; 8 MMEs" },
};

/** TPU generations without measurements: TPU v4's assumed terms with their MXU counts (Cloud TPU docs). */
const TPU_ASSUMED: Readonly<Record<string, { computeUnits: number; source: string }>> = {
  "tpu-v2": { computeUnits: 2, source: "2 TensorCores × 1 MXU (Cloud TPU system architecture)" },
  "tpu-v3": { computeUnits: 4, source: "2 TensorCores × 2 MXUs (Cloud TPU system architecture)" },
  "tpu-v5e": { computeUnits: 4, source: "1 TensorCore × 4 MXUs (Cloud TPU v5e docs)" },
  "tpu-v5p": { computeUnits: 8, source: "2 TensorCores × 4 MXUs (Cloud TPU v5p docs)" },
};

const withMeasured = (a: Accelerator): Accelerator => {
  if (a.efficiency) return a;
  const m = MAMF_MEASURED[a.name];
  if (m) return { ...a, efficiency: mamfEfficiency(a, m) };
  const t = TPU_ASSUMED[a.name];
  return t ? { ...a, efficiency: tpuEfficiency(a, t) } : a;
};

const RAW: readonly Accelerator[] = [
  entries.V100_16GB,
  entries.V100_32GB,
  entries.V100_DGX2H,
  entries.A100_40GB,
  entries.A100_80GB,
  entries.A800_80GB,
  entries.H100_SXM,
  entries.H100_SXM_96GB,
  entries.H100_PCIE,
  entries.H800,
  entries.H200,
  entries.B200,
  entries.GB200,
  entries.MI250X,
  entries.MI300X,
  entries.GAUDI2,
  entries.GAUDI3,
  entries.TPU_V2,
  entries.TPU_V3,
  entries.TPU_V4,
  entries.TPU_V5E,
  entries.TPU_V5P,
  entries.T4,
  entries.L4,
  entries.RTX_4090,
  entries.HAD19_TARGET,
];

/**
 * The built-in accelerator catalog (`src/hardware/catalog/*.ts`). Every number carries its source in
 * `sources`. Typed as {@link Accelerator} here and validated against `AcceleratorSchema` by
 * test/hardware/catalog.test.ts rather than when this module loads, so that listing the catalog does not
 * load zod (CLI startup, issue 17); user catalogs are validated by `mergeCatalog` (mergeCatalog.ts).
 */
export const ACCELERATORS: readonly Accelerator[] = Object.freeze(RAW.map(withMeasured));

/**
 * Look an accelerator up by its lower-case name, in `extra` first (user entries), then the built-in catalog.
 *
 * @throws InputError listing the known names when `name` is unknown.
 */
export function accelerator(name: string, extra: readonly Accelerator[] = []): Accelerator {
  const key = name.trim().toLowerCase();
  const found = extra.find((a) => a.name === key) ?? ACCELERATORS.find((a) => a.name === key);
  if (found) return found;
  const names = [...new Set([...extra, ...ACCELERATORS].map((a) => a.name))];
  throw new InputError("hardware", name, `one of ${names.join(", ")}`);
}
