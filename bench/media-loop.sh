#!/bin/bash
# The image learning loop of issue 13: an IMAGE project of 1,000 generated images with cached (stored) embeddings,
# 100 labels and a settled model, then three rounds of ten labels; prints one line with the median seconds from the
# submit of a round's tenth label to the retrained image model and its re-ordered queue (target: 5 s), and the load.
# Usage: bench/media-loop.sh [TIME_BUDGET_SECONDS]   (from the repository root)
set -euo pipefail
budget=${1:-3}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
./mvnw -B -o -q verify -pl labelloop-app -am -Dtest=none -Dit.test=MediaLoopBenchIT -Dbench=true -Dbench.budget="$budget" \
  -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false >"$log" 2>&1 || { tail -40 "$log"; exit 1; }
grep '^BENCH media-loop labels=' "$log" >&2
echo "$(grep '^BENCH media-loop images=' "$log" | sed 's/^BENCH //') load=[$(cut -d' ' -f1-3 /proc/loadavg)]"
