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

source tests/load/lib.sh
start_node "$PORT"
dir=$DATA_DIR

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
wrk -t 2 -c "$CONNECTIONS" -d "${DURATION}s" --timeout 30s --latency -s "$dir/login.lua" "$NODE_URL"
