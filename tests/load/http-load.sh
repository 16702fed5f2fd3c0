#!/usr/bin/env bash
# Load benchmark (run by hand, not in CI): requests/s and latency percentiles of a trivial
# grain-backed GET (/api/v1/handles/{handle}/availability) on one node, measured with wrk on
# loopback. Bounded: DURATION seconds per run, then everything it started is stopped.
#
#   tests/load/http-load.sh [connections=64] [duration=30] [threads=2]
#   SIGNED_IN=1 tests/load/http-load.sh …   the same GET as a signed-in user (bearer token), so every
#                                           request also draws from the user's request budget
set -euo pipefail
cd "$(dirname "$0")/../.."
CONNECTIONS=${1:-64}; DURATION=${2:-30}; THREADS=${3:-2}
PORT=5190
command -v wrk >/dev/null || { source deploy/local/lib.sh; apt_install wrk; }

source tests/load/lib.sh
start_node "$PORT"
dir=$DATA_DIR

# A spread of 1,000 handles so the run exercises many grain activations, not one hot grain.
write_handles_script "$dir/handles.lua"
URL="$NODE_URL"
auth=()
if [ "${SIGNED_IN:-0}" = 1 ]; then
  handle="load_$(date +%s%N | tail -c 9)"
  token=$(curl -fs -H 'Content-Type: application/json' "$URL/api/v1/auth/register" \
    -d "{\"email\":\"$handle@campus.edu\",\"password\":\"Load-test-password-1\",\"handle\":\"$handle\",\"displayName\":\"Load\"}" \
    | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')
  [ -n "$token" ] || { echo "could not register the load user"; exit 1; }
  auth=(-H "Authorization: Bearer $token")
  echo "signed in as $handle: every request draws from that user's request budget"
fi
echo "warm-up (5 s)"; wrk -t "$THREADS" -c "$CONNECTIONS" -d 5s "${auth[@]}" -s "$dir/handles.lua" "$URL" >/dev/null
echo "measured run: $CONNECTIONS connections, $DURATION s, $THREADS wrk threads"
wrk -t "$THREADS" -c "$CONNECTIONS" -d "${DURATION}s" --latency "${auth[@]}" -s "$dir/handles.lua" "$URL"
echo "resident memory of the node: $(ps -o rss= -p "$(pgrep -f "ChitLaq.Silo.dll --urls http://127.0.0.1:$PORT" | head -1)" | awk '{printf "%.0f MiB", $1/1024}')"
