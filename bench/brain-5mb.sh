#!/usr/bin/env bash
# Measures save (PUT) and load (GET) of a 5 MB brain through the gateway's HTTP API, on loopback.
# Starts the packaged gateway on a temporary file store (brains over 1 MiB go to the local blob
# directory), runs ROUNDS timed round trips with curl, prints median and p99, and stops the gateway.
# Usage: bench/brain-5mb.sh [ROUNDS]   (default 50; builds target/quarkus-app if it is missing)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-50}
port=${BENCH_PORT:-18089}
work=$(mktemp -d)
trap 'kill "$gateway" 2>/dev/null || true; wait "$gateway" 2>/dev/null || true; rm -rf "$work"' EXIT

[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
java -Dquarkus.profile=dev -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" \
     -Daicon.store.file.dir="$work/data" -jar target/quarkus-app/quarkus-run.jar > "$work/gateway.log" 2>&1 &
gateway=$!
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$port/q/health/ready" > /dev/null && break
  sleep 0.2
done

base="http://127.0.0.1:$port/v1/aicons/bench-brain"
curl -sf -X PUT "$base" -H 'Content-Type: application/json' \
     -d '{"name":"Bench","aicon_type":"bench","state_factors":{}}' > /dev/null
head -c 5000000 /dev/urandom > "$work/brain.bin"

for _ in $(seq 1 5); do   # warm-up
  curl -sf -X PUT "$base/brain" -H 'Content-Type: application/octet-stream' --data-binary @"$work/brain.bin" > /dev/null
  curl -sf "$base/brain" -o /dev/null
done
for _ in $(seq 1 "$rounds"); do
  curl -sf -o /dev/null -w '%{time_total}\n' -X PUT "$base/brain" \
       -H 'Content-Type: application/octet-stream' --data-binary @"$work/brain.bin" >> "$work/save"
  curl -sf -o "$work/back.bin" -w '%{time_total}\n' "$base/brain" >> "$work/load"
done
cmp -s "$work/brain.bin" "$work/back.bin" || { echo "the brain did not come back byte for byte" >&2; exit 1; }

stats() {  # median and p99 in ms of the seconds in $1
  sort -n "$1" | awk '{ v[NR] = $1 * 1000 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    p = v[int(NR * 0.99 + 0.999)]; printf "median %.1f ms, p99 %.1f ms", m, p }'
}
echo "5 MB brain, $rounds rounds, file store + local blob directory, loopback, $(nproc) cores"
echo "save: $(stats "$work/save")"
echo "load: $(stats "$work/load")"
