#!/bin/sh
# TEM1D benchmark: geotool (Swift) vs empymod on the same random central-loop models.
# Models: 2-6 layers, rho log-uniform 1-1000 ohm.m, h log-uniform 1-100 m, a = 20 m, H = 0, 30 gates 1e-6..1e-2 s.
#
#   scripts/bench-tem1d.sh [N=10000] [EMPYMOD_N=200]
#
# Env: TEM1D_BENCH  command that runs the Swift benchmark; it is called as
#        $TEM1D_BENCH 0 1 2 --models f1.csv --models f2.csv ...   (workers 1 then 2; prints models/s per run)
#      default: the dev executable /work/dev/tem1d/.build/release/tem1d-bench
#      PYTHON (default python3, needs numpy + empymod for the comparison part).
set -eu
N=${1:-10000}
EN=${2:-200}
here=$(cd "$(dirname "$0")" && pwd)
helper="$here/bench_tem1d_empymod.py"
[ -f "$helper" ] || helper=/work/dev/tem1d/scripts/bench_tem1d_empymod.py
BENCH=${TEM1D_BENCH:-/work/dev/tem1d/.build/release/tem1d-bench}
PY=${PYTHON:-python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
files=$($PY "$helper" --write-models "$tmp/models" --count "$N")
args=""
for f in $files; do args="$args --models $f"; done
echo "== geotool TEM1D ($N models; CPU-second figure is the per-core rate)"
# shellcheck disable=SC2086
$BENCH 0 1 2 $args
echo "== empymod ($EN of the same models, Pool(2); 12-segment polygon loop, for timing only)"
$PY "$helper" --count "$EN" --workers 2
