#!/usr/bin/env bash
# A single-node SLURM cluster on this machine, for geotool's batch tests (Debian 12, slurm-wlm 22.05).
#   scripts/slurm-local.sh install          apt-get install slurm-wlm munge (if missing)
#   scripts/slurm-local.sh start DIR        write DIR/slurm.conf, start munged (if not running),
#                                           slurmctld and slurmd, wait until the node is idle
#   scripts/slurm-local.sh stop DIR         stop the daemons started by `start DIR` (by their pid files)
# Clients then need `export SLURM_CONF=DIR/slurm.conf`. Needs root (SlurmUser=root).
set -euo pipefail
cmd="${1:-}"; dir="${2:-}"

install() {
  if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y slurm-wlm munge
  fi
}

start() {
  [ -n "$dir" ] || { echo "usage: $0 start DIR" >&2; exit 2; }
  command -v slurmctld >/dev/null || { echo "slurm-local: slurmctld not installed (run: $0 install)" >&2; exit 3; }
  # Daemons must not inherit our caller's descriptors (a parent waiting for EOF on one would hang).
  for fd in $(ls /proc/$$/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-" 2>/dev/null || true; done
  mkdir -p "$dir/state" "$dir/spool"
  dir="$(cd "$dir" && pwd)"
  local host; host="$(hostname -s)"
  cat > "$dir/slurm.conf" <<CONF
ClusterName=geotool
SlurmctldHost=${host}(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
MpiDefault=none
ReturnToService=2
MaxArraySize=${SLURM_LOCAL_MAX_ARRAY_SIZE:-1001}
SlurmctldPort=${SLURM_LOCAL_CTLD_PORT:-6817}
SlurmdPort=${SLURM_LOCAL_SLURMD_PORT:-6818}
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
NodeName=${host} NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
  export SLURM_CONF="$dir/slurm.conf"
  if [ ! -s /etc/munge/munge.key ]; then
    mungekey --create >/dev/null 2>&1 || /usr/sbin/create-munge-key -f >/dev/null
    chown munge:munge /etc/munge/munge.key; chmod 400 /etc/munge/munge.key
  fi
  if ! munge -n >/dev/null 2>&1; then
    mkdir -p /run/munge /var/log/munge /var/lib/munge; chown munge:munge /run/munge /var/log/munge /var/lib/munge
    su -s /bin/sh munge -c /usr/sbin/munged </dev/null >/dev/null 2>&1
    touch "$dir/munged.started"
    for _ in $(seq 50); do munge -n >/dev/null 2>&1 && break; sleep 0.1; done
    munge -n >/dev/null 2>&1 || { echo "slurm-local: munged did not start" >&2; exit 1; }
  fi
  slurmctld </dev/null >/dev/null 2>&1
  slurmd </dev/null >/dev/null 2>&1
  for _ in $(seq 150); do
    state="$(timeout 5 sinfo -h -o %t 2>/dev/null | head -n1 || true)"
    [ "$state" = "idle" ] && { echo "slurm-local: node ${host} idle (SLURM_CONF=$dir/slurm.conf)" >&2; return 0; }
    sleep 0.2
  done
  echo "slurm-local: node not idle after 150 polls (state '${state:-none}'); see $dir/slurmctld.log and $dir/slurmd.log" >&2
  stop; exit 1
}

stop() {
  [ -n "$dir" ] || { echo "usage: $0 stop DIR" >&2; exit 2; }
  for f in slurmd slurmctld; do
    if [ -s "$dir/$f.pid" ]; then
      pid="$(cat "$dir/$f.pid")"; kill "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
      rm -f "$dir/$f.pid"
    fi
  done
  if [ -e "$dir/munged.started" ] && [ -s /run/munge/munged.pid ]; then
    kill "$(cat /run/munge/munged.pid)" 2>/dev/null || true
    rm -f "$dir/munged.started"
  fi
}

case "$cmd" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 install | start DIR | stop DIR" >&2; exit 2 ;;
esac
