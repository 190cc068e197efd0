/**
 * The script that runs one point of a sweep, the same for every executor (local pool, Slurm array task,
 * Kubernetes Indexed Job pod): it takes the point's index from its argument, SLURM_ARRAY_TASK_ID or
 * JOB_COMPLETION_INDEX, and makes running a point idempotent:
 * - a point with result.json finished before and is never run again;
 * - `mkdir lock` (atomic on POSIX file systems) admits one attempt at a time; a lock whose owner process
 *   is gone on this host is stale and taken over;
 * - each attempt gets a fresh out/ folder and its own log; exit 0 writes result.json by rename, so a
 *   killed attempt never leaves a result that looks finished.
 */
export function pointScript(dir: string): string {
  const q = `'${dir.replace(/'/g, `'\\''`)}'`;
  return `#!/usr/bin/env bash
# Runs one point of a scalecast sweep (written by \`scalecast sweep run\`). Usage: point.sh INDEX
set -u
DIR=${q}
INDEX="\${1:-\${SLURM_ARRAY_TASK_ID:-\${JOB_COMPLETION_INDEX:-}}}"
[ -n "$INDEX" ] || { echo "point.sh: no index (argument, SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX)" >&2; exit 2; }
ID=$(sed -n "$((INDEX + 1))p" "$DIR/.scalecast/ids.txt")
[ -n "$ID" ] || { echo "point.sh: no point at index $INDEX" >&2; exit 2; }
P="$DIR/runs/$ID"
HOST=$(hostname)
[ -f "$P/result.json" ] && exit 0
if ! mkdir "$P/lock" 2>/dev/null; then
  read -r OWNER OWNER_HOST < "$P/lock/owner" 2>/dev/null || { echo "point $ID: another attempt is starting" >&2; exit 0; }
  if [ "$OWNER_HOST" != "$HOST" ] || kill -0 "$OWNER" 2>/dev/null; then
    echo "point $ID: already running (pid $OWNER on $OWNER_HOST)" >&2; exit 0
  fi
  rm -rf "$P/lock"; mkdir "$P/lock" 2>/dev/null || exit 0
fi
echo "$$ $HOST" > "$P/lock/owner"
trap 'rm -rf "$P/lock"' EXIT
[ -f "$P/result.json" ] && exit 0
N=1; while [ -e "$P/attempt-$N.log" ]; do N=$((N + 1)); done
rm -rf "$P/out"; mkdir -p "$P/out"
START=$(date +%s.%N)
bash "$P/command.sh" > "$P/attempt-$N.log" 2>&1 < /dev/null
CODE=$?
END=$(date +%s.%N)
SECS=$(awk -v a="$START" -v b="$END" 'BEGIN { printf "%.3f", b - a }')
JOB="\${SLURM_ARRAY_JOB_ID:-}"
if [ "$CODE" -eq 0 ]; then
  printf '{"status":"done","attempt":%d,"exitCode":0,"seconds":%s,"host":"%s","slurmJob":"%s"}\\n' "$N" "$SECS" "$HOST" "$JOB" > "$P/result.json.tmp"
  mv "$P/result.json.tmp" "$P/result.json"
else
  printf '{"status":"failed","attempt":%d,"exitCode":%d,"seconds":%s,"host":"%s","slurmJob":"%s"}\\n' "$N" "$CODE" "$SECS" "$HOST" "$JOB" > "$P/failed-$N.json"
fi
exit "$CODE"
`;
}
