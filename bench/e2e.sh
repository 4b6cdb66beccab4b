#!/usr/bin/env bash
# End-to-end benchmark: simulator with 50 ms latency, 10,000 groups × 256 participants, plan at concurrency 64 and
# at concurrency 1 (the speed-up), simulator capacity at zero latency, apply with drift. 14-22 minutes on a 2-core
# machine (3 runs of each, one at concurrency 1, which alone takes 9 minutes); --c1-groups 1000 for ~7.
# Options (all optional): --groups N --c1-groups N --runs N --c1-runs N --latency MS --work DIR
set -euo pipefail
cd "$(dirname "$0")/.."
bench/classpath.sh >/dev/null
exec java -Xmx2g -cp "$(cat target/bench.classpath)" dev.roster.bench.EndToEnd "$@"
