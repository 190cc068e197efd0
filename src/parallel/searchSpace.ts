import { type Layout, LAYOUT_DIMS } from "./layout.js";
import type { SearchContext } from "./layoutDim.js";

export { divisors } from "./layoutDim.js";

/** What the search may vary: a fixed device count or a budget, the global batch, and fixed fields. */
export interface SearchSpaceOptions {
  /** Exactly this many devices, or (with `maxDevices`) undefined. */
  devices?: number;
  /** Any device count up to this budget (dp·tp·pp·cp ≤ maxDevices). */
  maxDevices?: number;
  globalBatch: number;
  /** Fields fixed by `--layout`; the rest are searched. */
  fixed?: Partial<Layout>;
  /** Largest micro-batch tried; default 64. */
  maxMicroBatch?: number;
}

/** The device dimensions of one layout (the outer loop: a chunk of the search is a range of these). */
export type OuterTuple = Pick<Layout, "tp" | "cp" | "pp" | "dp">;

const OUTER = LAYOUT_DIMS.filter((d) => d.devices);
const INNER = LAYOUT_DIMS.filter((d) => !d.devices);

type Ctx = Omit<SearchContext, "maxMicroBatch"> & { maxMicroBatch?: number };

const contextOf = (c: Ctx, o: SearchSpaceOptions): SearchContext => ({
  ...c,
  maxMicroBatch: Math.max(o.maxMicroBatch ?? c.maxMicroBatch ?? 64, o.fixed?.mb ?? 0),
});

/**
 * The outer loop of the layout search: the dimensions that multiply the device count (tp over divisors
 * of the node size that divide the heads, cp over divisors of the sequence, pp over divisors of the
 * blocks, dp dividing the global batch), each as its descriptor proposes (layout.ts), so that their
 * product is the device count (or at most the budget). Fixed fields are taken as given (the evaluator
 * judges them, e.g. uneven pipeline stages).
 */
export function outerTuples(context: Ctx, o: SearchSpaceOptions): OuterTuple[] {
  const c = contextOf(context, o);
  const fixed = o.fixed ?? {};
  const out: OuterTuple[] = [];
  const budget = o.devices ?? o.maxDevices ?? 1;
  const rec = (i: number, chosen: Partial<Layout>, product: number) => {
    if (i === OUTER.length) {
      if (o.devices === undefined || product === o.devices) out.push(chosen as OuterTuple);
      return;
    }
    const dim = OUTER[i]!;
    const key = dim.key as keyof OuterTuple;
    const last = i === OUTER.length - 1;
    let values: number[];
    if (fixed[key] !== undefined) values = [fixed[key]];
    else if (last && o.devices !== undefined) {
      const rest = o.devices / product;
      values = Number.isInteger(rest) && c.globalBatch % rest === 0 ? [rest] : [];
    } else values = dim.values(c, chosen) as number[];
    for (const v of values) {
      if (product * v > budget) continue;
      rec(i + 1, { ...chosen, [key]: v }, product * v);
    }
  };
  rec(0, {}, 1);
  return out;
}

/**
 * Every inner layout of one outer tuple: each remaining dimension over the values its descriptor
 * proposes given the dimensions already chosen (ep dividing dp and the experts, vp over divisors of
 * blocks/pp, mb over divisors of the per-replica batch up to `maxMicroBatch`, recompute, sp when tp > 1,
 * ZeRO stages the framework supports when there are data-parallel ranks), minus what interleaving
 * forbids (the micro-batch count must be a multiple of pp).
 */
export function innerLayouts(context: Ctx, o: SearchSpaceOptions, t: OuterTuple): Layout[] {
  const c = contextOf(context, o);
  const fixed = o.fixed ?? {};
  const out: Layout[] = [];
  // the chosen values travel in a plain record; each leaf becomes a Layout literal with every field in
  // one order, so that the evaluator sees one object shape (a `delete` here made every layout a slow
  // dictionary object)
  const chosen: Record<string, unknown> = { tp: t.tp, cp: t.cp, pp: t.pp, dp: t.dp };
  const rec = (i: number) => {
    if (i === INNER.length) {
      const l: Layout = {
        dp: t.dp,
        tp: t.tp,
        pp: t.pp,
        cp: t.cp,
        ep: chosen.ep as number,
        vp: chosen.vp as number,
        mb: chosen.mb as number,
        recompute: chosen.recompute as Layout["recompute"],
        sp: chosen.sp as boolean,
        zero: chosen.zero as Layout["zero"],
      };
      if (l.vp > 1 && (c.globalBatch / (l.dp * l.mb)) % l.pp !== 0) return;
      out.push(l);
      return;
    }
    const dim = INNER[i]!;
    const key = dim.key;
    const values: unknown[] =
      fixed[key] !== undefined ? [fixed[key]] : (dim.values(c, chosen as Partial<Layout>) as unknown[]);
    for (const v of values) {
      chosen[key] = v;
      rec(i + 1);
    }
    chosen[key] = undefined;
  };
  rec(0);
  return out;
}
