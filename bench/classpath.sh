#!/usr/bin/env bash
# Compiles main, test and benchmark classes (profile bench), copies them to target/bench-classes (so that a later
# `mvn test` in the same tree cannot pull classes from under a running benchmark) and writes the classpath to
# target/bench.classpath.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -Pbench -DskipTests test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.deps -Dmdep.includeScope=test
rm -rf target/bench-classes
mkdir -p target/bench-classes
cp -r target/classes/. target/bench-classes/
cp -r target/test-classes/. target/bench-classes/
echo "target/bench-classes:$(cat target/bench.deps)" > target/bench.classpath
echo target/bench.classpath
