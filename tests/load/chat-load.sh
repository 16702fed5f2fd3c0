#!/usr/bin/env bash
# Load benchmark (run by hand, not in CI): CONNECTIONS SignalR connections on one node, each
# sending one message a second in 1:1 and 10-member groups; ack, delivery latency and losses.
#
#   tests/load/chat-load.sh [connections=2000] [seconds=30]
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT=5194
dotnet build tests/ChitLaq.Benchmarks -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
source tests/load/lib.sh
start_node "$PORT"
dir=$DATA_DIR
echo "node memory before: $(node_memory "$PORT")"
CHITLAQ_NODE_PID=$(node_pid "$PORT") dotnet tests/ChitLaq.Benchmarks/bin/Release/net10.0/ChitLaq.Benchmarks.dll chat "$NODE_URL" "$dir/mail" "$@" || status=$?
echo "node memory after: $(node_memory "$PORT")"
exit "${status:-0}"
