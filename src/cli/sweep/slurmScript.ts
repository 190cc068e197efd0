import { createHash } from "node:crypto";
import { join } from "node:path";

/** Resources and extras of the Slurm job array. */
export interface SlurmResources {
  partition?: string;
  account?: string;
  /** GPUs per array task (`--gpus-per-task`). */
  gpusPerTask?: number;
  cpusPerTask?: number;
  /** Memory per node, as sbatch takes it (`--mem`, e.g. 16G). */
  memory?: string;
  /** Time limit per task, as sbatch takes it (`--time`, e.g. 02:00:00). */
  time?: string;
  /** Text of a job template inserted after the generated #SBATCH lines (more #SBATCH lines, module loads, ...). */
  template?: string;
}

/** The job name of a results folder: one name per folder, so a restarted runner finds its jobs. */
export function slurmJobName(dir: string): string {
  return `scalecast-${createHash("sha256").update(dir).digest("hex").slice(0, 10)}`;
}

const shq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * The sbatch script of a sweep: one array task per point index, each running the point script (REFERENCE
 * (j): `sbatch --array=0-N%K`, each task sees SLURM_ARRAY_TASK_ID). `array` adds an `#SBATCH --array`
 * line (the print executor); the Slurm executor passes `--array` on the command line instead.
 */
export function slurmScript(dir: string, r: SlurmResources, array?: string): string {
  const lines = [
    "#!/usr/bin/env bash",
    `#SBATCH --job-name=${slurmJobName(dir)}`,
    `#SBATCH --output=${join(dir, ".scalecast", "slurm-%A_%a.out")}`,
  ];
  if (array) lines.push(`#SBATCH --array=${array}`);
  if (r.partition) lines.push(`#SBATCH --partition=${r.partition}`);
  if (r.account) lines.push(`#SBATCH --account=${r.account}`);
  if (r.gpusPerTask) lines.push(`#SBATCH --gpus-per-task=${r.gpusPerTask}`);
  if (r.cpusPerTask) lines.push(`#SBATCH --cpus-per-task=${r.cpusPerTask}`);
  if (r.memory) lines.push(`#SBATCH --mem=${r.memory}`);
  if (r.time) lines.push(`#SBATCH --time=${r.time}`);
  if (r.template) lines.push(r.template.trimEnd());
  lines.push(`exec bash ${shq(join(dir, ".scalecast", "point.sh"))} "$SLURM_ARRAY_TASK_ID"`, "");
  return lines.join("\n");
}

/** Compress sorted indices into Slurm's array syntax: 0-3,7,9-10 (then %K when K > 0). */
export function arraySpec(indices: readonly number[], concurrency = 0): string {
  const s = [...indices].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < s.length;) {
    let j = i;
    while (j + 1 < s.length && s[j + 1] === s[j]! + 1) j++;
    parts.push(j > i ? `${s[i]}-${s[j]}` : `${s[i]}`);
    i = j + 1;
  }
  return `${parts.join(",")}${concurrency > 0 ? `%${concurrency}` : ""}`;
}

/**
 * A Kubernetes Indexed Job running the same point script: `completionMode: Indexed` gives each pod
 * JOB_COMPLETION_INDEX, `completions` is the number of points and `parallelism` the concurrency; the
 * results folder must be mounted at the same path in the pods (a shared volume claim). JSON is a valid
 * manifest for `kubectl apply -f`.
 */
export function kubernetesJob(
  dir: string,
  o: {
    points: number;
    parallelism: number;
    image: string;
    claim: string;
    gpusPerTask?: number;
    retries: number;
  },
): Record<string, unknown> {
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: slurmJobName(dir) },
    spec: {
      completionMode: "Indexed",
      completions: o.points,
      parallelism: o.parallelism,
      backoffLimitPerIndex: o.retries,
      template: {
        spec: {
          restartPolicy: "Never",
          containers: [
            {
              name: "point",
              image: o.image,
              command: ["bash", join(dir, ".scalecast", "point.sh")],
              volumeMounts: [{ name: "results", mountPath: dir }],
              ...(o.gpusPerTask ? { resources: { limits: { "nvidia.com/gpu": o.gpusPerTask } } } : {}),
            },
          ],
          volumes: [{ name: "results", persistentVolumeClaim: { claimName: o.claim } }],
        },
      },
    },
  };
}
