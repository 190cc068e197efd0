import { InputError } from "../units/InputError.js";
import type { Accelerator } from "./accelerator.js";
import * as entries from "./catalog/index.js";

const RAW: readonly Accelerator[] = [
  entries.V100_16GB,
  entries.V100_32GB,
  entries.A100_40GB,
  entries.A100_80GB,
  entries.H100_SXM,
  entries.H100_PCIE,
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
export const ACCELERATORS: readonly Accelerator[] = Object.freeze([...RAW]);

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
