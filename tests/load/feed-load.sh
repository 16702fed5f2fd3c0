#!/usr/bin/env bash
# Load benchmark (run by hand, not in CI): home-feed reads (20 items) under concurrent readers
# while posts are written at a steady rate, on one node. Bounded in time.
#
#   tests/load/feed-load.sh [users=200] [readers=32] [seconds=30] [postsPerSecond=100]
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT=5192
dotnet build tests/ChitLaq.Benchmarks -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
source tests/load/lib.sh
start_node "$PORT"
dir=$DATA_DIR
dotnet tests/ChitLaq.Benchmarks/bin/Release/net10.0/ChitLaq.Benchmarks.dll feed "$NODE_URL" "$dir/mail" "$@"
echo "resident memory of the node: $(node_memory "$PORT")"
curl -fs "http://127.0.0.1:$PORT/metrics" | grep -E '^chitlaq_fanout_duration_seconds_(sum|count)' || true
