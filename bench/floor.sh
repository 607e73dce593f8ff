#!/usr/bin/env bash
# Import and export against the database's own floor, side by side (absolute times drift on a shared machine; the
# ratios hold). For ROWS short texts (default 1,000,000): `./labelloop import` of a CSV end to end (CLI, HTTP, checks,
# spool, batches) against `sqlite3 .import` of the same CSV into a bare table with a primary key, and
# `./labelloop export --format jsonl` against sqlite3's JSON output of that table; then the same on PostgreSQL against
# COPY FROM / COPY TO (Debian's PostgreSQL, installed if absent). Usage: bench/floor.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
. bench/lib.sh
. bench/pg.sh
work=$(mktemp -d)
csv=$work/rows.csv
awk -v n="$rows" 'BEGIN{print "id,text"; for(i=1;i<=n;i++) printf "r%d,short text number %d about the market team and the vote\n", i, i}' >"$csv"
# timed VAR CMD...: runs CMD, sets VAR_wall and VAR_cpu (user+system seconds of CMD and its children)
timed() {
  local var=$1; shift
  /usr/bin/time -f "%e %U %S" -o "$work/time" "$@"
  read -r w u s <"$work/time"
  printf -v "${var}_wall" '%s' "$w"; printf -v "${var}_cpu" '%s' "$(python3 -c "print(round($u+$s,2))")"
}
db_cpu() { echo 0; } # SQLite runs inside the server; PostgreSQL's own CPU is pg_cpu (bench/pg.sh)
jvm_cpu() { awk -v t="$(getconf CLK_TCK)" '{print ($14+$15)/t}' "/proc/$jvm/stat"; }
ratio() { python3 -c "print(round($1/$2,2) if $2 else 'n/a')"; } # a small ROWS can take no measurable CPU
# The Labelloop side's CPU is the CLI's plus the server's (plus PostgreSQL's, as in the floor's); the ratio of CPU
# seconds holds better than wall time when other work shares the machine.
report() { # report DB WHAT
  local l_w=l_$2_wall l_c=l_$2_cpu l_s=l_$2_server l_d=l_$2_db f_w=f_$2_wall f_c=f_$2_cpu
  echo "$1 $2 labelloop_s=${!l_w} floor_s=${!f_w} ratio=$(ratio "${!l_w}" "${!f_w}") labelloop_cpu_s=${!l_c} (server ${!l_s}, database ${!l_d}) floor_cpu_s=${!f_c} cpu_ratio=$(ratio "${!l_c}" "${!f_c}")"
}

cleanup() { set +e; [ -n "${server:-}" ] && { kill -TERM -- -"$server" 2>/dev/null; wait "$server" 2>/dev/null; }; stop_pg; rm -rf "$work" "${data:-}"; true; }
trap cleanup EXIT
labelloop_side() { # labelloop_side [JDBC_URL]: sets l_import_* and l_export_*
  start_server "${1:-}"
  trap cleanup EXIT
  local project c
  project=$(create_project)
  c=$(jvm_cpu); d=$(db_cpu)
  timed l_import ./labelloop import --url "$base" --api-key "$key" --project "$project" --id-col id --text-col text "$csv" >"$work/import.log" 2>&1
  l_import_server=$(python3 -c "print(round($(jvm_cpu)-$c,2))")
  l_import_db=$(python3 -c "print(round($(db_cpu)-$d,2))")
  l_import_cpu=$(python3 -c "print(round($l_import_cpu+$l_import_server+$l_import_db,2))")
  grep -q "imported=$rows " "$work/import.log" || { echo "import failed: $(tail -2 "$work/import.log")"; exit 1; }
  c=$(jvm_cpu); d=$(db_cpu)
  timed l_export ./labelloop export --url "$base" --api-key "$key" --project "$project" --format jsonl -o "$work/export.jsonl" >/dev/null 2>&1
  l_export_server=$(python3 -c "print(round($(jvm_cpu)-$c,2))")
  l_export_db=$(python3 -c "print(round($(db_cpu)-$d,2))")
  l_export_cpu=$(python3 -c "print(round($l_export_cpu+$l_export_server+$l_export_db,2))")
  [ "$(wc -l <"$work/export.jsonl")" = "$rows" ] || { echo "export has $(wc -l <"$work/export.jsonl") lines"; exit 1; }
  kill -TERM -- -"$server" 2>/dev/null; wait "$server" 2>/dev/null || true; rm -rf "$data"; server=
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), rows=$rows, $(date -u +%FT%TZ)"
rm -f "$work/floor.db"
timed f_import sqlite3 "$work/floor.db" "CREATE TABLE t (id TEXT PRIMARY KEY, text TEXT)" ".import --csv --skip 1 $csv t"
timed f_export sh -c "sqlite3 -json '$work/floor.db' 'SELECT * FROM t' >'$work/floor.json'"
labelloop_side
report sqlite import
report sqlite export
[ "${FLOOR_SQLITE_ONLY:-}" = 1 ] && exit 0

start_pg
pg_psql -c "CREATE TABLE t (id TEXT PRIMARY KEY, text TEXT)"
# psql's CPU alone would leave out the server's work: the floor's CPU adds the PostgreSQL cluster's, read from /proc:
# the postmaster's own, its finished children's (each closed connection's backend) and its live children's.
c=$(pg_cpu)
timed f_import "${pg_psql_cmd[@]}" -c "\\copy t FROM '$csv' WITH (FORMAT csv, HEADER true)"
f_import_cpu=$(python3 -c "print(round($f_import_cpu+$(pg_cpu)-$c,2))")
c=$(pg_cpu)
timed f_export "${pg_psql_cmd[@]}" -At -c "\\copy (SELECT row_to_json(t) FROM t) TO '$work/floor.json'"
f_export_cpu=$(python3 -c "print(round($f_export_cpu+$(pg_cpu)-$c,2))")
pg_psql -c "DROP TABLE t"
db_cpu() { pg_cpu; }
labelloop_side "$pg_url"
report postgresql import
report postgresql export
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
