import type { StepBreakdown, TimedLayout } from "./evaluateLayout.js";
import { formatLayout, LAYOUT_FIELDS } from "./layout.js";
import {
  HEADROOM,
  headroomFactor,
  memoryFill,
  type Objective,
  RUN_TIME_PER_HALVING,
  SIMPLICITY,
  simplicityFactor,
} from "./objective.js";

const PARTS: readonly (keyof StepBreakdown)[] = [
  "compute",
  "memoryBound",
  "exposedCommunication",
  "bubble",
  "optimizer",
];

const LABEL: Record<keyof StepBreakdown, string> = {
  compute: "compute",
  memoryBound: "memory-bound ops",
  exposedCommunication: "exposed communication",
  bubble: "pipeline bubble",
  optimizer: "optimizer",
};

/**
 * Why the best layout beats the runner-up: the fields that differ, and the breakdown parts (seconds per
 * token, so that layouts of different device counts compare) ordered by how much each part favours the
 * winner. Plain text lines for the CLI and the JSON `why`.
 */
export function explainWinner(best: TimedLayout, runnerUp: TimedLayout | undefined): string[] {
  if (!runnerUp) return ["the only layout that fits"];
  const diff = LAYOUT_FIELDS.filter((f) => best.layout[f] !== runnerUp.layout[f]).map(
    (f) => `${f} ${String(runnerUp.layout[f])} → ${String(best.layout[f])}`,
  );
  const tokens = (t: TimedLayout) => t.tokensPerSecond * t.step.seconds;
  const perToken = (t: TimedLayout, part: keyof StepBreakdown) =>
    (t.devices * t.step.breakdown[part]) / tokens(t);
  const deltas = PARTS.map((part) => {
    const a = perToken(best, part);
    const b = perToken(runnerUp, part);
    return { part, a, b, gain: b - a };
  }).sort((x, y) => y.gain - x.gain);
  const total = (t: TimedLayout) => (t.devices * t.step.seconds) / tokens(t);
  const gap = (100 * (total(runnerUp) - total(best))) / total(runnerUp);
  const lines = [
    `best differs from the runner-up in ${diff.length ? diff.join(", ") : "nothing (tie)"}; ${gap.toFixed(1)}% fewer device-seconds per token`,
  ];
  for (const d of deltas) {
    if (Math.abs(d.gain) <= 0.005 * total(runnerUp)) continue;
    const us = (x: number) => `${(x * 1e6).toPrecision(3)} µs`;
    lines.push(
      `${LABEL[d.part]}: ${us(d.a)} vs ${us(d.b)} device-time per token (${d.gain > 0 ? "favours the best" : "favours the runner-up"})`,
    );
  }
  return lines;
}

/**
 * What the search's preferences did (objective.ts: HEADROOM, SIMPLICITY and, for the cost objective,
 * RUN_TIME_PREFERENCE): when a layout in the list that is better on the objective's own measure (faster;
 * for cost, fewer device-seconds per token) lost to the winner, name both and the preference that
 * decided (the memory headroom where the rival fills more than the target, else its extra model
 * parallelism, else for cost its longer run); otherwise say how much usable memory the winner leaves.
 */
export function preferenceNote(
  best: TimedLayout,
  top: readonly TimedLayout[],
  objective: Objective = "throughput",
): string {
  const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
  const cost = objective === "cost";
  // the objective's own measure, larger is better: tokens per second, or tokens per device-second
  const merit = (t: TimedLayout) => (cost ? t.tokensPerSecond / t.devices : t.tokensPerSecond);
  const rival = top.reduce((a, t) => (merit(t) > merit(a) ? t : a), best);
  const runTime = cost ? `; ${RUN_TIME_WORDS}` : "";
  if (rival !== best && merit(rival) > merit(best)) {
    const g = merit(rival) / merit(best) - 1;
    const size = `${(100 * g).toFixed(g < 0.01 ? 2 : 1)}%`;
    const gain =
      g < 1e-4
        ? `as ${cost ? "cheap" : "fast"} within 0.01%`
        : cost
          ? `${size} more tokens per device-second`
          : `${size} faster`;
    if (headroomFactor(rival) > headroomFactor(best))
      return `preferred the winner (fills ${pct(memoryFill(best))} of the usable memory) over ${formatLayout(rival.layout)} (${gain}, fills ${pct(memoryFill(rival))}): layouts above ${pct(HEADROOM.target)} of the usable memory score up to ${pct(HEADROOM.penaltyAtFull)} slower${runTime}`;
    if (simplicityFactor(rival.layout) > simplicityFactor(best.layout)) {
      const ways = (t: TimedLayout) => t.layout.tp * t.layout.pp * t.layout.cp * t.layout.ep;
      return `preferred the winner (${ways(best)}-way model parallel) over ${formatLayout(rival.layout)} (${gain}, ${ways(rival)}-way): each doubling of tp·pp·cp·ep scores ${(100 * SIMPLICITY.perDoubling).toFixed(1)}% slower, so the simpler of layouts the model cannot tell apart wins${runTime}`;
    }
    if (cost) {
      const longer = best.tokensPerSecond / rival.tokensPerSecond;
      return `preferred the winner (${best.devices} devices) over ${formatLayout(rival.layout)} (${gain}, a run ${longer.toFixed(1)}x as long on ${rival.devices} devices)${runTime}`;
    }
  }
  return `the winner fills ${pct(memoryFill(best))} of the usable memory (capacity less the runtime reserve)${runTime}`;
}

const RUN_TIME_WORDS = `the cost objective counts each halving of the run time as worth ${RUN_TIME_PER_HALVING} of its cost`;
