#!/usr/bin/env bash
# Load benchmark (run by hand, not in CI): sign-in throughput and latency with the password-hash
# cap, USERS accounts signing in over CONNECTIONS concurrent clients for DURATION seconds (wrk).
#
#   tests/load/login-load.sh [connections=50] [duration=30] [users=200]
set -euo pipefail
cd "$(dirname "$0")/../.."
CONNECTIONS=${1:-50}; DURATION=${2:-30}; USERS=${3:-200}
PORT=5191
command -v wrk >/dev/null || { source deploy/local/lib.sh; apt_install wrk; }

dir=$(mktemp -d /tmp/chitlaq-login.XXXXXX); chmod 755 "$dir"
RateLimits__Auth__PermitLimit=100000000 CHITLAQ_DATA=$dir \
  ./deploy/local/run.sh --http-port "$PORT" --environment Production >"$dir.log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$dir" "$dir.log"' EXIT
until curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1; do
  kill -0 "$pid" 2>/dev/null || { tail -20 "$dir.log"; exit 1; }
  sleep 0.2
done

echo "registering $USERS accounts"
for i in $(seq 1 "$USERS"); do
  curl -fs -o /dev/null -X POST "http://127.0.0.1:$PORT/api/v1/auth/register" -H 'content-type: application/json' \
    -d "{\"email\":\"load$i@campus.edu\",\"password\":\"Load-Test-Password-1\",\"handle\":\"load_$i\",\"displayName\":\"Load $i\"}"
done

cat > "$dir/login.lua" <<LUA
counter = 0
request = function()
  counter = counter + 1
  local body = '{"email":"load' .. ((counter % $USERS) + 1) .. '@campus.edu","password":"Load-Test-Password-1"}'
  return wrk.format("POST", "/api/v1/auth/login", { ["Content-Type"] = "application/json" }, body)
end
LUA
echo "measured run: $CONNECTIONS connections, $DURATION s"
wrk -t 2 -c "$CONNECTIONS" -d "${DURATION}s" --timeout 30s --latency -s "$dir/login.lua" "http://127.0.0.1:$PORT"
