# Shared by the load scripts: start one throwaway node (its own data folder, Production settings,
# request rate limits lifted so set-up can register many users) and stop it on exit. Sourced.

# start_node PORT [VAR=value ...] — sets DATA_DIR and NODE_URL; the node stops when the script exits.
start_node() {
  local port=$1; shift
  DATA_DIR=$(mktemp -d /tmp/chitlaq-load.XXXXXX); chmod 755 "$DATA_DIR"
  env RateLimits__Registration__PermitLimit=100000000 RateLimits__EmailTokens__PermitLimit=100000000 RateLimits__SignInFailures__PermitLimit=100000000 RateLimits__Anonymous__PermitLimit=100000000 RateLimits__User__PermitLimit=100000000 CHITLAQ_DATA="$DATA_DIR" "$@" \
    ./deploy/local/run.sh --http-port "$port" --environment Production >"$DATA_DIR.log" 2>&1 &
  NODE_RUNNER=$!
  trap 'kill -TERM $NODE_RUNNER 2>/dev/null; wait $NODE_RUNNER 2>/dev/null; rm -rf "$DATA_DIR" "$DATA_DIR.log"' EXIT
  NODE_URL="http://127.0.0.1:$port"
  until curl -fs "$NODE_URL/health/ready" >/dev/null 2>&1; do
    kill -0 "$NODE_RUNNER" 2>/dev/null || { tail -20 "$DATA_DIR.log"; exit 1; }
    sleep 0.2
  done
}

# node_memory PORT — resident memory of the node process serving PORT.
node_memory() {
  ps -o rss= -p "$(node_pid "$1")" | awk '{printf "%.0f MiB", $1/1024}'
}

# node_pid PORT — the node process serving PORT.
node_pid() { pgrep -f "ChitLaq.Silo.dll --urls http://127.0.0.1:$1" | head -1; }

# cpu_seconds PID... — CPU time (user + system) the processes have used so far, in seconds.
cpu_seconds() {
  local hz; hz=$(getconf CLK_TCK)
  for pid in "$@"; do awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0; done | awk -v hz="$hz" '{s += $1} END {printf "%.1f", s / hz}'
}

# postgres_pids — every PostgreSQL process on the machine (the node's server is the only one under load).
postgres_pids() { pgrep -x postgres || true; }

# write_handles_script FILE — a wrk script that GETs the availability of 1,000 different handles
# in turn, so a run exercises many grain activations rather than one hot grain.
write_handles_script() {
  cat >"$1" <<'LUA'
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", "/api/v1/handles/load_user_" .. (counter % 1000) .. "/availability")
end
LUA
}
