import type { Accelerator } from "../accelerator.js";
import type { Efficiency } from "../efficiencySchema.js";
import { NCCL_TUNING } from "./links.js";

/**
 * An export variant of an NVIDIA part (A800 of the A100, H800 of the H100): the parent's compute, memory,
 * network, power and price, with NVLink cut to `nvlinkBidirectional` bytes/s, and its own measured
 * efficiencies. `report` is the source that says what the variant is; every field the variant keeps
 * cites it beside the parent's own source, and `sources` adds or replaces what a variant knows better.
 */
export function nvlinkCutVariant(
  parent: Accelerator,
  o: {
    name: string;
    /** The architecture's year (the default stack follows it), which may be the parent's. */
    released: number;
    nvlinkBidirectional: number;
    efficiency: Efficiency;
    report: string;
    sources?: Record<string, string>;
  },
): Accelerator {
  const perDirection = o.nvlinkBidirectional / 2;
  const kept = (field: string) =>
    `${o.report}; ${parent.name}'s (${parent.sources[field]}; assumption: unchanged in the variant)`;
  return {
    ...parent,
    name: o.name,
    released: o.released,
    variantOf: parent.name,
    intraNode: {
      ...parent.intraNode,
      name: `${parent.intraNode.name} (cut to ${o.nvlinkBidirectional / 1e9} GB/s)`,
      bytesPerSecond: perDirection,
    },
    ...(parent.price
      ? {
          price: {
            ...parent.price,
            source: `estimate: not rented by hyperscalers outside China; priced as ${parent.name} (${parent.price.source})`,
          },
        }
      : {}),
    efficiency: o.efficiency,
    sources: {
      ...parent.sources,
      peakFlopsPerSecond: kept("peakFlopsPerSecond"),
      memoryBytes: kept("memoryBytes"),
      memoryBytesPerSecond: kept("memoryBytesPerSecond"),
      tdpWatts: kept("tdpWatts"),
      intraNode: `${o.report} → ${perDirection / 1e9} GB/s per direction; latency ${NCCL_TUNING}`,
      variantOf: o.report,
      ...o.sources,
    },
  };
}
