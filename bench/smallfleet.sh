#!/usr/bin/env bash
# Small-fleet benchmark (issue 18): wall times of whole `./roster validate` and `./roster plan` commands, alternated,
# 400 groups × 255 numbers as YAML files, simulator with 100 ms latency, concurrency 32, rate limit off; reports
# plan − validate against the latency bound (1 list + ceil(400/32) rounds × 100 ms = 1.4 s). About 2 minutes.
# Options (all optional): --groups N --latency MS --concurrency N --runs N (7) --work DIR --client-nice N
#   --warmup N (1: unmeasured validate + plan per launcher first)
#   --roster PATH[,PATH...]  launchers to alternate (default ./roster; e.g. another checkout's roster to compare)
set -euo pipefail
cd "$(dirname "$0")/.."
bench/classpath.sh >/dev/null
./roster --version >/dev/null   # builds target/roster.jar and its class-data archive when sources changed
exec java -cp "$(cat target/bench.classpath)" dev.roster.bench.SmallFleet "$@"
