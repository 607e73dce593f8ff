# Shared by the bench scripts (source it from the repository root): starts a server on a free port with its data in
# a temp dir, on SQLite or on the JDBC URL given, and stops it on exit. Sets data, base, key and jvm.
start_server() {
  local db=${1:-}
  data=$(mktemp -d)
  local port
  port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
  base=http://127.0.0.1:$port
  ./labelloop --version >/dev/null # builds the jar if needed
  # A 512 MiB heap proves import and export stream rather than hold the data set. --no-embeddings: the background
  # embedder would spend a core on the imported texts during the measurement (WITH_EMBEDDINGS=1 keeps it on).
  # SERVER_JAVA_OPTS: more JVM options for the server (e.g. a JFR recording).
  LABELLOOP_JAVA_OPTS="-Xmx512m ${SERVER_JAVA_OPTS:-}" setsid ./labelloop serve --port "$port" --data "$data" $([ -n "${WITH_EMBEDDINGS:-}" ] || echo --no-embeddings) ${db:+--db "$db"} >"$data/server.log" 2>&1 &
  server=$!
  trap 'kill -TERM -- -$server 2>/dev/null; wait $server 2>/dev/null || true; rm -rf "$data"; true' EXIT
  for _ in $(seq 1 120); do curl -fs "$base/api/v1/health" >/dev/null 2>&1 && break; sleep 0.5; done
  key=$(cat "$data/admin-api-key")
  jvm=$(pgrep -f -n "labelloop.jar serve --port $port")
}

# Creates a text project with a two-class job and learning off (a retrain would be measured along with the work);
# prints its id.
create_project() {
  local id
  id=$(curl -fs -H "Authorization: Bearer $key" -H 'Content-Type: application/json' "$base/api/v1/projects" \
    -d '{"title":"bench","inputType":"TEXT","jsonInterface":{"jobs":{"JOB_0":{"mlTask":"CLASSIFICATION","required":1,"content":{"input":"radio","categories":{"A":{},"B":{}}}}}}}' \
    | python3 -c 'import json,sys;print(json.load(sys.stdin)["id"])')
  curl -fs -X PATCH -H "Authorization: Bearer $key" -H 'Content-Type: application/json' "$base/api/v1/projects/$id/learning" -d '{"enabled":false}' >/dev/null
  echo "$id"
}
