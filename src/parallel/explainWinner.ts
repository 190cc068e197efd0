import type { StepBreakdown, TimedLayout } from "./evaluateLayout.js";
import { formatLayout, LAYOUT_FIELDS } from "./layout.js";
import { HEADROOM, headroomFactor, memoryFill, SIMPLICITY, simplicityFactor } from "./objective.js";

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
 * What the search's preferences did (objective.ts, HEADROOM and SIMPLICITY): when a faster layout in
 * the list lost to the winner, name both and the preference that decided (the memory headroom where
 * the faster one fills more than the target, otherwise its extra model parallelism); otherwise say how
 * much usable memory the winner leaves.
 */
export function preferenceNote(best: TimedLayout, top: readonly TimedLayout[]): string {
  const fastest = top.reduce((a, t) => (t.tokensPerSecond > a.tokensPerSecond ? t : a), best);
  const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
  if (fastest !== best && fastest.tokensPerSecond > best.tokensPerSecond) {
    const g = fastest.tokensPerSecond / best.tokensPerSecond - 1;
    const gain = g < 1e-4 ? "as fast within 0.01%" : `${(100 * g).toFixed(g < 0.01 ? 2 : 1)}% faster`;
    if (headroomFactor(fastest) > headroomFactor(best))
      return `preferred the winner (fills ${pct(memoryFill(best))} of the usable memory) over ${formatLayout(fastest.layout)} (${gain}, fills ${pct(memoryFill(fastest))}): layouts above ${pct(HEADROOM.target)} of the usable memory score up to ${pct(HEADROOM.penaltyAtFull)} slower`;
    if (simplicityFactor(fastest.layout) > simplicityFactor(best.layout)) {
      const ways = (t: TimedLayout) => t.layout.tp * t.layout.pp * t.layout.cp * t.layout.ep;
      return `preferred the winner (${ways(best)}-way model parallel) over ${formatLayout(fastest.layout)} (${gain}, ${ways(fastest)}-way): each doubling of tp·pp·cp·ep scores ${(100 * SIMPLICITY.perDoubling).toFixed(1)}% slower, so the simpler of layouts the model cannot tell apart wins`;
    }
  }
  return `the winner fills ${pct(memoryFill(best))} of the usable memory (capacity less the runtime reserve)`;
}
