#!/usr/bin/env bash
# Server CPU per labeled asset (issue 18 §3): a server as in bench/core.sh, ROWS short texts, `bench-queue` with 50
# closed-loop labelers (CLIENTS=N other than 50, THINK=ms between labels to pause), and the server's CPU read from /proc once a second so that
# only the bench's measured SECONDS count (not the labelers' creation, whose bcrypt is CPU-heavy, nor the warm-up);
# also the request threads' share alone (without the JIT compiler, still busy after the warm-up on a loaded machine).
# SERVER_JAVA_OPTS: more JVM options for the server. JFR=FILE records the server with JFR's profile settings, a Java sample every 2 ms and stacks deep enough (256) to reach
# the route under Jetty and Javalin; Jdbi's own per-statement JFR event is off (it would cost more than it shows).
# WARMUP=N: seconds of load before the measured ones (bench-queue's default 10). jit_ms_per_label is the JIT compiler
# threads' CPU in the measured window: where it is not near zero the window still includes warm-up.
# WARM_LOAD=N: N seconds of closed-loop full load (50 labelers, no pause) before the bench proper, so that pausing
# labelers (THINK) meet a server as warm as a long-running busy one: HotSpot compiles after so many calls, not seconds.
# ROWS must outlast the warm-up and the measured seconds (at 1,500 labels/s a 60 s warm-up takes 90,000 of them).
# DB=JDBC_URL: the server's database (default: SQLite in a temp dir), e.g. to try SQLite options in the URL.
# PG=1: a throwaway cluster of Debian's PostgreSQL instead (bench/pg.sh); its CPU is reported beside the server's.
# The import is followed by VACUUM ANALYZE, as a database in use has had, so that autovacuum's first pass over the new
# rows does not fall in the measured seconds. STALE_STATS=1 (with PG=1): running_imports' statistics then say the
# import still runs, as when autovacuum analysed that table during the import (it does not again until 50 more changes).
# COUNTS_EVERY_MS=N: how often each labeler asks for the project's counts (bench-queue's default: every 30 s, as the
# label page does; 0: after every label, as the page did before 2026-12-07). TWO_REQUESTS=1: each label as queue/next
# then the label (the page before 2026-12-07) instead of one queue/answer.
# Usage: bench/label-cpu.sh [ROWS] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-20000}; secs=${2:-20}
. bench/lib.sh
. bench/pg.sh
work=$(mktemp -d)
db_cpu() { echo 0; } # SQLite runs inside the server
if [ -n "${PG:-}" ]; then start_pg; DB=$pg_url; db_cpu() { pg_cpu; }; fi
awk -v n="$rows" 'BEGIN{print "id,text"; for(i=1;i<=n;i++) printf "r%d,short text number %d about the market team and the vote\n", i, i}' >"$work/rows.csv"
SERVER_JAVA_OPTS="${SERVER_JAVA_OPTS:-} ${JFR:+-XX:FlightRecorderOptions=stackdepth=256 -XX:StartFlightRecording=filename=$JFR,settings=profile,jdk.ExecutionSample#period=2ms,jdbi.statement#enabled=false}" start_server "${DB:-}"
trap 'kill -TERM -- -$server 2>/dev/null; wait $server 2>/dev/null || true; stop_pg; rm -rf "$data" "$work"; true' EXIT
project=$(create_project)
./labelloop import --url "$base" --api-key "$key" --project "$project" --id-col id --text-col text "$work/rows.csv" 2>/dev/null | tail -1
if [ -n "${PG:-}" ]; then
  pg_psql -c "VACUUM ANALYZE"
  [ -z "${STALE_STATS:-}" ] || pg_psql -c "INSERT INTO running_imports SELECT DISTINCT import_id, project_id, 0, 0 FROM assets;
    ANALYZE running_imports; DELETE FROM running_imports"
fi
jvm_cpu() { awk -v t="$(getconf CLK_TCK)" '{print ($14+$15)/t, $15/t}' "/proc/$jvm/stat"; }
# the request threads alone (Jetty's pool): the server's CPU less the JIT compiler's, GC's and other threads'
request_cpu() { cat /proc/"$jvm"/task/*/stat 2>/dev/null | awk -v t="$(getconf CLK_TCK)" '/\(JettyServerThre/ {s+=$14+$15} /\(C[12] CompilerThre/ {c+=$15+$16} END {print s/t, c/t}'; }
if [ -n "${WARM_LOAD:-}" ]; then
  ./labelloop bench-queue --url "$base" --api-key "$key" --project "$project" --clients 50 --seconds "$WARM_LOAD" --warmup-seconds 0 \
    2>&1 | sed -n 's/^requests:/warm load:/p'
fi
echo "machine: $(nproc) cores, load average before $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
(while sleep 1; do echo "$(date +%s.%N) $(jvm_cpu) $(request_cpu) $(db_cpu)"; done) >"$work/cpu" &
sampler=$!
./labelloop bench-queue --url "$base" --api-key "$key" --project "$project" --clients "${CLIENTS:-50}" --seconds "$secs" ${WARMUP:+--warmup-seconds "$WARMUP"} ${THINK:+--think-ms "$THINK"} ${COUNTS_EVERY_MS:+--counts-every-ms "$COUNTS_EVERY_MS"} ${TWO_REQUESTS:+--two-requests} \
  2>&1 | tee "$work/bench" | tail -4
kill "$sampler"
python3 - "$work/cpu" "$work/bench" "$secs" <<'PY'
import re, sys
samples = [tuple(map(float, line.split())) for line in open(sys.argv[1])]
end = samples[-1]
start = min(samples, key=lambda s: abs(s[0] - (end[0] - float(sys.argv[3]))))
rate = float(re.search(r'\(([0-9.]+) labels/s\)', open(sys.argv[2]).read()).group(1))
errors = int(re.search(r'([0-9]+) errors', open(sys.argv[2]).read()).group(1))
if errors:
    print(f"warning: {errors} requests failed (the queue ran empty?): give more ROWS than (warm-up + SECONDS) x labels/s")
if rate == 0:
    sys.exit("no label was measured: nothing to divide the CPU by")
cpu, kernel, requests, jit, db, seconds = (end[i] - start[i] for i in (1, 2, 3, 4, 5, 0))
print(f"labels_per_s={rate} server_cpu_s={cpu:.2f} over {seconds:.1f} s cpu_ms_per_label={1000 * cpu / (rate * seconds):.3f}"
      f" request_threads_ms_per_label={1000 * requests / (rate * seconds):.3f} jit_ms_per_label={1000 * jit / (rate * seconds):.3f}"
      f" kernel_share={kernel / cpu:.2f}" + (f" database_cpu_ms_per_label={1000 * db / (rate * seconds):.3f}" if db else ""))
PY
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
