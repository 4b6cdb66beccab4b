#!/usr/bin/env bash
# End-to-end benchmark: simulator with 50 ms latency, 10,000 groups × 256 participants, plan at concurrency 64,
# 1,000 groups at concurrency 1 vs 64, simulator capacity at zero latency, apply with drift. 11 minutes on a
# loaded 2-core machine (3 runs of each; the three c=1 runs alone take 3 minutes): --runs 1 --c1-runs 1 for ~4.
# Options (all optional): --groups N --c1-groups N --runs N --c1-runs N --latency MS --work DIR
set -euo pipefail
cd "$(dirname "$0")/.."
bench/classpath.sh >/dev/null
exec java -Xmx2g -cp "$(cat target/bench.classpath)" dev.roster.bench.EndToEnd "$@"
