#!/usr/bin/env bash
# Builds the benchmark (when needed) and runs it with the heap the targets are judged against.
# Usage: bench/run.sh [--workloads price-storm,growing-document,bulk-load,mixed] [--bulk-rows 100000] ... | --help
# Results go to results/<timestamp>/ (or --output DIR). BENCH_JAVA_OPTS replaces -Xmx512m; add
# -XX:StartFlightRecording:filename=results/ to profile.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=bench/target/monobridge-bench.jar
if [ ! -f "$jar" ] || [ -n "$(find pom.xml projector capture query connect connector bench -newer "$jar" \( -name '*.java' -o -name '*.xml' -o -name '*.sql' -o -name '*.properties' \) -not -path '*/target/*' -print -quit)" ]; then
  echo "Building the benchmark..." >&2
  mvn -B -q -DskipTests install -pl bench -am >&2
fi
exec java ${BENCH_JAVA_OPTS:--Xmx512m} -jar "$jar" "$@"
