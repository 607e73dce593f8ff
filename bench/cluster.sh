#!/usr/bin/env bash
# Two Labelloop servers on one PostgreSQL (Debian's, installed if absent; see bench/pg.sh), ROWS short texts (default
# 5,000), 50 labelers with their own keys spread over both servers, each pausing 0.5-1.5 s between labels, and a kill -9
# of the first server halfway; its labelers carry on against the second, as behind a load balancer. Learning is on
# (a retrain every 100 labels), so both servers' training workers share the queue. Prints one line:
# served=N double_served=N lost_acknowledged=N trainings_per_trigger=N p99_ms=N
# Usage: bench/cluster.sh [ROWS] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-5000}
seconds=${2:-60}
. bench/pg.sh
./labelloop --version >/dev/null # builds the jar if needed
servers=()
cleanup() {
  set +e # a killed server's wait fails, and so does a grep that finds no error
  [ -n "${work:-}" ] && grep -h -A4 ' ERROR ' "$work"/*/server.log 2>/dev/null | head -40 | sed 's/^/server log: /' >&2
  for s in "${servers[@]}"; do kill -TERM -- -"$s" 2>/dev/null; wait "$s" 2>/dev/null; done
  stop_pg; rm -rf "${work:-}"
}
trap cleanup EXIT
work=$(mktemp -d)
start_pg
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
urls=()
for name in a b; do # one after the other: the first creates the schema and the admin
  port=$(free_port)
  mkdir "$work/$name"
  LABELLOOP_JAVA_OPTS="-Xmx512m" setsid ./labelloop serve --port "$port" --data "$work/$name" --db "$pg_url" --no-embeddings \
    >"$work/$name/server.log" 2>&1 &
  servers+=($!)
  urls+=("http://127.0.0.1:$port")
  for _ in $(seq 1 240); do curl -fs "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && break; sleep 0.5; done
  curl -fs "http://127.0.0.1:$port/api/v1/health" >/dev/null || { echo "server $name did not start: $(tail -3 "$work/$name/server.log")"; exit 1; }
done
key=$(cat "$work/a/admin-api-key")
api() { curl -fs -H "Authorization: Bearer $key" -H 'Content-Type: application/json' "$@"; }
project=$(api "${urls[0]}/api/v1/projects" -d '{"title":"cluster","inputType":"TEXT","jsonInterface":{"jobs":{"JOB_0":{"mlTask":"CLASSIFICATION","required":1,"content":{"input":"radio","categories":{"A":{},"B":{}}}}}}}' \
  | python3 -c 'import json,sys;print(json.load(sys.stdin)["id"])')
api -X PATCH "${urls[1]}/api/v1/projects/$project/learning" -d '{"enabled":true,"retrainEvery":100}' >/dev/null
awk -v n="$rows" 'BEGIN{srand(1); print "id,text"; for(i=1;i<=n;i++) printf "r%d,%s text number %d about the %s\n", i, (rand()<0.5?"good":"bad"), i, (rand()<0.5?"market":"team")}' >"$work/rows.csv"
./labelloop import --url "${urls[1]}" --api-key "$key" --project "$project" --id-col id --text-col text "$work/rows.csv" >/dev/null 2>&1
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), rows=$rows, seconds=$seconds, $(date -u +%FT%TZ)" >&2
python3 bench/cluster-load.py "$project" "$key" "${servers[0]}" "$seconds" 50 "${urls[@]}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
