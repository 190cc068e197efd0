import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { eventFileHeader, scalarRecord } from "../../ingest/tensorboard/readEventFile.js";

/**
 * A run's metrics, written as they come: one JSON object per line in `metrics.jsonl`, and the same
 * scalars as a TensorBoard event file (`events.out.tfevents.<seconds>.<host>`, TFRecord framing with
 * masked CRC-32C, one Event per step; REFERENCE (j)). Appending keeps what was logged if the run dies.
 */
export class MetricsLog {
  readonly jsonlPath: string;
  readonly eventsPath: string;

  constructor(dir: string, now = Date.now() / 1000) {
    mkdirSync(dir, { recursive: true });
    this.jsonlPath = join(dir, "metrics.jsonl");
    this.eventsPath = join(
      dir,
      `events.out.tfevents.${Math.floor(now)}.${hostname().replace(/[^\w.-]/g, "_")}`,
    );
    writeFileSync(this.jsonlPath, "");
    writeFileSync(this.eventsPath, eventFileHeader(now));
  }

  /** Log one row: `step` plus numeric scalars (non-finite values are written as null and not as events). */
  log(step: number, scalars: Record<string, number | null>, extra: Record<string, unknown> = {}): void {
    appendFileSync(this.jsonlPath, `${JSON.stringify({ step, ...scalars, ...extra })}\n`);
    const finite = Object.fromEntries(
      Object.entries(scalars).filter(
        (e): e is [string, number] => typeof e[1] === "number" && Number.isFinite(e[1]),
      ),
    );
    if (Object.keys(finite).length > 0)
      appendFileSync(this.eventsPath, scalarRecord(step, Date.now() / 1000, finite));
  }
}
