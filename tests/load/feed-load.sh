#!/usr/bin/env bash
# Load benchmark (run by hand, not in CI): home-feed reads (20 items) under concurrent readers
# while posts are written at a steady rate, on one node. Bounded in time.
#
#   tests/load/feed-load.sh [users=200] [readers=32] [seconds=30] [postsPerSecond=100]
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT=5192
dir=$(mktemp -d /tmp/chitlaq-feed.XXXXXX); chmod 755 "$dir"
dotnet build tests/ChitLaq.Benchmarks -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
RateLimits__Auth__PermitLimit=100000000 CHITLAQ_DATA=$dir \
  ./deploy/local/run.sh --http-port "$PORT" --environment Production >"$dir.log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$dir" "$dir.log"' EXIT
until curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1; do
  kill -0 "$pid" 2>/dev/null || { tail -20 "$dir.log"; exit 1; }
  sleep 0.2
done
dotnet tests/ChitLaq.Benchmarks/bin/Release/net10.0/ChitLaq.Benchmarks.dll feed "http://127.0.0.1:$PORT" "$dir/mail" "$@"
node_pid=$(pgrep -f "ChitLaq.Silo.dll --urls http://127.0.0.1:$PORT" | head -1)
echo "resident memory of the node: $(ps -o rss= -p "$node_pid" | awk '{printf "%.0f MiB", $1/1024}')"
curl -fs "http://127.0.0.1:$PORT/metrics" | grep -E '^chitlaq_fanout_duration_seconds_(sum|count)' || true
