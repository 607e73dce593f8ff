#!/usr/bin/env bash
# Core platform benchmark: imports ROWS short texts with the CLI, exports them as JSONL, then load-tests
# queue/next + submit with 50 concurrent labelers. Usage: bench/core.sh [ROWS] [JDBC_URL]
# (default: 1000000 rows, embedded SQLite in a temp dir). Prints one line per figure.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
db=${2:-}
. bench/lib.sh
start_server "$db"
project=$(create_project)
csv="$data/rows.csv"
awk -v n="$rows" 'BEGIN{print "id,text"; for(i=1;i<=n;i++) printf "r%d,short text number %d about the market team and the vote\n", i, i}' >"$csv"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB, server JVM: $(tr '\0' ' ' </proc/$jvm/cmdline | cut -d' ' -f1)"
echo "database: ${db:-sqlite (embedded)}"
s=$(date +%s.%N)
./labelloop import --url "$base" --api-key "$key" --project "$project" --id-col id --text-col text "$csv" >/dev/null 2>&1
echo "import rows=$rows seconds=$(python3 -c "import time;print(round(time.time()-$s,1))")"
s=$(date +%s.%N)
./labelloop export --url "$base" --api-key "$key" --project "$project" --format jsonl -o "$data/export.jsonl" >/dev/null 2>&1
echo "export rows=$(wc -l <"$data/export.jsonl") seconds=$(python3 -c "import time;print(round(time.time()-$s,1))") server_peak_rss_mb=$(awk '/VmHWM/{print int($2/1024)}' /proc/$jvm/status)"
# Each bench-queue run creates 50 labelers (users with keys) and warms up for 10 s before its 30 measured seconds.
echo "-- closed loop: 50 labelers, no pause ($(cut -d' ' -f1-3 /proc/loadavg) load average before)"
./labelloop bench-queue --url "$base" --api-key "$key" --project "$project" --clients 50 --seconds 30
echo "-- 50 labelers, each pausing 0.5-1.5 s (mean 1 s) between labels ($(cut -d' ' -f1-3 /proc/loadavg) load average before)"
./labelloop bench-queue --url "$base" --api-key "$key" --project "$project" --clients 50 --seconds 30 --think-ms 1000
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
