#!/usr/bin/env bash
# End-to-end benchmark: simulator with 50 ms latency, 10,000 groups × 256 participants, plan at concurrency 64 and
# at concurrency 1 (the speed-up), simulator capacity at zero latency, apply with drift. 14-22 minutes on a 2-core
# machine (3 runs of each, one at concurrency 1, which alone takes 9 minutes); --c1-groups 1000 for ~7.
# Options (all optional): --groups N --c1-groups N --runs N --c1-runs N --latency MS --work DIR
#   --bots N --participants N (the fleet's shape; --groups is the total over all bots; default 1 bot, 256)
#   --curve 1000,10000,100000: converged plans only (JSON and Markdown rendered in each), per size a simulator at
#   zero latency and one at --latency, --runs pairs of runs alternated between them; e.g.
#   bench/e2e.sh --bots 10 --participants 8 --curve 1000,10000,100000 (about 15 minutes here)
#   --client-flags "-XX:StartFlightRecording=filename=/tmp/plan.jfr": JVM flags added to every measured client
set -euo pipefail
cd "$(dirname "$0")/.."
bench/classpath.sh >/dev/null
exec java -Xmx2g -cp "$(cat target/bench.classpath)" dev.roster.bench.EndToEnd "$@"
