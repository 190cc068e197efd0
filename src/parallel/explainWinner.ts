import type { StepBreakdown, TimedLayout } from "./evaluateLayout.js";
import { formatLayout, LAYOUT_FIELDS } from "./layout.js";
import { HEADROOM, memoryFill } from "./objective.js";

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
 * What the search's memory-headroom preference did (objective.ts, HEADROOM): when a faster layout in
 * the list lost to the winner because it fills more than the headroom target of the usable memory,
 * name both; otherwise say how much usable memory the winner leaves.
 */
export function headroomNote(best: TimedLayout, top: readonly TimedLayout[]): string {
  const fastest = top.reduce((a, t) => (t.tokensPerSecond > a.tokensPerSecond ? t : a), best);
  const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
  if (fastest !== best && fastest.tokensPerSecond > best.tokensPerSecond) {
    const gain = fastest.tokensPerSecond / best.tokensPerSecond - 1;
    return `preferred the winner (fills ${pct(memoryFill(best))} of the usable memory) over ${formatLayout(fastest.layout)} (${(100 * gain).toFixed(1)}% faster, fills ${pct(memoryFill(fastest))}): layouts above ${pct(HEADROOM.target)} of the usable memory score up to ${pct(HEADROOM.penaltyAtFull)} slower`;
  }
  return `the winner fills ${pct(memoryFill(best))} of the usable memory (capacity less the runtime reserve)`;
}
