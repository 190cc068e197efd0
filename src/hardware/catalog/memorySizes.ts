/**
 * Device memory sizes. Vendors' "GB" of accelerator memory count binary units: DRAM dies hold powers of
 * two of bits, and the runtime's total says so: nvidia-smi's memory.total reads 81920 MiB (80 GiB) on the
 * "80 GB" A100, 40960 MiB on the "40 GB" A100, 81559 MiB on the "80 GB" H100, 15360 MiB on the "16 GB"
 * T4 and 23034 MiB on the "24 GB" L4 (ECC on GDDR6 keeps 1/16) — modal-labs/modal-client pull request
 * 2797 (2025) lists them. Reading "80 GB" as 80e9 bytes drops 7% of a device (74.5 of its 80 GiB). The
 * catalog stores the runtime's total where it is measured, and N GiB for a datasheet's "N GB" elsewhere,
 * as Google's docs state their TPUs' HBM in GiB. What the framework cannot use (CUDA context, allocator,
 * communicators) is the memory reserve's (src/parallel/systemSchema.ts), not the capacity's.
 */

/** n binary gigabytes, in bytes. */
export const gib = (n: number): number => n * 1024 ** 3;

/** n binary megabytes, in bytes. */
export const mib = (n: number): number => n * 1024 ** 2;

/** Where the measured totals come from. */
export const NVIDIA_SMI_TOTALS = "nvidia-smi memory.total (modal-labs/modal-client#2797, 2025)";

/** A datasheet's "N GB" read as N GiB (see this file's note). */
export const BINARY_GB = "the datasheet's GB read as GiB, as nvidia-smi shows them (catalog/memorySizes.ts)";
