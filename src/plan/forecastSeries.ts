import { quantile } from "../fit/summary.js";
import { evaluateLaw } from "../laws/evaluateLaw.js";
import { FAMILIES } from "../laws/families.js";
import { optimalForCompute } from "../project/computeOptimal.js";
import type { Precision } from "../workload/precision.js";
import { bestLayout } from "./bestLayout.js";
import { cached, layoutKey } from "./forecastCache.js";
import { costRun } from "./forecastCosting.js";
import { goodputOf } from "./forecastPlan.js";
import { type ChainContext, type ChainResult, chainContext } from "./runChain.js";
import type { ForecastInput, ForecastSeries } from "./forecastTypes.js";

const logspace = (lo: number, hi: number, n: number) =>
  Array.from({ length: n }, (_, i) => Math.exp(Math.log(lo) + ((Math.log(hi) - Math.log(lo)) * i) / (n - 1)));

/**
 * Plot-ready series of a forecast: the learning curve with its 95% band (learning-curve laws), the
 * compute frontier with iso-loss contours (L(N, D) laws), steps against batch size from Kaplan's
 * S = S_min(1 + B_crit/B) (eq. 5.4), the step-time breakdown, and time and cost against device count
 * (the best layout at each power-of-two count from 1/8× to 8× the chosen one, the same steps, goodput
 * included; the searches go through the context's cache, so a forecast re-run for a change of price,
 * region or goodput searches nothing).
 */
export function forecastSeries(
  input: ForecastInput,
  chain: ChainResult,
  ctx: ChainContext = chainContext(input),
): ForecastSeries {
  const law = input.law;
  const fam = FAMILIES[law.family];
  const series: ForecastSeries = {
    stepsVsBatch: [],
    devices: [],
    breakdown: Object.entries(chain.best.step.breakdown).map(([name, seconds]) => ({ name, seconds })),
  };
  if (fam.kind === "curve") {
    const top = Math.max(chain.req.tokens, law.fittedMax?.x ?? 0) * 2;
    const bottom = Math.min(law.fittedMin?.x ?? Infinity, (law.fittedMax?.x ?? chain.req.tokens) / 1000);
    const xs = logspace(bottom, top, 60);
    const draws = law.draws ?? [];
    series.learningCurve = {
      fit: xs.map((x) => ({ x, y: evaluateLaw(fam, law.params, x) })),
      band:
        draws.length >= 20
          ? xs.map((x) => {
              const ys = draws.map((d) => evaluateLaw(fam, d, x)).sort((a, b) => a - b);
              return { x, lo: quantile(ys, 0.025), hi: quantile(ys, 0.975) };
            })
          : [],
      xLabel: law.units?.x ?? "data",
      yLabel: law.units?.y ?? "loss",
    };
  } else if (fam.kind === "nd") {
    const c0 = 6 * chain.req.params * chain.req.tokens;
    const path = logspace(c0 / 1e4, c0 * 1e2, 40).map((c) => optimalForCompute(law.family, law.params, c));
    const ns = logspace(chain.req.params / 100, chain.req.params * 100, 50);
    const losses = [0.9, 0.95, 1, 1.05, 1.15].map((f) => chain.req.loss * f);
    series.frontier = {
      path: path.map((a) => ({ x: a.params, y: a.tokens })),
      contours: losses.map((loss) => ({
        loss,
        points: ns.flatMap((n) => {
          // D on the iso-loss line at this N, by bisection on log D (L falls with D)
          let lo = Math.log(1e3);
          let hi = Math.log(1e20);
          if (evaluateLaw(fam, law.params, n, Math.exp(hi)) > loss) return [];
          for (let i = 0; i < 60; i++) {
            const mid = (lo + hi) / 2;
            if (evaluateLaw(fam, law.params, n, Math.exp(mid)) > loss) lo = mid;
            else hi = mid;
          }
          const d = Math.exp(hi);
          return d < 1e19 ? [{ x: n, y: d }] : [];
        }),
      })),
    };
  }
  // Kaplan et al. 2020 eq. 5.4–5.5: S = S_min(1 + B_crit/B), data E = E_min(1 + B/B_crit)
  const bCrit = chain.critical ?? chain.globalBatch;
  const eMin = (chain.steps * chain.globalBatch) / (1 + chain.globalBatch / bCrit);
  const sMin = eMin / bCrit;
  series.stepsVsBatch = logspace(bCrit / 64, bCrit * 64, 25).map((b) => ({
    batch: b,
    steps: sMin * (1 + bCrit / b),
  }));
  // time and cost against device count, the chosen layout's batch and steps held fixed
  const precision: Precision = input.precision ?? "bf16";
  const base = chain.best.devices;
  const steps = Math.ceil(chain.steps * (1 - 1e-12));
  // six more layout searches: only when the plots are drawn (input.series, default true)
  for (const f of input.series === false ? [] : [1 / 8, 1 / 4, 1 / 2, 1, 2, 4, 8]) {
    const devices = Math.max(1, Math.round(base * f));
    if (devices > chain.globalBatch * 64) continue;
    const key = layoutKey(
      ctx.systemKey,
      chain.spec,
      chain.seq,
      precision,
      chain.globalBatch,
      devices,
      undefined,
      "throughput",
    );
    const found =
      f === 1
        ? chain.best
        : cached(ctx.cache, ctx.cache.layouts, key, () =>
            bestLayout({
              profile: chain.profile,
              accelerator: input.accelerator,
              ...(input.system ? { system: input.system } : {}),
              precision,
              globalBatch: chain.globalBatch,
              devices,
            }),
          ).best;
    if (!found) continue;
    const at = { ...chain, best: found };
    const cost = costRun(steps, found.step.seconds, found.devices, goodputOf(input, at), {
      dollarsPerHour: ctx.accelerator.price?.dollarsPerHour ?? null,
      tdpWatts: ctx.accelerator.tdpWatts,
    });
    series.devices.push({ devices: found.devices, days: cost.days, dollars: cost.dollars ?? Number.NaN });
  }
  return series;
}
