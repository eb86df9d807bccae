#!/usr/bin/env bash
# Builds the Spark load example (a reactor build: nothing is installed into ~/.m2) and runs it in
# Spark local mode, against the local Lakebase emulator (TestSparkLoad, a test class: the emulator
# is a test dependency) unless LAKEBASE_ENDPOINT is set.
#   bash examples/spark-load/run.sh                      # 1,000,000 rows: write, read back, verify
#   bash examples/spark-load/run.sh --rows 200000 --token-lifetime 20s
#   bash examples/spark-load/run.sh --benchmark          # throughput vs plain pgjdbc
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -DskipTests -pl examples/spark-load -am package
module=examples/spark-load/target
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
# shellcheck disable=SC2046 # the JVM options are a word list on purpose
exec java $(cat "$module/classes/jvm.options") ${JAVA_OPTS:-} \
  -cp "$module/classes:$module/test-classes:$(cat "$module/classpath.txt")" \
  dev.lakebase.examples.sparkload.TestSparkLoad "$@"
