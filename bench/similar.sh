#!/bin/bash
# How often the Review screen's "Similar" lists assets of the same class, per shared data set: starts a server with
# the background embedders on, imports each set as a new project (its labels stay in the script), waits for the
# vectors and asks for the 10 most similar of 100 random assets. One line per data set and label.
# Usage: bench/similar.sh [bbc sms app-reviews wine ants-bees fsdd]   (from the repository root; default: all)
set -euo pipefail
. bench/lib.sh
WITH_EMBEDDINGS=1 start_server
BASE=$base KEY=$key python3 bench/similar-purity.py "$@"
echo "load=[$(cut -d' ' -f1-3 /proc/loadavg)] $(nproc) cores, $(date -u +%FT%TZ)"
