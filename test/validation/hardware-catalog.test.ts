import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import type { Accelerator } from "../../src/hardware/accelerator.js";
import { accelerator } from "../../src/hardware/catalog.js";
import { HAS_SHARED, SHARED_DATA } from "../sharedData.js";
import { type Case, deltaPct, printCases } from "./report.js";

// The catalog against Epoch AI's chip dataset (shared/data/hardware/epoch_chips_compact.csv). The catalog
// cites vendor datasheets first; Epoch is an independent check. Where the two disagree for a stated reason
// the case is printed with tolerance "reported" and not asserted; every other case must agree within 5%.

type Column =
  | "FP32 (single precision) performance (FLOP/s)"
  | "TF32 (TensorFloat-32) performance (FLOP/s)"
  | "Tensor-FP16/BF16 performance (FLOP/s)"
  | "FP8 performance (FLOP/s)"
  | "Memory size per board (Byte)"
  | "Memory bandwidth (byte/s)"
  | "Intranode bandwidth (byte/s)"
  | "Internode bandwidth (bit/s)"
  | "TDP (W)";

/** Each compared field: the Epoch column and the catalog value in Epoch's convention. */
const FIELDS: readonly { key: string; column: Column; value: (a: Accelerator) => number | undefined }[] = [
  {
    key: "fp32",
    column: "FP32 (single precision) performance (FLOP/s)",
    value: (a) => a.peakFlopsPerSecond.fp32,
  },
  {
    key: "tf32",
    column: "TF32 (TensorFloat-32) performance (FLOP/s)",
    value: (a) => a.peakFlopsPerSecond.tf32,
  },
  {
    key: "bf16",
    column: "Tensor-FP16/BF16 performance (FLOP/s)",
    value: (a) => a.peakFlopsPerSecond.bf16 ?? a.peakFlopsPerSecond.fp16,
  },
  { key: "fp8", column: "FP8 performance (FLOP/s)", value: (a) => a.peakFlopsPerSecond.fp8 },
  // Epoch writes a datasheet's "80 GB" as 8e10 bytes; the catalog keeps the device's binary total
  // (catalog/memorySizes.ts: nvidia-smi reads 81920 MiB on the A100 80GB), compared here as GiB → GB
  { key: "memory", column: "Memory size per board (Byte)", value: (a) => (a.memoryBytes / 2 ** 30) * 1e9 },
  { key: "bandwidth", column: "Memory bandwidth (byte/s)", value: (a) => a.memoryBytesPerSecond },
  // Epoch quotes NVLink bidirectional; the catalog stores one direction.
  {
    key: "intranode×2",
    column: "Intranode bandwidth (byte/s)",
    value: (a) => 2 * a.intraNode.bytesPerSecond,
  },
  {
    key: "internode bit/s",
    column: "Internode bandwidth (bit/s)",
    value: (a) => 8 * a.interNode.bytesPerSecond,
  },
  { key: "tdp", column: "TDP (W)", value: (a) => a.tdpWatts },
];

/** Catalog name → Epoch row, the factor Epoch's row spans (GB200 NVL2 = 2 GPUs for memory), and known differences. */
const ROWS: readonly {
  name: string;
  epoch: string;
  perBoard?: Partial<Record<string, number>>;
  reported?: Record<string, string>;
}[] = [
  {
    name: "v100-16gb",
    epoch: "NVIDIA Tesla V100 SXM2",
    reported: { "internode bit/s": "DGX-1 share 50 Gb/s per GPU vs Epoch's 100 Gb/s NIC" },
  },
  {
    name: "v100-32gb",
    epoch: "NVIDIA Tesla V100 SXM2 32 GB",
    reported: { "internode bit/s": "DGX-1 share 50 Gb/s per GPU vs Epoch's 100 Gb/s NIC" },
  },
  { name: "a100-40gb", epoch: "NVIDIA A100 SXM4 40 GB" },
  { name: "a100-80gb", epoch: "NVIDIA A100 SXM4 80 GB" },
  { name: "h100-sxm", epoch: "NVIDIA H100 SXM5 80GB" },
  {
    name: "h100-pcie",
    epoch: "NVIDIA H100 PCIe",
    reported: {
      "intranode×2": "PCIe Gen5 vs Epoch's NVLink bridge (pairs only)",
      "internode bit/s": "assumed 200 Gb/s NIC per GPU",
    },
  },
  { name: "h200", epoch: "NVIDIA H200 SXM" },
  {
    name: "b200",
    epoch: "NVIDIA B200",
    reported: { memory: "nvidia-smi 183359 MiB (DGX B200: 180 GB usable) vs 192 GB nominal" },
  },
  { name: "gb200", epoch: "NVIDIA GB200 NVL2", perBoard: { memory: 2, bandwidth: 2 } },
  { name: "mi250x", epoch: "AMD Radeon Instinct MI250X" },
  { name: "mi300x", epoch: "AMD Instinct MI300X" },
  { name: "gaudi2", epoch: "Intel Habana Gaudi2" },
  {
    name: "gaudi3",
    epoch: "Intel Habana Gaudi3",
    reported: {
      bf16: "Intel white paper 1,835 vs Epoch 1,678 TFLOP/s",
      fp8: "Intel white paper 1,835 vs Epoch 1,678 TFLOP/s",
    },
  },
  {
    name: "tpu-v2",
    epoch: "Google TPU v2",
    reported: {
      fp32: "catalog fp32 = bf16/6 (XLA HIGHEST)",
      bandwidth: "Jouppi 2020: 700 GB/s",
    },
  },
  {
    name: "tpu-v3",
    epoch: "Google TPU v3",
    reported: { tdp: "Jouppi 2020: 450 W" },
  },
  {
    name: "tpu-v4",
    epoch: "Google TPU v4",
    reported: { tdp: "Jouppi 2023: 192 W max (170 W mean)" },
  },
  { name: "tpu-v5e", epoch: "Google TPU v5e" },
  { name: "tpu-v5p", epoch: "Google TPU v5p" },
  {
    name: "t4",
    epoch: "NVIDIA Tesla T4",
    reported: { memory: "ECC on GDDR6 keeps 1/16: nvidia-smi 15360 MiB" },
  },
  { name: "l4", epoch: "NVIDIA L4", reported: { memory: "ECC on GDDR6 keeps 1/16: nvidia-smi 23034 MiB" } },
  {
    name: "rtx-4090",
    epoch: "NVIDIA GeForce RTX 4090",
    reported: { bf16: "fp32-accumulate 165 vs Epoch's fp16-accumulate 330 TFLOP/s" },
  },
];

const TOLERANCE_PCT = 5;

function epochRows(): Map<string, Record<string, string>> {
  const text = readFileSync(`${SHARED_DATA}hardware/epoch_chips_compact.csv`, "utf8");
  const rows = parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return new Map(rows.map((r) => [r["Hardware name"]!, r]));
}

describe.skipIf(!HAS_SHARED)("hardware catalog vs Epoch AI chip dataset (shared/data/hardware)", () => {
  it("agrees within 5% wherever both give a number, except the stated differences", () => {
    const epoch = epochRows();
    const cases: Case[] = [];
    const failures: string[] = [];
    for (const row of ROWS) {
      const e = epoch.get(row.epoch);
      expect(e, row.epoch).toBeDefined();
      const acc = accelerator(row.name);
      for (const f of FIELDS) {
        const ours = f.value(acc);
        const cell = e![f.column];
        if (ours === undefined || !cell) continue;
        const expected = Number(cell) / (row.perBoard?.[f.key] ?? 1);
        const reported = row.reported?.[f.key];
        const c: Case = { name: `${row.name} ${f.key}`, actual: ours, expected };
        if (!reported) c.tolerancePct = TOLERANCE_PCT;
        cases.push(c);
        if (!reported && Math.abs(deltaPct(ours, expected)) > TOLERANCE_PCT) {
          failures.push(`${c.name}: ${ours} vs ${expected} (${deltaPct(ours, expected).toFixed(1)}%)`);
        }
      }
    }
    printCases(
      "Hardware catalog vs Epoch AI chip dataset: asserted within 5%",
      cases.filter((c) => c.tolerancePct !== undefined),
    );
    printCases(
      "Hardware catalog vs Epoch AI chip dataset: known differences (reasons in the test)",
      cases.filter((c) => c.tolerancePct === undefined),
    );
    expect(failures).toEqual([]);
    expect(cases.filter((c) => c.tolerancePct !== undefined).length).toBeGreaterThan(80);
  });
});
