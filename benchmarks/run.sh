#!/usr/bin/env bash
# Runs the Lakebase JMH suite and renders RESULTS.md plus one chart per scenario.
#
#   benchmarks/run.sh smoke   one 1 s iteration of one scenario, what CI runs   -> results/tmp/smoke/
#   benchmarks/run.sh quick   every scenario, short runs (a few minutes)        -> results/tmp/quick/
#   benchmarks/run.sh full    every scenario as published (about 20 minutes)    -> results/
#
# Options after the mode go to every JMH run, e.g. `run.sh quick -prof gc`. ONLY="<scenario>..."
# re-runs just those scenarios of the mode and keeps the other scenarios' results, e.g. after one
# was disturbed by other work on a shared machine (machine.txt records the re-run):
#   ONLY=connection-cycle benchmarks/run.sh full
# target/benchmarks.jar is built first when it is missing or older than this module's sources
# (delete it to force a rebuild after changing another module). Exits non-zero when a benchmark
# fails or its results cannot be rendered.
set -euo pipefail

mode="${1:-quick}"
shift || true
extra_jmh_options=("$@")

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/target/benchmarks.jar"

case "$mode" in
  smoke) out="$here/results/tmp/smoke" ;;
  quick) out="$here/results/tmp/quick" ;;
  full) out="$here/results" ;;
  *)
    echo "usage: $0 [smoke|quick|full] [JMH options...]" >&2
    exit 2
    ;;
esac

build_if_needed() {
  # The jar bundles the SDK modules too: rebuild when any of their sources changed.
  if [[ -f "$jar" && -z "$(find "$here/src/main" "$here/pom.xml" "$here/../pom.xml" \
      "$here"/../lakebase-{testkit,jdbc,pool,r2dbc}/src/main "$here"/../lakebase-{testkit,jdbc,pool,r2dbc}/pom.xml \
      -newer "$jar" -print -quit)" ]]; then
    return
  fi
  echo "Building $jar"
  (cd "$here/.." && mvn -B -q -pl benchmarks -am package -DskipTests)
}

# Clears what a previous run of this mode wrote (never results/tmp/ from full, nor README files);
# with ONLY, each scenario clears its own results when it starts.
clean_output() {
  rm -f "$out"/*.png "$out/RESULTS.md"
  if [[ -z "${ONLY:-}" ]]; then
    rm -rf "$out/jmh" "$out/extras" "$out/machine.txt"
  fi
  mkdir -p "$out/jmh"
}

# scenario <name>: the following JMH runs belong to this scenario (results in jmh/<name>/, extra
# metrics in extras/<name>/). False, and nothing is cleared, when ONLY names other scenarios.
scenario() {
  if [[ -n "${ONLY:-}" && " $ONLY " != *" $1 "* ]]; then
    return 1
  fi
  current="$1"
  rm -rf "${out:?}/jmh/$current" "${out:?}/extras/$current"
  mkdir -p "$out/jmh/$current"
}

load() {
  cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime
}

describe_machine() {
  local git_rev
  git_rev="$(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  if [[ -n "$(git -C "$here/.." status --porcelain -- benchmarks/src benchmarks/pom.xml pom.xml \
      lakebase-testkit lakebase-jdbc lakebase-pool lakebase-r2dbc 2>/dev/null)" ]]; then
    git_rev="$git_rev + uncommitted changes"
  fi
  {
    echo "run:         run.sh $mode ${extra_jmh_options[*]:-}"
    echo "started:     $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "commit:      $git_rev"
    echo "cpu:         $(nproc) CPUs, $(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -1)"
    echo "memory:      $(free -h 2>/dev/null | awk '/^Mem:/ {print $2}')"
    echo "jdk:         $(java -version 2>&1 | sed -n 2p)"
    echo "os:          $(uname -sr)"
    echo "load before: $(load)   (1, 5, 15 min averages)"
  } >"$out/machine.txt"
}

describe_rerun() {
  {
    echo
    echo "re-run:      ONLY=\"$ONLY\" run.sh $mode ${extra_jmh_options[*]:-}"
    echo "started:     $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "load before: $(load)"
  } >>"$out/machine.txt"
}

# jmh <result name> <JMH arguments...>: one JMH invocation of the current scenario, writing
# jmh/<scenario>/<result name>.json.
jmh() {
  local name="$1"
  shift
  echo "== $current/$name"
  java -Dlakebase.bench.extras="$out/extras/$current" -jar "$jar" "$@" \
    -foe true -rf json -rff "$out/jmh/$current/$name.json" \
    ${extra_jmh_options[@]+"${extra_jmh_options[@]}"}
}

# interleaved <rounds> <benchmark regex> <variant>...: runs every variant once per
# round, one fork each, in reverse order every other round, so that a drift in the machine's load
# (other builds on a shared machine) hits every variant alike. A variant is a JMH parameter
# (source=sdk) or the name of a benchmark method. The renderer combines the rounds' iterations as
# JMH combines forks.
interleaved() {
  local rounds="$1" regex="$2"
  shift 2
  local variants=("$@") order=() round i variant
  for ((round = 1; round <= rounds; round++)); do
    order=()
    for ((i = 0; i < ${#variants[@]}; i++)); do
      if ((round % 2 == 1)); then
        order+=("${variants[i]}")
      else
        order+=("${variants[${#variants[@]} - 1 - i]}")
      fi
    done
    for variant in "${order[@]}"; do
      if [[ "$variant" == *=* ]]; then
        jmh "$round-${variant#*=}" "$regex" -p "$variant" -f 1
      else
        jmh "$round-$variant" "$regex$variant" -f 1
      fi
    done
  done
}

# ingest_load quick|full: scenario 9, outside JMH: IngestLoad drives the packaged ingest app (a
# child process) over HTTP and the JDBC baselines against one emulator; writes ingest/INGEST.md.
# Not part of smoke (it needs the app's jar, built here when missing or older than its sources).
ingest_load() {
  if [[ -n "${ONLY:-}" && " $ONLY " != *" ingest "* ]]; then
    return
  fi
  local app="$here/../examples/ingest-app/target/ingest-app.jar"
  if [[ ! -f "$app" || -n "$(find "$here/../examples/ingest-app/src/main" "$here/../examples/ingest-app/pom.xml" \
      -newer "$app" -print -quit)" ]]; then
    echo "Building $app"
    (cd "$here/.." && mvn -B -q -pl examples/ingest-app -am package -DskipTests)
  fi
  echo "== ingest ($1)"
  rm -rf "${out:?}/ingest"
  java -cp "$jar" dev.lakebase.benchmarks.ingest.IngestLoad "$1" "$app" "$out/ingest"
}

build_if_needed
clean_output
if [[ -n "${ONLY:-}" && -f "$out/machine.txt" ]]; then
  describe_rerun
else
  describe_machine
fi
started=$SECONDS

case "$mode" in
  smoke)
    scenario connection-cycle
    jmh hikari '\.ConnectionCycleBenchmark\.cycle$' -p pool=hikari -p source=bare,sdk \
      -f 1 -wi 0 -i 1 -r 1s
    results=$(grep -c '"primaryMetric"' "$out/jmh/connection-cycle/hikari.json" || true)
    if [[ "$results" != 2 ]]; then
      echo "smoke: expected 2 results (HikariCP bare and SDK), got $results" >&2
      exit 1
    fi
    ;;
  quick)
    if scenario connection-cycle; then
      jmh all '\.ConnectionCycleBenchmark\.' -f 1 -wi 2 -w 1s -i 3 -r 1s
    fi
    if scenario statement-cycle; then
      jmh all '\.StatementCycleBenchmark\.' -f 1 -wi 2 -w 1s -i 3 -r 1s
    fi
    if scenario physical-connect; then
      jmh all '\.PhysicalConnectBenchmark\.' -f 1 -wi 3 -w 2s -i 3 -r 2s
    fi
    if scenario credential-contention; then
      jmh all '\.CredentialContentionBenchmark\.' -f 1 -wi 1 -w 1s -i 3 -r 1s
    fi
    if scenario cold-start; then
      jmh all '\.ColdStartBenchmark\.' -wi 1 -i 4
    fi
    if scenario spike-demand; then
      jmh all '\.SpikeDemandBenchmark\.' -wi 1 -i 5
    fi
    if scenario r2dbc-connect; then
      jmh all '\.R2dbcConnectBenchmark\.' -f 1 -wi 3 -w 2s -i 3 -r 2s
    fi
    if scenario r2dbc-pool; then
      jmh all '\.R2dbcPoolQueryBenchmark\.' -f 1 -wi 2 -w 2s -i 3 -r 2s
    fi
    ingest_load quick
    ;;
  full)
    # Warm-up and iterations are the benchmarks' own annotations; the forks of the ratio-sensitive
    # scenarios become interleaved rounds.
    if scenario connection-cycle; then
      interleaved 4 '\.ConnectionCycleBenchmark\.' source=bare source=sdk source=lakebase-pool
    fi
    if scenario statement-cycle; then
      interleaved 3 '\.StatementCycleBenchmark\.' source=bare source=sdk source=lakebase-pool
    fi
    if scenario physical-connect; then
      interleaved 3 '\.PhysicalConnectBenchmark\.' \
        pgjdbcStaticPassword lakebaseCachedCredential mintPerConnect
    fi
    if scenario credential-contention; then
      jmh all '\.CredentialContentionBenchmark\.'
    fi
    if scenario cold-start; then
      jmh all '\.ColdStartBenchmark\.'
    fi
    if scenario spike-demand; then
      jmh all '\.SpikeDemandBenchmark\.'
    fi
    if scenario r2dbc-connect; then
      interleaved 3 '\.R2dbcConnectBenchmark\.' r2dbcStaticPassword lakebaseCachedCredential \
        alternatingPair
    fi
    if scenario r2dbc-pool; then
      interleaved 3 '\.R2dbcPoolQueryBenchmark\.' source=bare source=sdk source=pair
    fi
    ingest_load full
    ;;
esac

{
  echo "load after:  $(load)"
  echo "duration:    $((SECONDS - started)) s of benchmarks"
} >>"$out/machine.txt"

java -cp "$jar" dev.lakebase.benchmarks.report.RenderResults "$out"
echo "Results: $out/RESULTS.md ($((SECONDS - started)) s)"
