import type { FrameworkProfile } from "./framework.js";
import type { Layout } from "./layout.js";

/** Divisors of n in increasing order. */
export function divisors(n: number): number[] {
  if (!Number.isInteger(n) || n < 1) return [];
  const small: number[] = [];
  const large: number[] = [];
  for (let d = 1; d * d <= n; d++) {
    if (n % d === 0) {
      small.push(d);
      if (d * d !== n) large.unshift(n / d);
    }
  }
  return [...small, ...large];
}

/** What the search knows when it proposes values for a dimension. */
export interface SearchContext {
  globalBatch: number;
  /** Blocks of the model (pipeline stages divide them). */
  blocks: number;
  /** Attention heads (tp divides them); undefined for models without attention. */
  heads: number | undefined;
  kvHeads: number | undefined;
  /** Routed experts (1 for a dense model). */
  experts: number;
  /** Tokens per sample (cp divides them). */
  seq: number;
  devicesPerNode: number;
  maxMicroBatch: number;
  /** What the framework supports (zero stages, interleaving, sp, cp, ep, pipelines). */
  supports: FrameworkProfile["supports"];
}

/**
 * One dimension of a parallel layout, described as data (issue 11 item 4): its key, whether it
 * multiplies the device count, how to parse and print a value, and which values the search tries given
 * the dimensions already chosen.
 */
export interface LayoutDim<K extends keyof Layout> {
  key: K;
  devices: boolean;
  doc: string;
  parse(value: string, field: string): Layout[K];
  format(value: Layout[K]): string;
  values(context: SearchContext, chosen: Partial<Layout>): Layout[K][];
}
