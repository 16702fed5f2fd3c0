#!/usr/bin/env bash
# Load benchmark (run by hand, not in CI): Web Push from one node to a local push service
# (web-push-testing, which checks VAPID and decrypts every push). Reports the time from one
# message in a 50-member group (49 offline) to the last push accepted, and pushes per second
# for PAIRS offline students getting MESSAGES direct messages each.
#
#   tests/load/push-load.sh [pairs=200] [messages=5]
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT=5197; PUSH_PORT=58190
dotnet build tests/ChitLaq.Benchmarks -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
(cd tests/push-service && npm ci --no-audit --no-fund --loglevel=error)
node tests/push-service/node_modules/web-push-testing/src/bin/server.js "$PUSH_PORT" >/dev/null 2>&1 &
PUSH_PID=$!
source tests/load/lib.sh
# Senders write as fast as the benchmark drives them; the local push service is http on loopback.
start_node "$PORT" Push__AllowInsecureEndpoints=true RateLimits__Messages__PerSecond=100000 RateLimits__Messages__Burst=100000
trap 'kill $PUSH_PID 2>/dev/null; kill -TERM $NODE_RUNNER 2>/dev/null; wait $NODE_RUNNER 2>/dev/null; rm -rf "$DATA_DIR" "$DATA_DIR.log"' EXIT
until curl -fs -X POST "http://localhost:$PUSH_PORT/status" >/dev/null 2>&1; do sleep 0.2; done
CHITLAQ_NODE_PID=$(node_pid "$PORT") dotnet tests/ChitLaq.Benchmarks/bin/Release/net10.0/ChitLaq.Benchmarks.dll push "$NODE_URL" "$DATA_DIR/mail" "http://localhost:$PUSH_PORT" "$@"
echo "node memory after: $(node_memory "$PORT")"
