import type { Accelerator } from "../hardware/accelerator.js";
import type { System } from "../parallel/systemSchema.js";
import type { BestLayout } from "./bestLayout.js";
import type { ShapedModel } from "./runChain.js";

/**
 * What a forecast can reuse between calls: shaped models and their step profiles by N and layout searches by (system,
 * profile, batch, device count, objective). A search is the expensive part of a forecast; a change of
 * region, PUE, price or goodput touches none of these keys, so a forecast re-run with such a change is
 * arithmetic. Owned by the caller (the web app's worker keeps one; the CLI makes one per command), so
 * the core holds no state between calls. Entries are dropped oldest first past `limit`.
 */
export interface ForecastCache {
  shapes: Map<string, ShapedModel>;
  layouts: Map<string, BestLayout>;
  limit: number;
  hits: number;
  misses: number;
}

/** An empty cache keeping at most `limit` entries of each kind (default 512). */
export function forecastCache(limit = 512): ForecastCache {
  return { shapes: new Map(), layouts: new Map(), limit, hits: 0, misses: 0 };
}

/** Look `key` up in `map`, or compute, store and return it (counting hits and misses when a cache is given). */
export function cached<T>(
  cache: ForecastCache | undefined,
  map: Map<string, T> | undefined,
  key: string,
  compute: () => T,
): T {
  if (!cache || !map) return compute();
  const hit = map.get(key);
  if (hit !== undefined) {
    cache.hits++;
    return hit;
  }
  cache.misses++;
  const value = compute();
  map.set(key, value);
  if (map.size > cache.limit) map.delete(map.keys().next().value!);
  return value;
}

/**
 * A key for the system a forecast times on: everything but the price (a price changes no layout's
 * step time, and the cost objective's ranking is the same at any price: dollars per token are device
 * time per token times one price).
 */
export function systemKey(system: System | undefined, accelerator: Accelerator): string {
  const { price: _price, ...rest } = system ? system.accelerator : accelerator;
  return JSON.stringify(system ? { ...system, accelerator: rest } : { catalog: rest });
}

/** The cache key of one layout search: system, model shape, sequence, precision, batch, devices, objective. */
export function layoutKey(
  system: string,
  spec: unknown,
  seq: number,
  precision: string,
  globalBatch: number,
  devices: number | undefined,
  maxDevices: number | undefined,
  objective: string,
): string {
  return JSON.stringify([
    system,
    spec,
    seq,
    precision,
    globalBatch,
    devices ?? null,
    maxDevices ?? null,
    objective,
  ]);
}
