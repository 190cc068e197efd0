import { defineCommand } from "citty";
import type { Accelerator } from "../../hardware/accelerator.js";
import { accelerator, ACCELERATORS } from "../../hardware/catalog.js";
import { efficiencyOf } from "../../hardware/efficiency.js";
import {
  FLASH_HEAD_DIM_HALF,
  FLASH_REFERENCE,
  FLASH_SEQ_HALF,
  type FlashShape,
} from "../../hardware/flashShape.js";
import { formatBytes } from "../../units/formatBytes.js";
import { formatDollars } from "../../units/formatDollars.js";
import { formatBytesPerSecond, formatFlopsPerSecond } from "../../units/formatRate.js";
import type { Io } from "../io.js";
import { renderTable } from "../table.js";

/** The catalog, with a user catalog merged in when `path` is given (loads zod only then). */
async function catalogOf(io: Io, path: string | undefined): Promise<Accelerator[]> {
  if (path === undefined) return [...ACCELERATORS];
  return (await import("../loadCatalog.js")).loadCatalog(io, path);
}

const PRECISION_ORDER = ["fp32", "tf32", "bf16", "fp16", "fp8"] as const;
/** Device memory in binary units, as the runtime counts it (catalog/memorySizes.ts). */
const memory = (b: number) => formatBytes(b);
const seconds = (s: number) => `${Number((s * 1e6).toPrecision(3))} µs`;

/** Every field of an accelerator as [field, value with units, source] rows. */
/** Where a GPU's flash fractions were measured (other shapes scale by flashShape.ts). */
function flashShapeNote(at: FlashShape): string {
  const { causal, full } = FLASH_SEQ_HALF;
  return `at ${at.seq} keys, head dim ${at.headDim}, ${at.causal ? "causal" : "no mask"}; other shapes scale by s/(s + ${causal} causal, ${full} unmasked)·d/(d + ${FLASH_HEAD_DIM_HALF}), s keys, d head dim`;
}

export function acceleratorRows(a: Accelerator): string[][] {
  const src = (key: string) => a.sources[key] ?? "";
  const rows: string[][] = [
    ["vendor", a.vendor, ""],
    ["kind", a.kind, ""],
  ];
  if (a.variantOf) rows.push(["variant of", `${a.variantOf} (its compute and memory)`, src("variantOf")]);
  for (const p of PRECISION_ORDER) {
    const v = a.peakFlopsPerSecond[p];
    if (v !== undefined) rows.push([`peak ${p} (dense)`, formatFlopsPerSecond(v), src("peakFlopsPerSecond")]);
  }
  rows.push(
    ["memory", memory(a.memoryBytes), src("memoryBytes")],
    ["memory bandwidth", formatBytesPerSecond(a.memoryBytesPerSecond), src("memoryBytesPerSecond")],
    ["intra-node link", a.intraNode.name, src("intraNode")],
    ["  bandwidth (per direction)", formatBytesPerSecond(a.intraNode.bytesPerSecond), ""],
    ["  latency", seconds(a.intraNode.latencySeconds), ""],
    ["inter-node network", a.interNode.name, src("interNode")],
    ["  bandwidth (per direction)", formatBytesPerSecond(a.interNode.bytesPerSecond), ""],
    ["  latency", seconds(a.interNode.latencySeconds), ""],
    ["devices per node", String(a.devicesPerNode), src("devicesPerNode")],
    ["TDP", `${a.tdpWatts} W`, src("tdpWatts")],
  );
  const e = efficiencyOf(a);
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  rows.push(
    [
      "GEMM ceiling",
      Object.entries(e.gemm.ceiling)
        .map(([p, v]) => `${p} ${pct(v!)}`)
        .join(", "),
      e.sources.gemm ?? "",
    ],
    [
      "  shape terms",
      `${e.gemm.computeUnits} units, tiles ${e.gemm.tiles.map(([m, n]) => `${m}×${n}`).join(" ")}, kHalf ${e.gemm.kHalf}, launch ${seconds(e.gemm.launchSeconds)}`,
      "",
    ],
    [
      "fused attention",
      `forward ${pct(e.attention.flashForward)}, backward ${pct(e.attention.flashBackward)}${e.attention.asyncForward !== undefined ? `; Hopper kernels ${pct(e.attention.asyncForward)}/${pct(e.attention.asyncBackward ?? 0)}` : ""}${a.kind === "gpu" ? `; ${flashShapeNote(e.attention.measuredAt ?? FLASH_REFERENCE)}` : ""}`,
      e.sources.attention ?? "",
    ],
    ["streaming bandwidth", pct(e.memoryBandwidth), e.sources.memoryBandwidth ?? ""],
    [
      "achieved bus bandwidth",
      `intra ${formatBytesPerSecond(e.network.intraNode.busBytesPerSecond)}${e.network.intraNode.allReduceBusBytesPerSecond ? ` (all-reduce ${formatBytesPerSecond(e.network.intraNode.allReduceBusBytesPerSecond)})` : ""}, inter ${formatBytesPerSecond(e.network.interNode.busBytesPerSecond)}`,
      e.sources.network ?? "",
    ],
  );
  if (a.price)
    rows.push(["price", `${formatDollars(a.price.dollarsPerHour)}/h (${a.price.date})`, a.price.source]);
  else rows.push(["price", "-", "no cloud list price recorded"]);
  for (const [key, value] of Object.entries(a.sources)) {
    if (!rows.some((r) => r[2] === value)) rows.push([`source: ${key}`, "", value]);
  }
  if (a.notes) rows.push(["notes", "", a.notes]);
  return rows;
}

const catalogArg = {
  type: "string",
  description: "a JSON file of accelerators that add to or override the catalog",
} as const;
const jsonArg = { type: "boolean", description: "print JSON" } as const;

/** `scalecast hardware list|show NAME`: the accelerator catalog, every number with its source. */
export function hardwareCommand(io: Io) {
  const list = defineCommand({
    meta: { name: "list", description: "List the accelerators of the catalog" },
    args: { json: jsonArg, catalog: catalogArg },
    async run({ args }) {
      const catalog = await catalogOf(io, args.catalog);
      if (args.json) {
        io.stdout(`${JSON.stringify(catalog, null, 2)}\n`);
        return;
      }
      const rows = catalog.map((a) => {
        const half = a.peakFlopsPerSecond.bf16 ?? a.peakFlopsPerSecond.fp16;
        return [
          a.name,
          a.vendor,
          half === undefined ? "-" : formatFlopsPerSecond(half),
          formatFlopsPerSecond(a.peakFlopsPerSecond.fp32),
          memory(a.memoryBytes),
          formatBytesPerSecond(a.memoryBytesPerSecond),
          formatBytesPerSecond(a.intraNode.bytesPerSecond),
          formatBytesPerSecond(a.interNode.bytesPerSecond),
          String(a.devicesPerNode),
          `${a.tdpWatts} W`,
          a.price ? `${formatDollars(a.price.dollarsPerHour)}/h` : "-",
        ];
      });
      const header = [
        "name",
        "vendor",
        "bf16/fp16",
        "fp32",
        "memory",
        "mem bw",
        "intra-node",
        "inter-node",
        "per node",
        "TDP",
        "price",
      ];
      io.stdout(
        `${renderTable(header, rows)}\n(links: per device, per direction; peaks dense; scalecast hardware show NAME for sources)\n`,
      );
    },
  });
  const show = defineCommand({
    meta: { name: "show", description: "Show one accelerator: every field with units and its source" },
    args: {
      name: { type: "positional", description: "accelerator name (scalecast hardware list)", required: true },
      json: jsonArg,
      catalog: catalogArg,
    },
    async run({ args }) {
      const catalog = await catalogOf(io, args.catalog);
      const a = accelerator(args.name, catalog);
      if (args.json) {
        io.stdout(`${JSON.stringify(a, null, 2)}\n`);
        return;
      }
      io.stdout(`${a.name}\n${renderTable(["field", "value", "source"], acceleratorRows(a))}\n`);
    },
  });
  return defineCommand({
    meta: { name: "hardware", description: "The accelerator catalog: list, or show NAME with sources" },
    subCommands: { list, show },
  });
}
