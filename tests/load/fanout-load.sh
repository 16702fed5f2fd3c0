#!/usr/bin/env bash
# Load benchmark (run by hand, not in CI): how long one post by an account with FOLLOWERS active
# followers takes to reach all their timelines (server-side histogram chitlaq_fanout_duration).
# The followers are seeded straight into the tables (follows + user_activity), since fan-out
# needs only the edges; POSTS posts are then written one per second. Bounded.
#
#   tests/load/fanout-load.sh [followers=10000] [posts=20]
set -euo pipefail
cd "$(dirname "$0")/../.."
FOLLOWERS=${1:-10000}; POSTS=${2:-20}
PORT=5193
source deploy/local/lib.sh
ensure_postgres
source tests/load/lib.sh
start_node "$PORT" Feeds__BigAccountFollowers=$((FOLLOWERS + 1))
dir=$DATA_DIR
API="$NODE_URL/api/v1"
PG_PORT=$(cat "$dir/postgres.port")

curl -fs -o /dev/null -X POST "$API/auth/register" -H 'content-type: application/json' \
  -d '{"email":"author@campus.edu","password":"Fanout-Password-1","handle":"fanout_author","displayName":"Author"}'
sleep 1
token=$(grep -ho 'token=[A-Za-z0-9%._~-]*' "$dir"/mail/*.eml | head -1 | cut -d= -f2 | sed 's/%2E/./g')
curl -fs -o /dev/null -X POST "$API/auth/verify-email" -H 'content-type: application/json' -d "{\"token\":\"$token\"}"
access=$(curl -fs -X POST "$API/auth/login" -H 'content-type: application/json' \
  -d '{"email":"author@campus.edu","password":"Fanout-Password-1"}' | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')
author_id=$(curl -fs "$API/users/fanout_author" | sed 's/.*"id":"\([^"]*\)".*/\1/')

echo "seeding $FOLLOWERS active followers"
pg_sql "$PG_PORT" "\\c chitlaq" >/dev/null 2>&1 || true
as_pg_owner "$PG_BIN/psql" -h /tmp -p "$PG_PORT" -U postgres -d chitlaq -qAt -v ON_ERROR_STOP=1 -c "
  INSERT INTO follows (follower_id, followee_id, created_at)
    SELECT md5('f' || g), '$author_id', now() FROM generate_series(1, $FOLLOWERS) g;
  INSERT INTO user_activity (user_id, last_active_at) SELECT md5('f' || g), now() FROM generate_series(1, $FOLLOWERS) g;"

echo "posting $POSTS times, one per second"
for i in $(seq 1 "$POSTS"); do
  curl -fs -o /dev/null -X POST "$API/posts" -H "authorization: Bearer $access" -H 'content-type: application/json' -d "{\"text\":\"fan-out $i\"}"
  sleep 1
done
sleep 2
curl -fs "$NODE_URL/metrics" | grep -E '^chitlaq_fanout_(duration_seconds_(bucket|sum|count)|pushes_total)'
echo "resident memory of the node: $(node_memory "$PORT")"
