#!/usr/bin/env bash
# Runs every ChitLaq test against a real, throwaway PostgreSQL and Redis that this script starts
# (installing them from the system's packages if missing) and stops again, whatever happens.
# Exits non-zero on any failure. Extra arguments go to `dotnet test` (e.g. --filter ...).
#
#   ./deploy/local/test.sh [dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/local/lib.sh

ensure_dotnet
ensure_postgres
ensure_redis
command -v chromium >/dev/null || apt_install chromium   # the web client's end-to-end tests drive it
# The multi-host tests build a small network of namespaces (tests/netns/lab.sh): ip and nftables.
command -v ip >/dev/null || apt_install iproute2
command -v nft >/dev/null || apt_install nftables
./deploy/check-config.sh

WORK=$(mktemp -d /tmp/chitlaq-test.XXXXXX)
chmod 755 "$WORK"
PG_PASSWORD=$(random_secret)
PG_PORT=""; REDIS_PORT=""; PUSH_PID=""; S3_PID=""
cleanup() {
  local status=$?
  trap "" INT TERM; trap - EXIT   # a second Ctrl-C must not cut the clean-up short
  [ -n "$PUSH_PID" ] && kill "$PUSH_PID" 2>/dev/null
  [ -n "$S3_PID" ] && kill "$S3_PID" 2>/dev/null
  [ -n "$REDIS_PORT" ] && redis_stop "$WORK/redis" "$REDIS_PORT"
  [ -n "$PG_PORT" ] && pg_stop "$WORK/postgres"
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT INT TERM

pg_init "$WORK/postgres" "$PG_PASSWORD"
PG_PORT=$(free_port 56432)
log "test PostgreSQL on 127.0.0.1:$PG_PORT"
pg_start "$WORK/postgres" "$PG_PORT"
REDIS_PORT=$(free_port 57379)
log "test Redis on 127.0.0.1:$REDIS_PORT"
redis_start "$WORK/redis" "$REDIS_PORT"

export CHITLAQ_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=$PG_PASSWORD;Maximum Pool Size=50"
export CHITLAQ_TEST_REDIS="127.0.0.1:$REDIS_PORT"

# A local Web Push service (web-push-testing: accepts aes128gcm + VAPID, decrypts, can expire subscriptions).
(cd tests/push-service && npm ci --no-audit --no-fund --loglevel=error)
PUSH_PORT=$(free_port 58090)
log "test push service on localhost:$PUSH_PORT"
node tests/push-service/node_modules/web-push-testing/src/bin/server.js "$PUSH_PORT" > "$WORK/push-service.log" 2>&1 &
PUSH_PID=$!
for _ in $(seq 1 50); do curl -fs -X POST "http://localhost:$PUSH_PORT/status" >/dev/null 2>&1 && break; sleep 0.2; done
export CHITLAQ_TEST_PUSH_SERVICE="http://localhost:$PUSH_PORT"

# A local S3-compatible object store (s3rver: real HTTP, SigV4-checked, its fixed keys S3RVER/S3RVER)
# with one bucket; the media tests each write under their own prefix.
(cd tests/s3-server && npm ci --no-audit --no-fund --loglevel=error)
S3_PORT=$(free_port 58190)
log "test S3 store on 127.0.0.1:$S3_PORT"
node tests/s3-server/node_modules/s3rver/bin/s3rver.js -d "$WORK/s3" -a 127.0.0.1 -p "$S3_PORT" --silent \
  --configure-bucket chitlaq-test > "$WORK/s3-server.log" 2>&1 &
S3_PID=$!
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$S3_PORT/" >/dev/null 2>&1 && break; sleep 0.2; done
export CHITLAQ_TEST_S3="http://127.0.0.1:$S3_PORT"

build_web_client
log "building (Release)"
dotnet build ChitLaq.sln -c Release -nologo -clp:ErrorsOnly -v quiet
log "running tests"
set +e
dotnet test ChitLaq.sln -c Release --no-build -nologo --logger "console;verbosity=normal" "$@" 2>&1 | tee "$WORK/test.log"
status=${PIPESTATUS[0]}
set -e

# CI keeps only the tail of the output, which the nodes' logs fill: repeat every failed test's name
# and error message (not its stack trace) just above the totals, so the tail says what failed.
awk '/^ *Failed [A-Za-z_][A-Za-z0-9_.]*/ { show = 1; print "FAILED:" substr($0, index($0, "Failed ") + 6); next }
     show && /^ *Stack Trace:/ { show = 0; next }
     show && /^ *(Passed|Skipped) / { show = 0; next }
     show { print "  " $0 }' "$WORK/test.log" | cut -c1-400 | head -n 60

# One plain closing line for CI with the totals of every test assembly
# (dotnet test prints "Passed: N", "Failed: N" and "Skipped: N" lines per assembly).
awk '$1 == "Passed:" { p += $2 } $1 == "Failed:" { f += $2 } $1 == "Skipped:" { s += $2 }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$WORK/test.log"
exit "$status"
