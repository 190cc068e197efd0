import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli, readLedger, tempDir, writeStub } from "./cliHelpers.js";
import { checkExactlyOnce, ends, startRunner, waitFor } from "./resume.js";

const tmp = tempDir("scalecast-resume-");
afterAll(() => tmp.remove());

/** Whether some point has started and not ended (the stub writes "start ID" then "end ID"). */
function running(ledger: string): boolean {
  const events = readLedger(ledger);
  return events.filter(([e]) => e === "start").length > events.filter(([e]) => e === "end").length;
}

async function design(name: string): Promise<string> {
  const sweep = join(tmp.dir, `${name}.json`);
  const r = await cli([
    "sweep",
    "design",
    "--kind",
    "learning-curve",
    "--data",
    "100,200,400,800",
    "--widths",
    "8,16",
    "--out",
    sweep,
  ]);
  expect(r.code).toBe(0);
  return sweep;
}

/**
 * Design sweep NAME, start a runner on it (a stub point sleeping `seconds`, two at a time) and wait until two
 * points have finished and one is running: more starts than ends in the ledger. (An odd ledger length,
 * the old wait, holds only between two near-simultaneous events; a starved poller missed it under load.)
 */
async function runUntilTwoFinished(name: string, seconds = 2) {
  const sweep = await design(name);
  const dir = join(tmp.dir, `${name}-stub`);
  mkdirSync(dir);
  const { script, ledger } = writeStub(dir);
  const res = join(tmp.dir, name);
  const command = `${script} {id} {data} {width} {out} ${seconds}`;
  const args = [sweep, "--results", res, "--command", command, "--concurrency", "2"];
  const first = startRunner(args);
  await waitFor(() => ends(ledger).size >= 2 && running(ledger), 120, "two points finished and one running");
  return { ledger, res, args, first };
}

describe("local executor: kill -9 of the runner, then resume", () => {
  it("adopts the attempts still running and reruns nothing that finished", async () => {
    const { ledger, res, args, first } = await runUntilTwoFinished("adopt");
    first.child.kill("SIGKILL");
    await first.done;
    const finishedBefore = ends(ledger).size;
    expect(finishedBefore).toBeLessThan(8);
    const second = startRunner(args);
    expect(await second.done).toBe(0);
    const { starts } = checkExactlyOnce(res, ledger);
    // the attempts alive at the kill were adopted, not started again: one start per point
    expect([...starts.values()].every((n) => n === 1)).toBe(true);
  });

  it("reruns the points whose attempts died with the runner (a crash), once", async () => {
    // points of 5 s: the attempt seen running is still running when the kill lands, even when a loaded
    // machine starves the poller for a second or two (with 2 s points it could finish first, and then
    // no attempt died)
    const { ledger, res, args, first } = await runUntilTwoFinished("crash", 5);
    // kill the runner and every attempt it started: the point scripts' process groups (pid in lock/owner)
    first.child.kill("SIGKILL");
    for (const id of readdirSync(join(res, "runs"))) {
      try {
        const pid = Number(readFileSync(join(res, "runs", id, "lock", "owner"), "utf8").split(" ")[0]);
        process.kill(-pid, "SIGKILL");
      } catch {
        // not running
      }
    }
    await first.done;
    const second = startRunner(args);
    expect(await second.done).toBe(0);
    const { starts } = checkExactlyOnce(res, ledger);
    // a killed attempt left a stale lock and an attempt log; its point ran once more, to its only end
    expect([...starts.values()].some((n) => n === 2)).toBe(true);
    const c = await cli(["sweep", "collect", res, "--json"]);
    expect(JSON.parse(c.stdout).rows).toHaveLength(8);
  });
});
