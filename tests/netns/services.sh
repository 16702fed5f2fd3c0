#!/usr/bin/env bash
# services.sh — the shared services of a lab made by lab.sh, each started inside its own host
# (network namespace), listening on that host's address only, as on separate machines.
#
#   services.sh postgres LAB HOST DIR PASSWORD   a fresh PostgreSQL in DIR on HOST:5432 (scram, the lab's /24 allowed)
#   services.sh redis LAB HOST DIR               Redis on HOST:6379, nothing kept on disk (membership only)
#
# Both run as daemons inside the namespace; `lab.sh down LAB` ends them with everything else.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/../.."
source deploy/local/lib.sh

kind=${1:-}; lab=${2:-}; host=${3:-}; dir=${4:-}
state=/run/chitlaq-lab/$lab
[ -f "$state/hosts" ] || die "no lab $lab (tests/netns/lab.sh up $lab ... first)"
address=$(grep -E "^$host " "$state/hosts" | cut -d' ' -f2)
[ -n "$address" ] || die "no host $host in lab $lab"
subnet="$(cat "$state/subnet").0/24"

case "$kind" in
  postgres)
    password=${5:?PASSWORD}
    ensure_postgres
    pg_init "$dir" "$password"
    echo "host all all $subnet scram-sha-256" >> "$dir/pg_hba.conf"
    # The socket lives in the data folder: the file system is shared with the real host.
    ip netns exec "$lab-$host" su postgres -s /bin/bash -c "$(printf '%q ' "$PG_BIN/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
      -o "-p 5432 -c listen_addresses=$address -k $dir -c max_connections=300 -c shared_buffers=256MB" start)" >/dev/null \
      || { tail -n 20 "$dir/server.log" >&2; die "PostgreSQL did not start in $lab-$host"; }
    ;;
  redis)
    ensure_redis
    mkdir -p "$dir"
    ip netns exec "$lab-$host" redis-server --port 6379 --bind "$address" --protected-mode no --daemonize yes --dir "$dir" \
      --save "" --appendonly no --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >/dev/null || die "redis-server did not start"
    for _ in $(seq 1 50); do
      ip netns exec "$lab-$host" redis-cli -h "$address" ping >/dev/null 2>&1 && exit 0
      sleep 0.1
    done
    die "redis on $address did not answer"
    ;;
  *) die "usage: services.sh postgres|redis LAB HOST DIR [PASSWORD]" ;;
esac
