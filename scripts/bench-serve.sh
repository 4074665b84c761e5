#!/usr/bin/env bash
# `geotool serve` load benchmark (docs/PERFORMANCE.md, "Serve"): a release build serves a fresh run directory on
# 127.0.0.1 and a free port; scripts/serve_load.py submits a 10-job batch and sends 2,000 batch-status requests
# over 16 keep-alive connections (bounded: 2,000 requests or 30 s); then the server gets SIGTERM.
# Env: GEOTOOL (prebuilt binary), REQUESTS (2000), CONNECTIONS (16).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${GEOTOOL:-}" ]; then   # GEOTOOL: a prebuilt binary; default: the release build (built if needed)
  swift build -c release --product geotool
  GEOTOOL="$(swift build -c release --show-bin-path)/geotool"
fi
RUN=$(mktemp -d)
"$GEOTOOL" serve --run-dir "$RUN" --port 0 --jobs 2 2> "$RUN/serve.log" > /dev/null &
PID=$!
trap 'kill -TERM "$PID" 2> /dev/null || true; wait "$PID" 2> /dev/null || true; rm -rf "$RUN"' EXIT
PORT=$(scripts/serve-port.sh "$RUN/serve.log")
python3 scripts/serve_load.py --port "$PORT" --requests "${REQUESTS:-2000}" --connections "${CONNECTIONS:-16}"
