#!/usr/bin/env bash
# Load benchmark (run by hand, not in CI): the same grain-backed GET as http-load.sh, once
# straight to the node and once through the shipped nginx config (TLS 1.3, keep-alive to the
# node), to show what the edge costs. Bounded: DURATION seconds per run; stops what it started.
#
#   tests/load/edge-load.sh [connections=64] [duration=20] [threads=2]
set -euo pipefail
cd "$(dirname "$0")/../.."
CONNECTIONS=${1:-64}; DURATION=${2:-20}; THREADS=${3:-2}
PORT=5191; HTTPS_PORT=18443; HTTP_PORT=18080
source deploy/local/lib.sh
command -v wrk >/dev/null || apt_install wrk
ensure_ops_tools

source tests/load/lib.sh
start_node "$PORT"
dir=$DATA_DIR
deploy/nginx/render-local.sh "$dir/nginx" "$HTTP_PORT" "$HTTPS_PORT" "127.0.0.1:$PORT"
# The load comes from one address: lift nginx's per-address limits for this run only.
sed -i -e 's/limit_req zone=[a-z_]* burst=[0-9]* nodelay;//' -e 's/limit_conn conn_ip [0-9]*;//' "$dir/nginx/chitlaq.conf"
sed -i -e 's#access_log /dev/stdout chitlaq_json;#access_log off;#' "$dir/nginx/nginx.conf"
nginx -c "$dir/nginx/nginx.conf" -p "$dir/nginx"
trap 'nginx -c "$dir/nginx/nginx.conf" -p "$dir/nginx" -s stop 2>/dev/null; kill -TERM $NODE_RUNNER 2>/dev/null; wait $NODE_RUNNER 2>/dev/null; rm -rf "$DATA_DIR" "$DATA_DIR.log"' EXIT

write_handles_script "$dir/handles.lua"
for url in "$NODE_URL" "https://127.0.0.1:$HTTPS_PORT"; do
  wrk -t "$THREADS" -c "$CONNECTIONS" -d 5s -s "$dir/handles.lua" "$url" >/dev/null
  echo "== $url: $CONNECTIONS connections, $DURATION s"
  wrk -t "$THREADS" -c "$CONNECTIONS" -d "${DURATION}s" --latency -s "$dir/handles.lua" "$url" | grep -E "Requests/sec|50%|99%"
done
