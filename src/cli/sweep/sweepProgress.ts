import type { Io } from "../io.js";

/**
 * A one-line progress bar with the estimated time left, on stderr and only on a terminal (quiet in pipes
 * and CI). The ETA divides the time since the first update by the points finished by this runner.
 */
export function sweepProgress(io: Io, label: string, now: () => number = () => performance.now()) {
  if (!io.isTTY) return { update(_d: number, _t: number, _extra = "") {}, done() {} };
  let start: number | null = null;
  let first = 0;
  let drawn = false;
  return {
    update(done: number, total: number, extra = "") {
      if (start === null) {
        start = now();
        first = done;
      }
      const width = 30;
      const filled = Math.round((width * done) / Math.max(total, 1));
      const rate = (done - first) / Math.max(1e-9, (now() - start) / 1000);
      const eta = rate > 0 ? formatEta((total - done) / rate) : "--";
      io.stderr(
        `\r\x1b[2K${label} [${"#".repeat(filled)}${" ".repeat(width - filled)}] ${done}/${total} ETA ${eta}${extra ? ` ${extra}` : ""}`,
      );
      drawn = true;
    },
    done() {
      if (drawn) io.stderr("\r\x1b[2K");
    },
  };
}

/** 75 → "1m15s", 4000 → "1h07m". */
export function formatEta(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}
