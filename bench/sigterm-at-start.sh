#!/usr/bin/env bash
# SIGTERM a server while it starts: `./labelloop serve --demo` on a fresh data directory, stopped DELAYS seconds
# after launch (the demo's image and text models load and run in those seconds), RUNS times per delay. Prints per
# delay the exit statuses, how many runs wrote a JVM crash report (hs_err_pid*.log) and how many logged "stopped".
# Usage: bench/sigterm-at-start.sh [RUNS] [DELAYS...]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-4}; shift || true
delays=${*:-3.5 4 4.5 5 5.5}
root=$PWD
./labelloop --version >/dev/null # builds the jar if it is stale, outside the timed runs
echo "load before: $(uptime)"
for delay in $delays; do
  crashes=0; stopped=0; codes=""
  for _ in $(seq "$runs"); do
    dir=$(mktemp -d)
    (cd "$dir" && exec "$root/labelloop" serve --port 0 --data "$dir/data" --demo) >"$dir/log" 2>&1 & # a crash report lands in $dir
    pid=$!
    sleep "$delay"; kill -TERM "$pid" 2>/dev/null || true; rc=0; wait "$pid" || rc=$?
    codes="$codes $rc"
    compgen -G "$dir/hs_err_pid*.log" >/dev/null && crashes=$((crashes + 1))
    grep -q "stopped" "$dir/log" && stopped=$((stopped + 1))
    rm -rf "$dir"
  done
  echo "delay=${delay}s runs=$runs crashes=$crashes stopped_logged=$stopped exit_statuses:$codes"
done
echo "load after: $(uptime)"
