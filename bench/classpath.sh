#!/usr/bin/env bash
# Compiles main, test and benchmark classes (profile bench), packs them into target/bench.jar (so that a later
# `mvn test` in the same tree cannot pull classes from under a running benchmark, and so that the JVM can archive
# them for class-data sharing, which takes classes from jars only) and writes the classpath to
# target/bench.classpath.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -Pbench -DskipTests test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.deps -Dmdep.includeScope=test
rm -rf target/bench-classes target/bench.jar
mkdir -p target/bench-classes
cp -r target/classes/. target/bench-classes/
cp -r target/test-classes/. target/bench-classes/
jar cf target/bench.jar -C target/bench-classes .
rm -rf target/bench-classes
echo "$(pwd)/target/bench.jar:$(cat target/bench.deps)" > target/bench.classpath
echo target/bench.classpath
