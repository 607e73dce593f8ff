#!/usr/bin/env bash
# Labeled import benchmark: imports ROWS short texts, each with a label, through the CLI and checks that every row
# became a LABELED asset with one DEFAULT label. Usage: bench/labeled-import.sh [ROWS] [JDBC_URL]
# (default: 1000000 rows, embedded SQLite in a temp dir). Prints one line per figure.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
db=${2:-}
. bench/lib.sh
start_server "$db"
project=$(create_project)
csv="$data/rows.csv"
awk -v n="$rows" 'BEGIN{print "id,text,label"; for(i=1;i<=n;i++) printf "r%d,short text number %d about the market team and the vote,%s\n", i, i, (i%2?"A":"B")}' >"$csv"
echo "machine: $(nproc) cores, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "database: ${db:-sqlite (embedded)}"
s=$(date +%s.%N)
./labelloop import --url "$base" --api-key "$key" --project "$project" --id-col id --text-col text --label-col label "$csv" >/dev/null 2>&1
echo "labeled import rows=$rows seconds=$(python3 -c "import time;print(round(time.time()-$s,1))")"
curl -fs -H "Authorization: Bearer $key" "$base/api/v1/projects/$project" | python3 -c '
import json, sys
p = json.load(sys.stdin)
print("stored assets=%d LABELED=%d DEFAULT labels=%d" % (p["assetCount"], p["countsByStatus"]["LABELED"], p["countsByLabelType"]["DEFAULT"]))'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
