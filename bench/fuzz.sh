#!/usr/bin/env bash
# Longer fuzzing of every importer (issue 17): ImportFuzzIT with N mutated inputs per format (default 20000; verify runs
# 1000). Prints the inputs run per format, the wall time and the load average; a failing input is saved under
# labelloop-store/target/fuzz-failures/.
set -euo pipefail
cd "$(dirname "$0")/.."
tries=${1:-20000}
echo "load before: $(uptime)"
start=$(date +%s)
./mvnw -B -pl labelloop-store -am verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=ImportFuzzIT -Dfailsafe.failIfNoSpecifiedTests=false -Dfuzz.inputs="$tries" 2>&1 \
  | grep -E "fuzz inputs per format|Tests run: .*ImportFuzzIT|FAIL|AssertionError|saved as|BUILD" || true
echo "fuzz: tries=$tries wall=$(( $(date +%s) - start ))s"
echo "load after: $(uptime)"
