#!/usr/bin/env bash
# Crash loop (issue 17): N rounds (default 100; verify runs 4) of SIGKILL at a random moment while labelers write and
# the server imports, trains and publishes, or exports, in turn, then a restart on the same SQLite file. CrashLoopIT
# checks PRAGMA integrity_check, that no acknowledged label is lost and that no import is half visible after every kill.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-100}
echo "load before: $(uptime)"
start=$(date +%s)
./mvnw -B -pl labelloop-app -am verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=CrashLoopIT -Dfailsafe.failIfNoSpecifiedTests=false -Dcrashloop.iterations="$rounds" 2>&1 \
  | grep -E "crash round|Tests run: .*CrashLoopIT|FAIL|AssertionFailed|BUILD" || true
echo "crash loop: rounds=$rounds wall=$(( $(date +%s) - start ))s"
echo "load after: $(uptime)"
