#!/usr/bin/env bash
# Where a server's CPU goes in one import and one export: ROWS short CSV texts (default 1,000,000) imported by
# `./labelloop import`, then exported as JSONL, into a server as in bench/core.sh; prints the server's CPU seconds per
# thread kind (request threads, JIT compilers, GC, ...) for each phase, read from /proc/PID/task. CPU seconds hold on a
# shared machine where wall times do not. Usage: bench/server-cpu.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
. bench/lib.sh
work=$(mktemp -d)
csv=$work/rows.csv
awk -v n="$rows" 'BEGIN{print "id,text"; for(i=1;i<=n;i++) printf "r%d,short text number %d about the market team and the vote\n", i, i}' >"$csv"
# One line per thread kind (trailing digits dropped): name, user+system seconds.
snapshot() {
  for t in /proc/"$jvm"/task/*; do cat "$t/stat" 2>/dev/null; done | awk -v hz="$(getconf CLK_TCK)" '{
    s = $0; sub(/^[^(]*\(/, "", s); name = substr(s, 1, index(s, ")") - 1); sub(/^[^)]*\) /, "", s); split(s, f, " ")
    gsub(/[0-9]+$/, "#", name); gsub(/ /, "_", name); cpu[name] += (f[12] + f[13]) / hz } END { for (n in cpu) print n, cpu[n] }' | sort
}
start_server
trap 'kill -TERM -- -$server 2>/dev/null; wait $server 2>/dev/null || true; rm -rf "$data" "$work"; true' EXIT
project=$(create_project)
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), rows=$rows, $(date -u +%FT%TZ)"
snapshot >"$work/0"
./labelloop import --url "$base" --api-key "$key" --project "$project" --id-col id --text-col text "$csv" >"$work/import.log" 2>&1
grep -q "imported=$rows " "$work/import.log" || { echo "import failed: $(tail -2 "$work/import.log")"; exit 1; }
snapshot >"$work/1"
./labelloop export --url "$base" --api-key "$key" --project "$project" --format jsonl -o "$work/export.jsonl" >/dev/null 2>&1
[ "$(wc -l <"$work/export.jsonl")" = "$rows" ] || { echo "export has $(wc -l <"$work/export.jsonl") lines"; exit 1; }
snapshot >"$work/2"
# thread kind, import CPU, export CPU (threads started during a phase count from zero)
awk 'FNR == 1 { f++ } { c[f, $1] = $2; names[$1] = 1 }
  END { for (n in names) { i = c[2, n] - c[1, n]; e = c[3, n] - c[2, n]; ti += i; te += e
          if (i + e >= 0.05) printf "%-24s import_cpu_s=%.2f export_cpu_s=%.2f\n", n, i, e }
        printf "%-24s import_cpu_s=%.2f export_cpu_s=%.2f\n", "server_total", ti, te }' "$work/0" "$work/1" "$work/2" | sort -t= -k2 -rn
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
