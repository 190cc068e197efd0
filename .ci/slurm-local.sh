#!/usr/bin/env bash
# A single-node Slurm cluster on localhost for the sweep tests (REFERENCE (j)): munged, slurmctld and
# slurmd from Debian's slurm-wlm and munge, one partition on this machine, configuration and state in a
# private folder. Usage:
#   .ci/slurm-local.sh start   # prints `export SLURM_CONF=...`; clients (sbatch, squeue) need it
#   .ci/slurm-local.sh stop    # stops what start started (and only that)
#   .ci/slurm-local.sh status
# SCALECAST_SLURM_DIR overrides the folder (default /tmp/scalecast-slurm). Needs root (as CI runs).
set -euo pipefail
D="${SCALECAST_SLURM_DIR:-/tmp/scalecast-slurm}"
CONF="$D/slurm.conf"
HOST="$(hostname -s)"
export SLURM_CONF="$CONF"

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

start() {
  for b in munged slurmctld slurmd sbatch; do
    command -v "$b" >/dev/null || [ -x "/usr/sbin/$b" ] || { echo "slurm-local: $b is not installed (apt-get install slurm-wlm munge)" >&2; exit 1; }
  done
  mkdir -p "$D/state" "$D/spool" "$D/munge"
  chown munge:munge "$D/munge"
  # munge: reuse the system key, or make one; run munged as the munge user on a private socket only if
  # no munged answers on the default socket
  if ! munge -n </dev/null >/dev/null 2>&1; then
    if [ ! -s /etc/munge/munge.key ]; then
      mkdir -p /etc/munge
      dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
      chown munge:munge /etc/munge/munge.key
      chmod 600 /etc/munge/munge.key
    fi
    mkdir -p /run/munge
    chown munge:munge /run/munge
    chmod 755 /run/munge
    runuser -u munge -- /usr/sbin/munged --pid-file="$D/munge/munged.pid" --log-file="$D/munge/munged.log" --seed-file="$D/munge/munged.seed"
    echo started > "$D/munge/ours"
    for _ in $(seq 50); do munge -n </dev/null >/dev/null 2>&1 && break; sleep 0.1; done
  fi
  CPUS=$(nproc)
  MEM=$(( $(awk '/MemTotal/ { print int($2 / 1024) }' /proc/meminfo) * 3 / 4 ))
  cat > "$CONF" <<CONF
ClusterName=scalecast
SlurmctldHost=$HOST(127.0.0.1)
SlurmctldPort=${SCALECAST_SLURMCTLD_PORT:-16817}
SlurmdPort=${SCALECAST_SLURMD_PORT:-16818}
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$D/state
SlurmdSpoolDir=$D/spool
SlurmctldPidFile=$D/slurmctld.pid
SlurmdPidFile=$D/slurmd.pid
SlurmctldLogFile=$D/slurmctld.log
SlurmdLogFile=$D/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
ReturnToService=2
MpiDefault=none
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
MaxArraySize=10001
SlurmdTimeout=60
InactiveLimit=0
KillWait=5
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=$CPUS RealMemory=$MEM State=UNKNOWN
PartitionName=local Nodes=$HOST Default=YES MaxTime=INFINITE State=UP OverSubscribe=YES
CONF
  pid_alive "$D/slurmctld.pid" || /usr/sbin/slurmctld -f "$CONF" -c
  pid_alive "$D/slurmd.pid" || /usr/sbin/slurmd -f "$CONF" -N "$HOST"
  for _ in $(seq 100); do
    state=$(sinfo -h -N -o "%T" 2>/dev/null | head -1 || true)
    case "$state" in idle*|mixed*|alloc*) break ;; esac
    sleep 0.2
  done
  scontrol update NodeName="$HOST" State=RESUME >/dev/null 2>&1 || true
  sinfo -h -o "%P %a %D %T" >&2
  echo "export SLURM_CONF=$CONF"
}

stop() {
  [ -f "$CONF" ] || exit 0
  squeue -h -o %i 2>/dev/null | xargs -r scancel >/dev/null 2>&1 || true
  for f in slurmd slurmctld; do
    if pid_alive "$D/$f.pid"; then
      kill "$(cat "$D/$f.pid")" 2>/dev/null || true
      for _ in $(seq 50); do pid_alive "$D/$f.pid" || break; sleep 0.1; done
      pid_alive "$D/$f.pid" && kill -9 "$(cat "$D/$f.pid")" 2>/dev/null || true
    fi
    rm -f "$D/$f.pid"
  done
  if [ -f "$D/munge/ours" ] && pid_alive "$D/munge/munged.pid"; then
    kill "$(cat "$D/munge/munged.pid")" 2>/dev/null || true
    rm -f "$D/munge/ours"
  fi
  echo "slurm-local: stopped" >&2
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) sinfo -h -o "%P %a %D %T" ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
