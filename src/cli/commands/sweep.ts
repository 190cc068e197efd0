import { defineCommand } from "citty";
import type { Io } from "../io.js";
import { collectCommand } from "../sweep/collectCommand.js";
import { designCommand } from "../sweep/designCommand.js";
import { fitSweepCommand } from "../sweep/fitCommand.js";
import { runSweepCommand } from "../sweep/runCommand.js";

/** `scalecast sweep design|run|collect|fit`: measure learning curves and batch sweeps. */
export function sweepCommand(io: Io, setExit: (code: number) => void) {
  return defineCommand({
    meta: {
      name: "sweep",
      description:
        "Design, run (local pool, Slurm, or print), collect and fit learning-curve and batch-size sweeps",
    },
    subCommands: {
      design: designCommand(io),
      run: runSweepCommand(io, setExit),
      collect: collectCommand(io),
      fit: fitSweepCommand(io, setExit),
    },
  });
}
