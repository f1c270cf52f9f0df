#!/usr/bin/env bash
# Poll storm benchmark: 1,000 students vote on one open poll over HTTP against one Lectern node (plus 100 duplicate
# attempts with new Idempotency-Keys, which must all be refused), and the raw PostgreSQL single-row commit rate measured
# on the same database in the same run.
# Usage: bench/poll-storm/run.sh [students=1000] [concurrency=64]   (needs PostgreSQL on 127.0.0.1:5432, pgbench)
# WARMUP_ROUNDS (default 25): full vote storms on other polls first, so that the JIT has compiled the vote path as on
# a node that has been running for a while.
set -euo pipefail
cd "$(dirname "$0")/../.."
STUDENTS=${1:-1000}
CONCURRENCY=${2:-64}
PGURL=${BENCH_PG:-postgresql://postgres@127.0.0.1:5432}
DB=lectern_bench_$(date +%s)
PORT=${BENCH_PORT:-18081}

[ -f platform/target/lectern.jar ] || mvn -B -q -DskipTests package
psql "$PGURL/postgres" -qc "CREATE DATABASE $DB"
DATA=$(mktemp -d)
cleanup() {
  [ -n "${APP:-}" ] && kill "$APP" 2>/dev/null && wait "$APP" 2>/dev/null || true
  psql "$PGURL/postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" || true
  rm -rf "$DATA"
}
trap cleanup EXIT

echo "== raw PostgreSQL: one event-like row per transaction, $CONCURRENCY clients, 10 s"
psql "$PGURL/$DB" -qc "CREATE TABLE bench_rows (id BIGSERIAL PRIMARY KEY, session_id UUID, payload BYTEA)"
echo "INSERT INTO bench_rows (session_id, payload) VALUES (gen_random_uuid(), '\\x7b7d');" > "$DATA/insert.sql"
pgbench -n -f "$DATA/insert.sql" -c "$CONCURRENCY" -j 2 -T 10 "$PGURL/$DB" 2>/dev/null | grep -E '^(tps|latency average)'
psql "$PGURL/$DB" -qc "DROP TABLE bench_rows"

echo "== Lectern on port $PORT (local profile, database $DB)"
DATABASE_URL="$PGURL/$DB" LECTERN_DATA_DIR="$DATA" PORT=$PORT LOG_FORMAT=ecs \
  java ${BENCH_JAVA_OPTS:--Xmx1g} -jar platform/target/lectern.jar --spring.profiles.active=local > "$DATA/lectern.log" 2>&1 &
APP=$!
for _ in $(seq 1 60); do curl -sf "localhost:$PORT/actuator/health" >/dev/null && break; sleep 1; done
curl -sf "localhost:$PORT/actuator/health" >/dev/null || { tail -50 "$DATA/lectern.log"; exit 1; }

echo "== poll storm: $STUDENTS students + ${DUPLICATES:-100} duplicate attempts, $CONCURRENCY in flight"
java bench/poll-storm/PollStorm.java "http://localhost:$PORT" "$STUDENTS" "$CONCURRENCY" "${WARMUP_ROUNDS:-25}" "${DUPLICATES:-100}" "$APP"
