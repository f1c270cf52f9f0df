#!/usr/bin/env bash
# SSE fan-out benchmark: N students (default 1,000) hold GET /sessions/{id}/stream open on one Lectern
# node while the teacher changes something every 100 ms; reports p50/p99 from the command being
# accepted to the LAST subscriber receiving it, and the node's memory per connection (after full GC).
# Usage: bench/sse-fanout/run.sh [subscribers=1000] [actions=300]   (needs PostgreSQL on 127.0.0.1:5432)
set -euo pipefail
cd "$(dirname "$0")/../.."
SUBSCRIBERS=${1:-1000}
ACTIONS=${2:-300}
PGURL=${BENCH_PG:-postgresql://postgres@127.0.0.1:5432}
DB=lectern_bench_sse_$(date +%s)
PORT=${BENCH_PORT:-18082}

[ -f platform/target/lectern.jar ] || mvn -B -q -DskipTests package
psql "$PGURL/postgres" -qc "CREATE DATABASE $DB"
DATA=$(mktemp -d)
cleanup() {
  [ -n "${APP:-}" ] && kill "$APP" 2>/dev/null && wait "$APP" 2>/dev/null || true
  psql "$PGURL/postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" || true
  rm -rf "$DATA"
}
trap cleanup EXIT

echo "== Lectern on port $PORT (local profile, database $DB, no Redis: single node)"
DATABASE_URL="$PGURL/$DB" LECTERN_DATA_DIR="$DATA" PORT=$PORT LOG_FORMAT=ecs \
  java ${BENCH_JAVA_OPTS:--Xmx1g} -jar platform/target/lectern.jar --spring.profiles.active=local \
  --lectern.live.max-streams-per-principal=5 > "$DATA/lectern.log" 2>&1 &
APP=$!
for _ in $(seq 1 60); do curl -sf "localhost:$PORT/actuator/health" >/dev/null && break; sleep 1; done
curl -sf "localhost:$PORT/actuator/health" >/dev/null || { tail -50 "$DATA/lectern.log"; exit 1; }

echo "== $SUBSCRIBERS subscribers, $ACTIONS teacher actions (one per 100 ms)"
java -Xss512k bench/sse-fanout/SseFanout.java "http://localhost:$PORT" "$SUBSCRIBERS" "$ACTIONS" "$APP"
