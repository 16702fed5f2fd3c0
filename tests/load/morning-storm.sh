#!/usr/bin/env bash
# Load benchmark (run by hand, not in CI): 9 a.m. on campus. REGISTERED students with a
# heavy-tailed follow graph, ONLINE of them connecting to one node within CONNECT_SECONDS, then
# chatting. Reports `online` event delivery, presence grain activations, PostgreSQL transactions
# per student coming online, node CPU and memory.
#
#   tests/load/morning-storm.sh [registered=20000] [online=2000] [connectSeconds=60] [chatSeconds=30] [follows=150]
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT=5196
dotnet build tests/ChitLaq.Benchmarks -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
source tests/load/lib.sh
start_node "$PORT"
echo "node memory before: $(node_memory "$PORT")"
CHITLAQ_NODE_PID=$(node_pid "$PORT") dotnet tests/ChitLaq.Benchmarks/bin/Release/net10.0/ChitLaq.Benchmarks.dll storm "$NODE_URL" "$DATA_DIR" "$@" || status=$?
echo "node memory after: $(node_memory "$PORT")"
exit "${status:-0}"
