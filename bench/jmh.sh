#!/usr/bin/env bash
# Runs the JMH benchmarks (planner, YAML loader). Arguments go to JMH, e.g.:
#   bench/jmh.sh PlannerBenchmark -p groups=10000
#   bench/jmh.sh LoaderBenchmark
set -euo pipefail
cd "$(dirname "$0")/.."
bench/classpath.sh >/dev/null
exec java -cp "$(cat target/bench.classpath)" org.openjdk.jmh.Main "$@"
