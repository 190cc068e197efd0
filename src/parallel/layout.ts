import { InputError } from "../units/InputError.js";
import { RECOMPUTE, type Recompute } from "../workload/execution.js";
import { type LayoutDim, type SearchContext, divisors } from "./layoutDim.js";

/** ZeRO stages (Rajbhandari et al. 2020 §5): 0 none, 1 optimizer state, 2 + gradients, 3 + parameters. */
export type ZeroStage = 0 | 1 | 2 | 3;

/**
 * A parallel layout of one training run (Narayanan et al. 2021 PTD-P; Korthikanti et al. 2022 sequence
 * parallelism; ZeRO; expert and context parallelism as in Megatron-Core): devices = dp·tp·pp·cp
 * (`layoutDevices`); `ep` expert-parallel ranks are carved out of the data-parallel ranks (ep | dp·cp,
 * as GShard and Megatron-Core do; Megatron-Core's expert tensor parallelism also lets ep reach into the
 * tp ranks, ep | dp·cp·tp); each data-parallel replica runs global batch / (dp·mb) micro-batches of
 * `mb` samples per step through `pp` stages of `vp` interleaved chunks each. Ranks are placed tp
 * innermost, then cp, then dp (ep inside it), then pp (Megatron-Core's tp-cp-ep-dp-pp order).
 */
export interface Layout {
  dp: number;
  tp: number;
  pp: number;
  cp: number;
  ep: number;
  vp: number;
  mb: number;
  recompute: Recompute;
  sp: boolean;
  zero: ZeroStage;
}

/**
 * Fewest tokens per context-parallel rank the search tries (a fixed `--layout cp=` is taken as given):
 * context parallelism pays at long sequences (Megatron-Core and NeMo recommend it from 8K tokens,
 * Llama 3 used it at 128K), where attention dominates; splitting a 2K sequence only adds KV traffic.
 */
export const CP_MIN_TOKENS = 2048;

const positiveInteger = (value: string, field: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InputError(field, value, "a positive integer");
  return n;
};

const integerDim = (
  key: "dp" | "tp" | "pp" | "cp" | "ep" | "vp" | "mb",
  devices: boolean,
  doc: string,
  values: (c: SearchContext, l: Partial<Layout>) => number[],
): LayoutDim<typeof key> => ({
  key,
  devices,
  doc,
  parse: positiveInteger,
  format: String,
  values,
});

/**
 * Every layout dimension as data: its key, whether it multiplies the device count, how to parse and
 * print it, and the values the search tries (given the model, the batch and the dimensions chosen
 * before it, in this order). Adding a dimension is one entry here, its field in {@link Layout}, and
 * its physics in the evaluator (CONTRIBUTING.md, "Adding a layout dimension").
 */
export const LAYOUT_DIMS = [
  integerDim("tp", true, "tensor parallel (Shoeybi et al. 2019), where the stack has it", (c) =>
    c.supports.tensorParallel === false
      ? [1]
      : divisors(c.devicesPerNode).filter(
          (t) => t === 1 || (c.heads !== undefined && c.heads % t === 0 && (c.kvHeads ?? c.heads) % t === 0),
        ),
  ),
  integerDim(
    "cp",
    true,
    "context parallel: the sequence split over ranks (ring or all-gathered KV); searched while each rank keeps at least CP_MIN_TOKENS tokens",
    (c) =>
      c.supports.contextParallel && c.heads !== undefined
        ? divisors(c.seq).filter((x) => x <= 32 && (x === 1 || c.seq / x >= CP_MIN_TOKENS))
        : [1],
  ),
  integerDim("pp", true, "pipeline stages (Narayanan et al. 2021); uneven where the stack allows", (c) =>
    !c.supports.pipeline
      ? [1]
      : c.supports.unevenPipeline
        ? [
            ...new Set([...divisors(c.blocks), ...[2, 4, 8, 16, 32, 64, 128].filter((p) => p <= c.blocks)]),
          ].sort((a, b) => a - b)
        : divisors(c.blocks),
  ),
  integerDim("dp", true, "data parallel replicas", (c) => divisors(c.globalBatch)),
  integerDim("ep", false, "expert parallel: experts sharded over data-parallel ranks (ep | dp·cp)", (c, l) =>
    c.experts > 1 && c.supports.expertParallel
      ? divisors(c.experts).filter((e) => ((l.dp ?? 1) * (l.cp ?? 1)) % e === 0)
      : [1],
  ),
  integerDim("vp", false, "interleaved chunks per pipeline stage (Narayanan et al. 2021 §2.2.2)", (c, l) =>
    (l.pp ?? 1) > 1 && c.supports.interleaving ? divisors(Math.ceil(c.blocks / (l.pp ?? 1))) : [1],
  ),
  integerDim("mb", false, "samples per micro-batch", (c, l) =>
    divisors(c.globalBatch / (l.dp ?? 1)).filter((m) => m <= c.maxMicroBatch),
  ),
  {
    key: "recompute",
    devices: false,
    doc: "activation recompute: none | selective | full (Korthikanti et al. 2022)",
    parse(value: string, field: string): Recompute {
      if (!(RECOMPUTE as readonly string[]).includes(value))
        throw new InputError(field, value, RECOMPUTE.join(" | "));
      return value as Recompute;
    },
    format: String,
    values: (c) => RECOMPUTE.filter((r) => (c.supports.recompute ?? RECOMPUTE).includes(r)),
  } satisfies LayoutDim<"recompute">,
  {
    key: "sp",
    devices: false,
    doc: "sequence parallelism with tp (Korthikanti et al. 2022 §4.2.2): on | off",
    parse(value: string, field: string): boolean {
      if (!["on", "off", "true", "false"].includes(value)) throw new InputError(field, value, "on | off");
      return value === "on" || value === "true";
    },
    format: (v: boolean) => (v ? "on" : "off"),
    values: (c, l) => ((l.tp ?? 1) > 1 && c.supports.sequenceParallel ? [false, true] : [false]),
  } satisfies LayoutDim<"sp">,
  {
    key: "zero",
    devices: false,
    doc: "ZeRO stage 0–3 over the data-parallel ranks (Rajbhandari et al. 2020)",
    parse(value: string, field: string): ZeroStage {
      const z = Number(value);
      if (![0, 1, 2, 3].includes(z)) throw new InputError(field, value, "0, 1, 2 or 3");
      return z as ZeroStage;
    },
    format: String,
    values: (c, l) =>
      (l.dp ?? 1) * (l.cp ?? 1) <= 1
        ? [0]
        : (l.pp ?? 1) > 1 && c.supports.zeroWithPipeline
          ? c.supports.zero.filter((z) => c.supports.zeroWithPipeline!.includes(z))
          : c.supports.zero,
  } satisfies LayoutDim<"zero">,
] as const;

/**
 * One device: no parallelism, one sample per micro-batch, no recompute, no ZeRO. The layout partial
 * layouts fill their missing fields from (a runs file's columns, a test's overrides).
 */
export const SINGLE_DEVICE_LAYOUT: Readonly<Layout> = {
  dp: 1,
  tp: 1,
  pp: 1,
  cp: 1,
  ep: 1,
  vp: 1,
  mb: 1,
  recompute: "none",
  sp: false,
  zero: 0,
};

/** The layout fields in the order the CLI prints them. */
export const LAYOUT_FIELDS: readonly (keyof Layout)[] = [
  "dp",
  "tp",
  "pp",
  "cp",
  "ep",
  "vp",
  "mb",
  "recompute",
  "sp",
  "zero",
];

const dimOf = (key: string) => LAYOUT_DIMS.find((d) => d.key === key);

/** Devices a layout occupies: the product of the dimensions that multiply the device count. */
export function layoutDevices(l: Pick<Layout, "dp" | "tp" | "pp" | "cp">): number {
  return l.dp * l.tp * l.pp * l.cp;
}

const EXAMPLE = "tp=8,cp=2,pp=8,dp=4,ep=1,vp=3,mb=1,recompute=full,sp=on,zero=1";

/**
 * Parse `--layout tp=8,cp=16,pp=16,dp=8,...`. Fields left out stay undefined (the search fills them
 * in). Bad keys or values are an InputError naming the field.
 */
export function parseLayout(text: string, field = "--layout"): Partial<Layout> {
  const out: Record<string, unknown> = {};
  const trimmed = text.trim();
  if (trimmed === "") return {};
  for (const part of trimmed.split(",")) {
    const [key, value, extra] = part.split("=").map((s) => s.trim());
    if (key === undefined || value === undefined || extra !== undefined || value === "")
      throw new InputError(field, part, `comma-separated key=value pairs such as ${EXAMPLE}`);
    const dim = dimOf(key);
    if (!dim) throw new InputError(field, key, `one of the keys ${LAYOUT_FIELDS.join(", ")}`);
    // a key given twice (tp=8,tp=4) is a slip: neither value may silently win
    if (key in out) throw new InputError(`${field} ${key}`, trimmed, `${key} given once`);
    out[key] = dim.parse(value, `${field} ${key}`);
  }
  return out as Partial<Layout>;
}

/** A layout as `dp=…,tp=…,pp=…,cp=…,ep=…,vp=…,mb=…,recompute=…,sp=on|off,zero=…` (parseable back). */
export function formatLayout(l: Partial<Layout>): string {
  const parts: string[] = [];
  for (const key of LAYOUT_FIELDS) {
    const v = l[key];
    if (v === undefined) continue;
    const dim = dimOf(key)!;
    parts.push(`${key}=${(dim.format as (x: unknown) => string)(v)}`);
  }
  return parts.join(",");
}

/** True when every field of the layout is set. */
export function isCompleteLayout(l: Partial<Layout>): l is Layout {
  return LAYOUT_FIELDS.every((k) => l[k] !== undefined);
}
