#!/usr/bin/env bash
# Rate benchmark: the simulator with 50 ms latency and a server-side rate limit R (--rate-limit; 429 with
# Retry-After above it), 10,000 converged groups × 8 participants, roster plan with api.requestsPerSecond: auto
# against a fixed requestsPerSecond of 0.97 R, alternated. About 20 minutes for R = 100, 400 and 1500 (a run at
# R = 100 alone takes 100 s). Options (all optional): --rates 100,400,1500 --runs N --groups N --participants N
# --latency MS --concurrency N --auto "requestsPerSecond: auto; maxRequestsPerSecond: 100000" --fixed-factor 0.97
# --rate-limit-by all|bot --warm-up true|false --capacity true|false --client-nice N --work DIR
set -euo pipefail
cd "$(dirname "$0")/.."
bench/classpath.sh >/dev/null
exec java -Xmx512m -cp "$(cat target/bench.classpath)" dev.roster.bench.RateBenchmark "$@"
