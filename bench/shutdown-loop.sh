#!/usr/bin/env bash
# Stops a server with SIGTERM in the middle of background embedding N times (default 20; verify runs 3): ShutdownIT
# checks each exit status (143) and that no hs_err_pid*.log was written (issue 17, defect 5).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
echo "load before: $(uptime)"
start=$(date +%s)
./mvnw -B -pl labelloop-app -am verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=ShutdownIT -Dfailsafe.failIfNoSpecifiedTests=false -Dshutdown.iterations="$runs" 2>&1 \
  | grep -E "shutdown run|Tests run: .*ShutdownIT|FAIL|AssertionFailed|BUILD" || true
echo "shutdown loop: runs=$runs wall=$(( $(date +%s) - start ))s"
echo "load after: $(uptime)"
