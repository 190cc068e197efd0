import { InputError } from "../units/InputError.js";
import { dalyInterval, dalyWallPerSolve } from "./checkpointInterval.js";

/**
 * Llama 3's 405B pre-training (Llama Team, "The Llama 3 Herd of Models", 2024, §3.3.4 and Table 5): a
 * 54-day snapshot on up to 16,384 H100s had 466 job interruptions, 47 planned and 419 unexpected, and
 * more than 90% effective training time. Storage (§3.2.1): Tectonic, 2 TB/s sustained and 7 TB/s peak
 * write throughput for the same 16K GPUs, each checkpointing 1 MB to 4 GB of model state.
 */
export const LLAMA3_RUN = {
  days: 54,
  devices: 16_384,
  interruptions: 466,
  unexpectedInterruptions: 419,
  reportedEffectiveTrainingFraction: 0.9,
  storageBytesPerSecond: 2e12,
} as const;

/** Defaults of the goodput model, each with its source (overridable by {@link GoodputOptions}). */
export const GOODPUT_DEFAULTS = {
  /**
   * Unexpected interruptions per device-hour: 419 / (54 d × 24 h × 16,384 GPUs) = 1.97e-5 (Llama 3
   * §3.3.4; a job stops when any device fails, so the job's rate is this × devices). OPT-175B's
   * logbook (metaseq chronicles; Zhang's talk on it: about 54 restarts in 56 days on ~1,000 A100s,
   * about 4e-5 per GPU-hour) reports more, on older cloud hardware: as recalled [U], not checked here,
   * and not a default; pass it with `failuresPerDeviceHour` (`--failure-rate 4e-5`).
   */
  failuresPerDeviceHour: LLAMA3_RUN.unexpectedInterruptions / (LLAMA3_RUN.days * 24 * LLAMA3_RUN.devices),
  /**
   * Seconds from an interrupt to training again (detect, replace the node, relaunch, re-initialise
   * communicators, reload the checkpoint): 15 minutes. An assumption [U]: no large-run report we found
   * publishes it; Daly 2006's worked examples use 10 minutes, and OPT-175B's manual restarts took hours
   * (metaseq chronicles, 27% update) before automation.
   */
  restartSeconds: 15 * 60,
  /** Checkpoint write bandwidth per device, bytes/s: Llama 3's 2 TB/s sustained over 16,384 GPUs. */
  checkpointBytesPerSecondPerDevice: LLAMA3_RUN.storageBytesPerSecond / LLAMA3_RUN.devices,
  /** Evaluation pauses per unit of training time: 0 (no large-run report we found gives one). */
  evalFraction: 0,
} as const;

/** Overrides of the goodput model; every field defaults to {@link GOODPUT_DEFAULTS}. */
export interface GoodputOptions {
  failuresPerDeviceHour?: number;
  restartSeconds?: number;
  /** Aggregate checkpoint write bandwidth, bytes/s; default the per-device default × devices. */
  checkpointBytesPerSecond?: number;
  /** Compute seconds between checkpoints; default Daly's optimum ({@link dalyInterval}). */
  checkpointIntervalSeconds?: number;
  /** Evaluation time per unit of training time (0.02 = 2%). */
  evalFraction?: number;
}

/** What a run loses beyond its steps: the goodput model's result for one run. */
export interface Goodput {
  /** Productive (training-step) time over wall-clock time, in (0, 1]. */
  fraction: number;
  /** Wall seconds per productive second spent on each cause (their sum is 1/fraction − 1). */
  overhead: { checkpoints: number; failures: number; evaluation: number };
  /** The job's mean time between interrupts, seconds (1 / (rate × devices)). */
  mtbfSeconds: number;
  failuresPerDeviceHour: number;
  checkpointBytes: number;
  checkpointBytesPerSecond: number;
  /** Time to write one checkpoint δ, seconds. */
  checkpointSeconds: number;
  /** Compute between checkpoints τ, seconds (Daly's optimum unless given). */
  intervalSeconds: number;
  restartSeconds: number;
  evalFraction: number;
  /** False when the forecast was asked to ignore goodput (every second a training step). */
  enabled: boolean;
}

/** Goodput switched off: every second is a training step. */
export const NO_GOODPUT_LOSS: Goodput = {
  fraction: 1,
  overhead: { checkpoints: 0, failures: 0, evaluation: 0 },
  mtbfSeconds: Number.POSITIVE_INFINITY,
  failuresPerDeviceHour: 0,
  checkpointBytes: 0,
  checkpointBytesPerSecond: Number.POSITIVE_INFINITY,
  checkpointSeconds: 0,
  intervalSeconds: Number.POSITIVE_INFINITY,
  restartSeconds: 0,
  evalFraction: 0,
  enabled: false,
};

const check = (field: string, v: number | undefined, ok: (x: number) => boolean, what: string) => {
  if (v !== undefined && !(Number.isFinite(v) && ok(v))) throw new InputError(field, v, what);
};

/**
 * The goodput of a run on `devices` devices whose checkpoint (weights and optimizer state) is
 * `checkpointBytes` (issue 12 item 6): interrupts arrive as a Poisson process at the per-device rate ×
 * devices (a synchronous job stops when any device fails, Llama 3 §3.3.4); each costs the restart time
 * plus the work since the last checkpoint; checkpoints take δ = bytes / write bandwidth and are written
 * every τ of compute (Daly's optimum by default); the wall time per productive second is Daly's
 * complete model ({@link dalyWallPerSolve}) times (1 + evaluation fraction). Attributed: checkpoints
 * δ/τ, failures the rest of Daly's excess, evaluation its fraction (all scaled by 1 + evaluation).
 */
export function goodput(devices: number, checkpointBytes: number, o: GoodputOptions = {}): Goodput {
  const {
    failuresPerDeviceHour = GOODPUT_DEFAULTS.failuresPerDeviceHour,
    restartSeconds = GOODPUT_DEFAULTS.restartSeconds,
    checkpointBytesPerSecond = GOODPUT_DEFAULTS.checkpointBytesPerSecondPerDevice * devices,
    evalFraction = GOODPUT_DEFAULTS.evalFraction,
  } = o;
  check("failure rate", failuresPerDeviceHour, (x) => x >= 0, "failures per device-hour ≥ 0");
  check("restart time", restartSeconds, (x) => x >= 0, "restart seconds ≥ 0");
  check("checkpoint bandwidth", checkpointBytesPerSecond, (x) => x > 0, "bytes per second > 0");
  check("evaluation fraction", evalFraction, (x) => x >= 0 && x < 10, "a fraction of training time ≥ 0");
  check("checkpoint interval", o.checkpointIntervalSeconds, (x) => x > 0, "seconds > 0");
  const rate = (failuresPerDeviceHour * devices) / 3600;
  const mtbfSeconds = rate > 0 ? 1 / rate : Number.POSITIVE_INFINITY;
  const checkpointSeconds = checkpointBytes / checkpointBytesPerSecond;
  const intervalSeconds =
    o.checkpointIntervalSeconds ??
    (Number.isFinite(mtbfSeconds) ? dalyInterval(checkpointSeconds, mtbfSeconds) : Number.POSITIVE_INFINITY);
  const wall =
    Number.isFinite(intervalSeconds) && intervalSeconds > 0
      ? dalyWallPerSolve(intervalSeconds, checkpointSeconds, restartSeconds, mtbfSeconds)
      : 1;
  const checkpoints = Number.isFinite(intervalSeconds) ? checkpointSeconds / intervalSeconds : 0;
  const scale = 1 + evalFraction;
  return {
    fraction: 1 / (scale * wall),
    overhead: {
      checkpoints: scale * checkpoints,
      failures: scale * Math.max(0, wall - 1 - checkpoints),
      evaluation: evalFraction,
    },
    mtbfSeconds,
    failuresPerDeviceHour,
    checkpointBytes,
    checkpointBytesPerSecond,
    checkpointSeconds,
    intervalSeconds,
    restartSeconds,
    evalFraction,
    enabled: true,
  };
}

/** Expected interrupts over `wallSeconds` of a run with this goodput (Poisson: wall / M). */
export function expectedFailures(g: Goodput, wallSeconds: number): number {
  return Number.isFinite(g.mtbfSeconds) ? wallSeconds / g.mtbfSeconds : 0;
}
