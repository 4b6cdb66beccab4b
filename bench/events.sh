#!/usr/bin/env bash
# Webhook latency: a provider event to its write, and a git push to the change on the simulator, through a daemon
# with its default settings (debounce 300 ms). About a minute. Options: --runs N --latency MS --work DIR
set -euo pipefail
cd "$(dirname "$0")/.."
bench/classpath.sh >/dev/null
exec java -Xmx512m -cp "$(cat target/bench.classpath)" dev.roster.bench.EventLatency "$@"
