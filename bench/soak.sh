#!/usr/bin/env bash
# Soak: the simulator (own JVM, 50 ms latency, 10,000 converged groups of 8) and `roster daemon` (own JVM,
# -Xmx512m, a full run every 30 s, the group event callbacks on /hooks/sinch) for 60 minutes, with 10 group events
# a second; samples the daemon every minute (heap after a full GC, threads, fds, RSS, runs) and prints a table.
# Options (all optional): --minutes N --groups N --participants N --interval 30s --events-per-second N
# --latency MS --heap 512m --work DIR
set -euo pipefail
cd "$(dirname "$0")/.."
bench/classpath.sh >/dev/null
exec java -Xmx256m -cp "$(cat target/bench.classpath)" dev.roster.bench.Soak "$@"
