#!/usr/bin/env bash
# Labeled import benchmark: imports ROWS short texts, each with a label, through the CLI and checks that every row
# became a LABELED asset with one DEFAULT label. Usage: bench/labeled-import.sh [ROWS] [JDBC_URL]
# (default: 1000000 rows, embedded SQLite in a temp dir). Prints one line per figure.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
db=${2:-}
data=$(mktemp -d)
port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
base=http://127.0.0.1:$port
./labelloop --version >/dev/null # builds the jar if needed
# Same server settings as bench/core.sh, so the figures compare with its unlabeled import.
LABELLOOP_JAVA_OPTS="-Xmx512m" setsid ./labelloop serve --port "$port" --data "$data" --no-embeddings ${db:+--db "$db"} >"$data/server.log" 2>&1 &
server=$!
trap 'kill -TERM -- -$server 2>/dev/null; wait $server 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do curl -fs "$base/api/v1/health" >/dev/null 2>&1 && break; sleep 0.5; done
key=$(cat "$data/admin-api-key")
project=$(curl -fs -H "Authorization: Bearer $key" -H 'Content-Type: application/json' "$base/api/v1/projects" \
  -d '{"title":"bench","inputType":"TEXT","jsonInterface":{"jobs":{"JOB_0":{"mlTask":"CLASSIFICATION","required":1,"content":{"input":"radio","categories":{"A":{},"B":{}}}}}}}' \
  | python3 -c 'import json,sys;print(json.load(sys.stdin)["id"])')
# Imported labels count towards the retrain threshold: a training run would be measured along with the import.
curl -fs -X PATCH -H "Authorization: Bearer $key" -H 'Content-Type: application/json' "$base/api/v1/projects/$project/learning" -d '{"enabled":false}' >/dev/null
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
