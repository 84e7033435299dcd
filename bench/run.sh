#!/usr/bin/env bash
# The gateway's benchmark: one command, everything on 127.0.0.1, bounded loads.
# Starts a real PostgreSQL 17 and Redis (embedded from Maven), a TCP proxy adding 30 ms round-trip
# latency, and the packaged gateway in each setting; measures the seed plan's four save/load cases,
# throughput and fixed-rate latency next to the floors (redis-benchmark, pgbench, the gateway's own
# HTTP floor), database round trips per save and resident memory; prints a table and writes
# bench/results/latest.json. Takes about 15 minutes on 2 cores (7 without the security section).
# Usage: bench/run.sh            (BENCH_ROUNDS=50 BENCH_SECONDS=10 by default; BENCH_GATEWAY_OPTS="-Dkey=value ..."
#                                 adds settings to every gateway the run starts; BENCH_CASE=flood runs only the
#                                 liveness under a flood of maximum-size bodies, next to liveness idle;
#                                 BENCH_ONLY=security runs only the cost of authentication and row-level security,
#                                 BENCH_REPS=3 interleaved repetitions (about 8 minutes with 2), into bench/results/security.json)
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
for tool in wrk redis-benchmark pgbench; do
  command -v "$tool" > /dev/null || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]} (Debian packages wrk, redis-tools, postgresql-client)"
  apt-get install -y wrk redis-tools postgresql-client > /dev/null
fi

out=bench/results/latest.json
if [ "${BENCH_ONLY:-}" = security ]; then
  out=bench/results/security.json
fi

./mvnw -B -q package -DskipTests
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
     dev.aicon.gateway.bench.BenchMain "$out"
