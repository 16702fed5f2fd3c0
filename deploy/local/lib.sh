# Shared helpers for run.sh and test.sh: install what is missing from the system's packages,
# and start/stop a project-local PostgreSQL cluster and Redis server. Sourced, not executed.

log() { printf '\033[1;34m[chitlaq]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[chitlaq]\033[0m %s\n' "$*" >&2; exit 1; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=""
apt_install() {
  command -v apt-get >/dev/null || die "apt-get not found: install $* with your system's package manager."
  if [ -z "$apt_updated" ]; then as_root apt-get update -qq >/dev/null; apt_updated=1; fi
  log "installing $* (apt-get)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

pg_bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

ensure_postgres() {
  if [ -z "$(pg_bin_dir)" ]; then apt_install postgresql; fi
  PG_BIN="$(pg_bin_dir)"
  [ -x "$PG_BIN/initdb" ] || die "PostgreSQL server binaries not found under /usr/lib/postgresql"
}

ensure_redis() {
  command -v redis-server >/dev/null || apt_install redis-server
}

# The operations tools the deploy checks and tests run for real: nginx, Prometheus (promtool),
# Alertmanager (amtool), age and rclone (backups, a media bucket's too), openssl (test certificates). Their services are not
# started by the install (policy-rc.d), only by the tests that need them.
ensure_ops_tools() {
  local missing=()
  command -v nginx >/dev/null || missing+=(nginx-light)
  command -v prometheus >/dev/null || missing+=(prometheus)
  command -v amtool >/dev/null || missing+=(prometheus-alertmanager)
  command -v age >/dev/null || missing+=(age)
  command -v rclone >/dev/null || missing+=(rclone)
  command -v openssl >/dev/null || missing+=(openssl)
  [ ${#missing[@]} -eq 0 ] && return 0
  local policy=/usr/sbin/policy-rc.d placed=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null; as_root chmod 755 "$policy"; placed=1
  fi
  apt_install --no-install-recommends "${missing[@]}"
  [ -n "$placed" ] && as_root rm -f "$policy"
  return 0
}

# build_web_client — the browser client (api/web → api/wwwroot), which the silo build copies
# beside itself. Needs Node.js 20+ and npm (installed from the system's packages when missing).
build_web_client() {
  command -v npm >/dev/null || apt_install nodejs npm
  log "building the web client (npm ci && npm run build in api/web)"
  (cd api/web && npm ci --no-audit --no-fund --loglevel=error >/dev/null && npm run build --silent >/dev/null) \
    || die "the web client did not build (cd api/web && npm ci && npm run build)"
}

ensure_dotnet() {
  command -v dotnet >/dev/null || die "the .NET 10 SDK is required (https://dot.net); dotnet is not on PATH."
}

# A TCP port on 127.0.0.1 that nothing listens on, starting the search at $1.
free_port() {
  local port=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

# Runs a command as the owner of the database files: initdb refuses to run as root.
as_pg_owner() {
  if [ "$(id -u)" = 0 ]; then
    local quoted; quoted=$(printf '%q ' "$@")
    su postgres -s /bin/bash -c "$quoted"
  else
    "$@"
  fi
}

# pg_init DIR PASSWORD — creates a cluster in DIR (only if it has none) whose superuser
# 'postgres' signs in with PASSWORD over TCP.
pg_init() {
  local dir=$1 password=$2
  [ -f "$dir/PG_VERSION" ] && return 0
  mkdir -p "$dir"
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    chown postgres "$dir"; chmod 700 "$dir"
  fi
  local pwfile; pwfile=$(mktemp); printf '%s\n' "$password" > "$pwfile"; chmod 644 "$pwfile"
  as_pg_owner "$PG_BIN/initdb" -D "$dir" -U postgres --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >/dev/null || { rm -f "$pwfile"; die "initdb failed in $dir"; }
  rm -f "$pwfile"
}

# pg_start DIR PORT — starts the cluster on 127.0.0.1:PORT and waits until it accepts connections.
pg_start() {
  local dir=$1 port=$2
  as_pg_owner "$PG_BIN/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -c listen_addresses=127.0.0.1 -k /tmp -c synchronous_commit=on -c max_connections=300 -c shared_buffers=256MB" \
    start >/dev/null || { tail -n 20 "$dir/server.log" >&2; die "PostgreSQL did not start (log: $dir/server.log)"; }
}

pg_stop() {
  local dir=$1
  [ -f "$dir/postmaster.pid" ] || return 0
  as_pg_owner "$PG_BIN/pg_ctl" -D "$dir" -m fast -w -t 60 stop >/dev/null 2>&1 || true
}

# pg_sql PORT SQL — runs SQL as the superuser over the local socket.
pg_sql() {
  as_pg_owner "$PG_BIN/psql" -h /tmp -p "$1" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt -c "$2"
}

# redis_start DIR PORT — a Redis that keeps nothing on disk: it only holds cluster membership.
redis_start() {
  local dir=$1 port=$2
  mkdir -p "$dir"
  redis-server --port "$port" --bind 127.0.0.1 --daemonize yes --dir "$dir" --save "" --appendonly no \
    --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >/dev/null || die "redis-server did not start"
  for _ in $(seq 1 50); do
    redis-cli -p "$port" ping >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  die "redis-server on port $port did not answer"
}

redis_stop() {
  local dir=$1 port=$2
  redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || { [ -f "$dir/redis.pid" ] && kill "$(cat "$dir/redis.pid")" 2>/dev/null; } || true
}

random_secret() { head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
