#!/bin/bash
# Peak RSS (VmHWM) of a server importing four 10 MB files one after the other: a header followed by 10 MB of commas, a
# JSON Lines file of one 10 MB line, and ordinary CSV and JSON Lines rows. Usage: bench/import-rss.sh [JAR]
set -u
cd "$(dirname "$0")/.."
JAR=$(realpath "${1:-labelloop-app/target/labelloop.jar}"); PORT=${PORT:-17093}; D=$(mktemp -d)
W=$(mktemp -d); cd "$W"
java --enable-native-access=ALL-UNNAMED -XX:+UseParallelGC -jar "$JAR" serve --port $PORT --data "$D" --no-embeddings > "$D/log" 2>&1 &
PID=$!
for i in $(seq 1 120); do curl -fs localhost:$PORT/api/v1/health >/dev/null && break; sleep 1; done
KEY=$(cat "$D/admin-api-key")
P=$(curl -s -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' localhost:$PORT/api/v1/projects -d '{"title":"rss","inputType":"TEXT","jsonInterface":{"jobs":{"JOB_0":{"mlTask":"CLASSIFICATION","required":1,"content":{"input":"radio","categories":{"A":{"name":"A"}}}}}}}' | python3 -c 'import json,sys;print(json.load(sys.stdin)["id"])')
python3 - <<'PY'
open('commas.csv','w').write('id,text,label\n'+','*10_485_760+'\n')
open('longline.jsonl','w').write('{"id":"x","text":"'+'y'*10_485_760+'"}\n')
with open('rows.csv','w') as f:
    f.write('id,text\n'); i=0
    while f.tell() < 10_485_760: f.write('r%d,some ordinary text of row number %d\n' % (i, i)); i += 1
with open('rows.jsonl','w') as f:
    i=0
    while f.tell() < 10_485_760: f.write('{"id":"j%d","text":"some ordinary text of row number %d"}\n' % (i, i)); i += 1
PY
hwm() { grep VmHWM /proc/$PID/status | awk '{printf "%.0f MB", $2/1024}'; }
echo "after start: $(hwm)"
for f in commas.csv longline.jsonl rows.csv rows.jsonl; do
  fmt=${f##*.}
  s=$(date +%s.%N)
  code=$(curl -s -o body -w '%{http_code}' -H "Authorization: Bearer $KEY" localhost:$PORT/api/v1/projects/$P/assets -F file=@$f -F format=$fmt)
  e=$(date +%s.%N)
  printf '%s: HTTP %s in %.1f s, peak RSS so far %s, answer %s\n' "$f" "$code" "$(echo "$e - $s" | bc)" "$(hwm)" "$(head -c 120 body)"
done
echo "server log: $(wc -c < "$D/log") bytes"
kill $PID; wait $PID 2>/dev/null; rm -rf "$D" "$W"
