#!/usr/bin/env bash
# Measures the ingest rate (rows/s) of POST /ingest with the batching COPY writer against
# single-row transactions and plain single-row JDBC INSERTs, on the embedded default, in one
# run on this machine. Prints a Markdown table.
#
#   examples/ingest-app/scripts/measure-ingest.sh [clients] [rows-per-scenario]   (8 8000)
#
# Needs the project's modules in ~/.m2 (mvn -B -q -DskipTests install from the root).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=dev.lakebase.examples.ingest.IngestRateBenchmark \
  -Dexec.args="${1:-8} ${2:-8000}"
