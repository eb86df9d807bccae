#!/usr/bin/env bash
# Measures the ingest rate (rows/s) of POST /ingest with the batching COPY writer against
# single-row transactions and plain single-row JDBC INSERTs, on the embedded default, in one
# run on this machine. Prints a Markdown table.
#
#   examples/ingest-app/scripts/measure-ingest.sh [clients] [rows-per-scenario]   (8 8000)
#
# Builds the app and the SDK modules in one reactor build (the examples are never installed, so
# they cannot come from ~/.m2), then runs the Java main of src/test on the test classpath.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
app="$root/examples/ingest-app"
(cd "$root" && mvn -B -q -pl examples/ingest-app -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test)
java -cp "$app/target/test-classes:$app/target/classes:$(cat "$app/target/test-classpath.txt")" \
  dev.lakebase.examples.ingest.IngestRateBenchmark "${1:-8}" "${2:-8000}"
