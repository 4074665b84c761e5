#!/usr/bin/env bash
# Prints the port a background `geotool serve --port 0 … 2> LOG` listens on, read from its "listening on" line
# in LOG; waits at most 30 s (exit 1 and the log on stderr if it never appears).
set -euo pipefail
LOG=$1
for _ in $(seq 1 300); do
  PORT=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\).*|\1|p' "$LOG" 2> /dev/null | head -n 1)
  [ -n "$PORT" ] && { echo "$PORT"; exit 0; }
  sleep 0.1
done
cat "$LOG" >&2
exit 1
