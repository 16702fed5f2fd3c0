#!/usr/bin/env bash
# Load benchmark (run by hand, not in CI): CONNECTIONS SignalR connections on one node, each
# sending one message a second in 1:1 and 10-member groups; ack, delivery latency and losses.
#
#   tests/load/chat-load.sh [connections=2000] [seconds=30]
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT=5194
dir=$(mktemp -d /tmp/chitlaq-chat.XXXXXX); chmod 755 "$dir"
dotnet build tests/ChitLaq.Benchmarks -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
RateLimits__Auth__PermitLimit=100000000 CHITLAQ_DATA=$dir \
  ./deploy/local/run.sh --http-port "$PORT" --environment Production >"$dir.log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$dir" "$dir.log"' EXIT
until curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1; do
  kill -0 "$pid" 2>/dev/null || { tail -20 "$dir.log"; exit 1; }
  sleep 0.2
done
node_pid=$(pgrep -f "ChitLaq.Silo.dll --urls http://127.0.0.1:$PORT" | head -1)
echo "node memory before: $(ps -o rss= -p "$node_pid" | awk '{printf "%.0f MiB", $1/1024}')"
dotnet tests/ChitLaq.Benchmarks/bin/Release/net10.0/ChitLaq.Benchmarks.dll chat "http://127.0.0.1:$PORT" "$dir/mail" "$@" || status=$?
echo "node memory after: $(ps -o rss= -p "$node_pid" | awk '{printf "%.0f MiB", $1/1024}')"
exit "${status:-0}"
