#!/usr/bin/env bash
# Runs ChitLaq on this machine: a project-local PostgreSQL under .data/postgres (installed from
# the system's packages if missing), and one ChitLaq node — or N nodes clustered through a local
# Redis with --nodes N. Ctrl-C stops the nodes and everything this script started.
#
#   ./deploy/local/run.sh [--nodes N] [--http-port 5080] [--environment Development]
#   CHITLAQ_DATA=/some/dir keeps the database and secrets there instead of .data/
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
source deploy/local/lib.sh

NODES=1; HTTP_PORT=5080; ENVIRONMENT=Development
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) NODES=$2; shift 2 ;;
    --http-port) HTTP_PORT=$2; shift 2 ;;
    --environment) ENVIRONMENT=$2; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
[[ "$NODES" =~ ^[1-9][0-9]*$ ]] || die "--nodes takes a positive number"

DATA="${CHITLAQ_DATA:-$ROOT/.data}"; PGDATA_DIR="$DATA/postgres"; mkdir -p "$DATA"
ensure_dotnet
ensure_postgres

# Secrets stay in .data (git-ignored), made on first run and reused after.
[ -f "$DATA/postgres.password" ] || { random_secret > "$DATA/postgres.password"; chmod 600 "$DATA/postgres.password"; }
[ -f "$DATA/chitlaq-db.password" ] || { random_secret > "$DATA/chitlaq-db.password"; chmod 600 "$DATA/chitlaq-db.password"; }
[ -f "$DATA/signing-key" ] || { random_secret > "$DATA/signing-key"; chmod 600 "$DATA/signing-key"; }
# The Web Push (VAPID) key pair: a P-256 key; browsers' subscriptions are bound to its public half.
if [ ! -f "$DATA/vapid-private.pem" ]; then
  openssl ecparam -name prime256v1 -genkey -noout -out "$DATA/vapid-private.pem" 2>/dev/null; chmod 600 "$DATA/vapid-private.pem"
fi
b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
# The private scalar sits at bytes 8-39 of the key's DER; the public point is the last 65 bytes of its SubjectPublicKeyInfo.
VAPID_PRIVATE=$(openssl ec -in "$DATA/vapid-private.pem" -outform DER 2>/dev/null | tail -c +8 | head -c 32 | b64url)
VAPID_PUBLIC=$(openssl ec -in "$DATA/vapid-private.pem" -pubout -outform DER 2>/dev/null | tail -c 65 | b64url)
pg_init "$PGDATA_DIR" "$(cat "$DATA/postgres.password")"

STARTED_PG=""; STARTED_REDIS=""; NODE_PIDS=()
cleanup() {
  trap "" INT TERM; trap - EXIT   # a second Ctrl-C must not cut the clean-up short
  if [ ${#NODE_PIDS[@]} -gt 0 ]; then
    log "stopping ${#NODE_PIDS[@]} node(s)"
    kill -TERM "${NODE_PIDS[@]}" 2>/dev/null || true
    wait "${NODE_PIDS[@]}" 2>/dev/null || true
  fi
  [ -n "$STARTED_REDIS" ] && { log "stopping Redis"; redis_stop "$DATA/redis" "$REDIS_PORT"; }
  [ -n "$STARTED_PG" ] && { log "stopping PostgreSQL"; pg_stop "$PGDATA_DIR"; }
}
trap cleanup INT TERM EXIT

if [ -f "$PGDATA_DIR/postmaster.pid" ] && [ -f "$DATA/postgres.port" ] && "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$(cat "$DATA/postgres.port")"; then
  PG_PORT=$(cat "$DATA/postgres.port"); log "PostgreSQL already running on port $PG_PORT"
else
  PG_PORT=$(free_port "$(cat "$DATA/postgres.port" 2>/dev/null || echo 55432)")
  echo "$PG_PORT" > "$DATA/postgres.port"
  log "starting PostgreSQL on 127.0.0.1:$PG_PORT (data: $PGDATA_DIR)"
  pg_start "$PGDATA_DIR" "$PG_PORT"; STARTED_PG=1
fi

DB_PASSWORD=$(cat "$DATA/chitlaq-db.password")
if [ -z "$(pg_sql "$PG_PORT" "SELECT 1 FROM pg_roles WHERE rolname = 'chitlaq'")" ]; then
  pg_sql "$PG_PORT" "CREATE ROLE chitlaq LOGIN PASSWORD '$DB_PASSWORD'"
fi
if [ -z "$(pg_sql "$PG_PORT" "SELECT 1 FROM pg_database WHERE datname = 'chitlaq'")" ]; then
  pg_sql "$PG_PORT" "CREATE DATABASE chitlaq OWNER chitlaq"
fi
export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PG_PORT;Database=chitlaq;Username=chitlaq;Password=$DB_PASSWORD;Maximum Pool Size=100"

# Every node signs and checks access tokens with the same key; mail lands in the data folder.
export Auth__SigningKey="$(cat "$DATA/signing-key")"
export Push__VapidPublicKey="$VAPID_PUBLIC" Push__VapidPrivateKey="$VAPID_PRIVATE"
export Push__VapidSubject="${CHITLAQ_PUSH_SUBJECT:-mailto:admin@chitlaq.invalid}"
export Email__PickupDirectory="$DATA/mail"
export Email__PublicBaseUrl="${CHITLAQ_PUBLIC_URL:-http://127.0.0.1:$HTTP_PORT}"

export ConnectionStrings__Redis=""
if [ "$NODES" -gt 1 ]; then
  ensure_redis
  REDIS_PORT=$(free_port 56379)
  log "starting Redis on 127.0.0.1:$REDIS_PORT for cluster membership"
  redis_start "$DATA/redis" "$REDIS_PORT"; STARTED_REDIS=1
  export ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT"
fi

build_web_client
log "building (Release)"
dotnet build silo/ChitLaq.Silo.csproj -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
SILO_DLL="$ROOT/silo/bin/Release/net10.0/ChitLaq.Silo.dll"

for i in $(seq 0 $((NODES - 1))); do
  port=$((HTTP_PORT + i))
  ASPNETCORE_ENVIRONMENT=$ENVIRONMENT Search__IndexPath="$DATA/search/node$((i + 1))" \
  Orleans__Endpoints__SiloPort=$((11111 + i)) Orleans__Endpoints__GatewayPort=$((30000 + i)) \
    dotnet "$SILO_DLL" --urls "http://127.0.0.1:$port" \
    > >(sed -u "s/^/[node$((i + 1))] /") 2>&1 &
  NODE_PIDS+=("$!")
done

for i in $(seq 0 $((NODES - 1))); do
  port=$((HTTP_PORT + i))
  for _ in $(seq 1 240); do
    curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
    sleep 0.5
  done
  curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 || die "node $((i + 1)) did not become ready"
  log "node $((i + 1)) ready: web client http://127.0.0.1:$port/  API http://127.0.0.1:$port/api/v1  reference http://127.0.0.1:$port/docs  OpenAPI http://127.0.0.1:$port/openapi/v1.json"
done
log "emails (verification, password reset) are written to $DATA/mail"
log "Ctrl-C stops everything this script started."
wait
