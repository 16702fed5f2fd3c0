#!/usr/bin/env bash
# Capacity per node (run by hand as root, not in CI): the chat benchmark (chat-load.sh's client)
# against NODES nodes behind nginx, every part on a "host" of its own on this machine — PostgreSQL,
# Redis, nginx, each node and the load client in their own network namespaces (tests/netns/lab.sh),
# so silo-to-silo, node-to-database and client traffic cross real (virtual) links.
# Prints the client's figures (acks, delivery, losses) and, per node, CPU, memory, users online and
# PostgreSQL connections, and the same for PostgreSQL itself.
#
#   tests/load/cluster-load.sh [nodes=3] [connections=2000] [seconds=40]
#
# POOL=N sets each node's Maximum Pool Size (default 50).
set -euo pipefail
cd "$(dirname "$0")/../.."
NODES=${1:-3}; CONNECTIONS=${2:-2000}; SECONDS_=${3:-40}; POOL=${POOL:-50}
[ "$(id -u)" = 0 ] || { echo "needs root (network namespaces)"; exit 1; }
source deploy/local/lib.sh
source tests/load/lib.sh

dotnet build silo/ChitLaq.Silo.csproj -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
dotnet build tests/ChitLaq.Benchmarks -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
SILO_DLL="$PWD/silo/bin/Release/net10.0/ChitLaq.Silo.dll"

LAB="cl$(head -c2 /dev/urandom | od -An -tx1 | tr -d ' \n')"
DIR=$(mktemp -d /tmp/chitlaq-cluster-load.XXXXXX); chmod 755 "$DIR"
hosts=(pg redis lb load); for i in $(seq 1 "$NODES"); do hosts+=("n$i"); done
cleanup() {
  [ -n "${NGINX_PID:-}" ] && kill "$NGINX_PID" 2>/dev/null
  for pid in "${NODE_PIDS[@]:-}"; do [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null; done
  sleep 3
  bash tests/netns/lab.sh down "$LAB" || true
  rm -rf "$DIR"
}
trap cleanup EXIT
bash tests/netns/lab.sh up "$LAB" "${hosts[@]}" > "$DIR/hosts"
address() { grep "^$1 " "$DIR/hosts" | cut -d' ' -f2; }
SUBNET="$(address gateway | cut -d. -f1-3).0/24"

PASSWORD=$(random_secret)
bash tests/netns/services.sh postgres "$LAB" pg "$DIR/postgres" "$PASSWORD"
bash tests/netns/services.sh redis "$LAB" redis "$DIR/redis"
PGADMIN="Host=$(address pg);Port=5432;Username=postgres;Password=$PASSWORD"
PGPASSWORD=$PASSWORD psql -h "$(address pg)" -U postgres -d postgres -qAt -c "CREATE DATABASE chitlaq" >/dev/null

# Push needs a VAPID key pair in Production (as run.sh makes one).
b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
openssl ecparam -name prime256v1 -genkey -noout -out "$DIR/vapid.pem" 2>/dev/null
VAPID_PRIVATE=$(openssl ec -in "$DIR/vapid.pem" -outform DER 2>/dev/null | tail -c +8 | head -c 32 | b64url)
VAPID_PUBLIC=$(openssl ec -in "$DIR/vapid.pem" -pubout -outform DER 2>/dev/null | tail -c 65 | b64url)

NODE_PIDS=()
for i in $(seq 1 "$NODES"); do
  a=$(address "n$i")
  env ASPNETCORE_ENVIRONMENT=Production \
    ConnectionStrings__Postgres="$PGADMIN;Database=chitlaq;Maximum Pool Size=$POOL" \
    ConnectionStrings__Redis="$(address redis):6379" \
    Orleans__ClusterId="$LAB" Orleans__ServiceId="$LAB" Orleans__Endpoints__AdvertisedIPAddress="$a" \
    Auth__SigningKey="$(echo "$LAB-signing-key-for-this-benchmark-only-0123456789")" \
    Push__VapidPublicKey="$VAPID_PUBLIC" Push__VapidPrivateKey="$VAPID_PRIVATE" Push__VapidSubject=mailto:load@chitlaq.invalid \
    Email__PickupDirectory="$DIR/mail" Email__PublicBaseUrl="https://$(address lb)" \
    Media__Path="$DIR/media" Accounts__ExportPath="$DIR/exports" Search__IndexPath="$DIR/search/n$i" \
    ForwardedHeaders__KnownNetworks__0="$SUBNET" Logging__LogLevel__Default=Warning \
    RateLimits__Registration__PermitLimit=100000000 RateLimits__EmailTokens__PermitLimit=100000000 \
    RateLimits__SignInFailures__PermitLimit=100000000 RateLimits__Anonymous__PermitLimit=100000000 RateLimits__User__PermitLimit=100000000 \
    ip netns exec "$LAB-n$i" dotnet "$SILO_DLL" --urls "http://$a:8080" > "$DIR/n$i.log" 2>&1 &
  NODE_PIDS+=("$!")
  until curl -fs "http://$a:8080/health/ready" >/dev/null 2>&1; do
    kill -0 "${NODE_PIDS[-1]}" 2>/dev/null || { tail -20 "$DIR/n$i.log"; exit 1; }
    sleep 0.5
  done
  echo "node n$i ready on $a"
done

upstreams=(); for i in $(seq 1 "$NODES"); do upstreams+=("$(address "n$i"):8080"); done
LISTEN_ADDRESS=$(address lb) bash deploy/nginx/render-local.sh "$DIR/nginx" 80 443 "${upstreams[@]}"
ip netns exec "$LAB-lb" nginx -c "$DIR/nginx/nginx.conf" -p "$DIR/nginx" -g 'daemon off;' > "$DIR/nginx.log" 2>&1 &
NGINX_PID=$!
sleep 1

# Samples each node's PostgreSQL connections every 2 s while the load runs.
( while sleep 2; do
    PGPASSWORD=$PASSWORD psql -h "$(address pg)" -U postgres -d postgres -qAt -F' ' \
      -c "SELECT client_addr, count(*) FROM pg_stat_activity WHERE datname = 'chitlaq' GROUP BY 1" 2>/dev/null >> "$DIR/pg-connections"
  done ) &
SAMPLER=$!

pg_cpu() { cpu_seconds $(pgrep -x postgres); }
before_nodes=(); for pid in "${NODE_PIDS[@]}"; do before_nodes+=("$(cpu_seconds "$pid")"); done
before_pg=$(pg_cpu); before_nginx=$(cpu_seconds $(pgrep -x nginx)); started=$(date +%s.%N)
node_pids=$(for pid in "${NODE_PIDS[@]}"; do echo "$pid"; done | paste -sd,)

ip netns exec "$LAB-load" env SSL_CERT_FILE="$DIR/nginx/certs/fullchain.pem" CHITLAQ_NODE_PID="$node_pids" \
  CHITLAQ_LOAD_SETUP_URL="http://$(address n1):8080" \
  dotnet tests/ChitLaq.Benchmarks/bin/Release/net10.0/ChitLaq.Benchmarks.dll chat "https://$(address lb)" "$DIR/mail" "$CONNECTIONS" "$SECONDS_" || status=$?

elapsed=$(echo "$(date +%s.%N) - $started" | bc)
kill "$SAMPLER" 2>/dev/null || true
echo
echo "=== $NODES node(s), $CONNECTIONS connections, pool $POOL; whole run incl. set-up ${elapsed%.*} s ==="
for i in $(seq 1 "$NODES"); do
  pid=${NODE_PIDS[$((i - 1))]}; a=$(address "n$i")
  cpu=$(echo "($(cpu_seconds "$pid") - ${before_nodes[$((i - 1))]}) / $elapsed" | bc -l)
  peak=$(awk -v a="$a" '$1 == a && $2 > m {m = $2} END {print m + 0}' "$DIR/pg-connections" 2>/dev/null || echo 0)
  printf 'n%s: CPU %.2f cores (whole run), resident %s, PostgreSQL connections peak %s\n' \
    "$i" "$cpu" "$(ps -o rss= -p "$pid" | awk '{printf "%.0f MiB", $1/1024}')" "$peak"
done
printf 'postgres: CPU %.2f cores; nginx: CPU %.2f cores\n' \
  "$(echo "($(pg_cpu) - $before_pg) / $elapsed" | bc -l)" "$(echo "($(cpu_seconds $(pgrep -x nginx)) - $before_nginx) / $elapsed" | bc -l)"
exit "${status:-0}"
