#!/usr/bin/env bash
# Compiles main, test and benchmark classes (profile bench) and writes their classpath to target/bench.classpath.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -Pbench -DskipTests test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.deps -Dmdep.includeScope=test
echo "target/classes:target/test-classes:$(cat target/bench.deps)" > target/bench.classpath
echo target/bench.classpath
