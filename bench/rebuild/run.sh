#!/usr/bin/env bash
# Replay-rebuild benchmark: puts SESSIONS x 100 class events (default 2,000 x 100 = 200,000) into a fresh
# database's session_state_events, then runs the documented rebuild command
#   java -jar lectern.jar --lectern.rebuild=live-state,sessions
# which resets each read model, replays the whole log into it, and prints events/s.
# Usage: bench/rebuild/run.sh [sessions=2000]   (needs PostgreSQL on 127.0.0.1:5432)
set -euo pipefail
cd "$(dirname "$0")/../.."
SESSIONS=${1:-2000}
PGURL=${BENCH_PG:-postgresql://postgres@127.0.0.1:5432}
DB=lectern_bench_rebuild_$(date +%s)
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
run_lectern() {
  DATABASE_URL="$PGURL/$DB" LECTERN_DATA_DIR="$DATA" PORT=$PORT LOG_FORMAT=ecs \
    exec java ${BENCH_JAVA_OPTS:--Xmx1g} -jar platform/target/lectern.jar --spring.profiles.active=local "$@"
}

echo "== schema: start Lectern once (Flyway), then stop it"
run_lectern > "$DATA/first.log" 2>&1 &
APP=$!
for _ in $(seq 1 60); do curl -sf "localhost:$PORT/actuator/health" >/dev/null && break; sleep 1; done
kill "$APP"; wait "$APP" 2>/dev/null || true; APP=

echo "== seed: $SESSIONS classes x 100 events"
start=$(date +%s.%N)
psql "$PGURL/$DB" -q -v sessions="$SESSIONS" -v per=100 -f bench/rebuild/seed.sql
psql "$PGURL/$DB" -qAtc "SELECT 'events in the log: ' || count(*) FROM session_state_events"
echo "   seeded in $(echo "$(date +%s.%N) - $start" | bc) s"

echo "== rebuild (the documented command)"
(run_lectern --lectern.rebuild=live-state,sessions) > "$DATA/rebuild.log" 2>&1 || { tail -40 "$DATA/rebuild.log"; exit 1; }
grep -E '^rebuild ' "$DATA/rebuild.log"
psql "$PGURL/$DB" -qAtc "SELECT 'live_state rows: ' || count(*) || ', sessions rows: ' || (SELECT count(*) FROM sessions) FROM live_state"
