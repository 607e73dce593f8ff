#!/usr/bin/env bash
# Spark scoring benchmark: trains a TF-IDF and a MiniLM classifier on app-reviews with `labelloop automl --save-model`,
# imports a pool of ROWS texts (app-reviews cycled, numbered) into a project of a running server (SQLite), and scores
# it with labelloop-spark's ScoreJob in local[CORES] while the server keeps serving; MiniLM scores the first
# MINILM_ROWS of another project. Images: `automl --task image --save-model` trains on ants/bees' train split (shipped
# encoder), an IMAGE project gets ants/bees' val photos cycled to IMAGE_ROWS files, and the job scores them from the
# server's media directory (JPEG decoding and embedding included). Prints one line per run with assets/s and assets/s
# per core, then checks that every pool asset got exactly one prediction and that a re-run writes nothing. A count of 0
# skips that part.
# Usage: bench/spark.sh [ROWS] [MINILM_ROWS] [CORES] [IMAGE_ROWS]   (default 1000000 20000 2 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
minilm_rows=${2:-20000}
cores=${3:-2}
image_rows=${4:-1000}
reviews=${DATASETS:-../shared/datasets}/app-reviews/app-reviews.csv
antsbees=$(cd "${DATASETS:-../shared/datasets}/ants-bees" && pwd)
. bench/lib.sh
[ -n "${JAVA_HOME:-}" ] || export JAVA_HOME=$(ls -d /usr/lib/jvm/*/ | sort -V -r | head -1) # Spark 4 and the job: Java 21+
# One reactor run, so that the classpath names the sibling modules' jars without their being installed in ~/.m2.
./mvnw -B -q package dependency:build-classpath -pl labelloop-spark -am -DskipTests -Dmdep.outputFile=target/classpath.txt >/dev/null
job_jar=$(ls labelloop-spark/target/labelloop-spark-*-job.jar)
start_server
work=$(mktemp -d)
trap 'kill -TERM -- -$server 2>/dev/null; wait $server 2>/dev/null || true; rm -rf "$data" "$work"; true' EXIT

echo "machine: $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$reviews" "$work" <<'PY'
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8'))]
with open(sys.argv[2] + '/train.csv', 'w', newline='', encoding='utf-8') as f:
    w = csv.writer(f); w.writerow(['text', 'label'])
    for r in rows:
        if r['split'] == 'train': w.writerow([r['text'], r['label']])
with open(sys.argv[2] + '/texts.txt', 'w', encoding='utf-8') as f:
    for r in rows: f.write(' '.join(r['text'].split()) + '\n')
PY
[ "$rows" -gt 0 ] || [ "$minilm_rows" -gt 0 ] && for model in tfidf:svm:none minilm:svm-emb:minilm; do
  IFS=: read -r name learner embedder <<<"$model"
  ./labelloop automl --data "$work/train.csv" --format csv --text text --label label --cv 3 --time-budget 60 \
    --learner "$learner" --embedder "$embedder" --no-ensemble --save-model "$work/$name.llm" | grep -E '^(model saved|best config)'
done

# A pool of N numbered texts in a project with learning off, imported through the CLI; prints the project id.
pool() {
  local n=$1 project
  project=$(create_project)
  awk -v n="$n" 'BEGIN{print "id,text"} {t[NR]=$0} END{for(i=1;i<=n;i++){s=t[(i-1)%NR+1]; gsub(/"/,"\"\"",s); printf "p%d,\"%s (%d)\"\n", i, s, i}}' \
    "$work/texts.txt" >"$work/pool.csv"
  ./labelloop import --url "$base" --api-key "$key" --project "$project" --id-col id --text-col text "$work/pool.csv" >/dev/null 2>&1
  echo "$project"
}

# Runs the job on the project's pool; its summary line is left in $work/spark.out.
score() {
  local project=$1 model=$2; shift 2
  "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx6g -Dspark.master="local[$cores]" -Dspark.ui.enabled=false -Dlog4j2.level=WARN \
    -cp "$job_jar:$(cat labelloop-spark/target/classpath.txt)" org.labelloop.spark.ScoreJob \
    --jdbc "jdbc:sqlite:$data/labelloop.db?busy_timeout=60000" --project "$project" --model "$model" "$@" >"$work/spark.out" 2>"$work/spark.log" \
    || { tail -30 "$work/spark.log" >&2; exit 1; }
}

report() {
  python3 - "$1" "$cores" "$(tail -1 "$work/spark.out")" <<'PY'
import sys
what, cores, line = sys.argv[1], int(sys.argv[2]), sys.argv[3]
f = dict(kv.split('=') for kv in line.split())
print(f"{what}: {line} assets_per_s_per_core={float(f['assets_per_s']) / cores:.0f}")
PY
}

if [ "$rows" -gt 0 ]; then
project=$(pool "$rows")
score "$project" "$work/tfidf.llm" && report "tfidf local[$cores] rows=$rows"
score "$project" "$work/tfidf.llm" && report "tfidf rerun"
curl -fs -H "Authorization: Bearer $key" "$base/api/v1/projects/$project" | python3 -c '
import json, sys
p = json.load(sys.stdin)
print("stored assets=%d PREDICTION labels=%d" % (p["assetCount"], p["countsByLabelType"].get("PREDICTION", 0)))'
# the server served the queue meanwhile: the next asset it hands out is the most uncertain one
curl -fs -H "Authorization: Bearer $key" "$base/api/v1/projects/$project/queue/next" | python3 -c '
import json, sys
a = json.load(sys.stdin)
print("queue next: externalId=%s score=%s with prediction=%s" % (a["externalId"], a["queue"]["score"], a["prediction"] is not None))'


project=$(pool "$minilm_rows")
score "$project" "$work/minilm.llm" && report "minilm local[$cores] rows=$minilm_rows"
fi


if [ "$image_rows" -gt 0 ]; then
  python3 - "$antsbees" "$work" "$image_rows" <<'PY'
import csv, os, shutil, sys
d, work, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
rows = list(csv.DictReader(open(os.path.join(d, 'manifest.csv'))))
with open(os.path.join(work, 'ab-train.csv'), 'w', newline='') as f:
    w = csv.writer(f); w.writerow(['file', 'label'])
    for r in rows:
        if r['split'] == 'train': w.writerow([os.path.join(d, r['file']), r['label']])
val = [r for r in rows if r['split'] == 'val']
os.makedirs(os.path.join(work, 'photos'))
with open(os.path.join(work, 'photos-truth.csv'), 'w', newline='') as f:
    w = csv.writer(f)
    for i in range(n):
        r = val[i % len(val)]
        name = 'p%07d.jpg' % i
        shutil.copyfile(os.path.join(d, r['file']), os.path.join(work, 'photos', name))
        w.writerow([name, r['label']])
PY
  ./labelloop automl --task image --data "$work/ab-train.csv" --format csv --file file --label label --time-budget 60 \
    --save-model "$work/antsbees.llm" | grep -E '^(model saved|best config)'
  project=$(curl -fs -H "Authorization: Bearer $key" -H 'Content-Type: application/json' "$base/api/v1/projects" \
    -d '{"title":"photos","inputType":"IMAGE","jsonInterface":{"jobs":{"JOB_0":{"mlTask":"CLASSIFICATION","required":1,"content":{"input":"radio","categories":{"ants":{},"bees":{}}}}}}}' \
    | python3 -c 'import json,sys;print(json.load(sys.stdin)["id"])')
  curl -fs -X PATCH -H "Authorization: Bearer $key" -H 'Content-Type: application/json' "$base/api/v1/projects/$project/learning" -d '{"enabled":false}' >/dev/null
  ./labelloop import --url "$base" --api-key "$key" --project "$project" "$work/photos" >/dev/null 2>&1
  score "$project" "$work/antsbees.llm" --media "$data/files" && report "images local[$cores] rows=$image_rows"
  score "$project" "$work/antsbees.llm" --media "$data/files" && report "images rerun"
  # the job's predictions against the photos' true classes (ants/bees' val split, cycled)
  python3 - "$data/labelloop.db" "$project" "$work/photos-truth.csv" <<'PY'
import csv, json, sqlite3, sys
truth = dict(csv.reader(open(sys.argv[3])))
db = sqlite3.connect(sys.argv[1])
rows = db.execute("SELECT a.external_id, l.json_response FROM labels l JOIN assets a ON a.id = l.asset_id"
                  " WHERE a.project_id = ? AND l.label_type = 'PREDICTION'", (int(sys.argv[2]),)).fetchall()
ok = sum(json.loads(j)['JOB_0']['categories'][0]['name'] == truth.get(e.split('/')[-1]) for e, j in rows)
print("image predictions=%d distinct_assets=%d accuracy=%.4f" % (len(rows), len({e for e, _ in rows}), ok / max(1, len(rows))))
PY
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
