#!/usr/bin/env bash
# Labelers beside an import (issue 18 §3): a server as in bench/core.sh with 60,000 short texts, 50 closed-loop
# labelers (`bench-queue`, 10 s warm-up, 30 s measured) and, 15 s in, an import of ROWS more texts into the same
# project, which takes the SQLite write slot once per batch while the labelers take it twice a label. Prints the
# import's wall time and the labelers' latencies.
# Usage: bench/labels-beside-import.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-300000}
. bench/lib.sh
work=$(mktemp -d)
texts() { awk -v n="$1" -v p="$2" 'BEGIN{print "id,text"; for(i=1;i<=n;i++) printf "%s%d,short text number %d about the market team and the vote\n", p, i, i}'; }
texts 60000 r >"$work/queue.csv"
texts "$rows" s >"$work/import.csv"
start_server
trap 'kill -TERM -- -$server 2>/dev/null; wait $server 2>/dev/null || true; rm -rf "$data" "$work"; true' EXIT
project=$(create_project)
./labelloop import --url "$base" --api-key "$key" --project "$project" --id-col id --text-col text "$work/queue.csv" 2>/dev/null | tail -1
echo "machine: $(nproc) cores, load average before $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
./labelloop bench-queue --url "$base" --api-key "$key" --project "$project" --clients 50 --seconds 30 --warmup-seconds 10 >"$work/bench" 2>&1 &
labelers=$!
sleep 15
start=$(date +%s.%N)
./labelloop import --url "$base" --api-key "$key" --project "$project" --id-col id --text-col text "$work/import.csv" 2>/dev/null | tail -1
echo "import_wall_s=$(python3 -c "import sys,time; print(round(time.time() - float(sys.argv[1]), 1))" "$start")"
wait $labelers
tail -4 "$work/bench"
