#!/usr/bin/env bash
# Search benchmark (run by hand, not in CI). Fills a throwaway node's database with generated
# users and posts (through the same tables and triggers as real writes), then measures:
#   - change-feed indexing: how long the running node takes to index everything the triggers fed it;
#   - a full build from the tables (the rebuild command, i.e. what an empty node does at start):
#     documents per second and index size on disk;
#   - /search/posts and /search/suggestions latency at a fixed request rate.
#
#   tests/load/search-load.sh [posts=1000000] [users=100000] [requestsPerSecond=100] [seconds=30]
set -euo pipefail
cd "$(dirname "$0")/../.."
POSTS=${1:-1000000}; USERS=${2:-100000}; RATE=${3:-100}; DURATION=${4:-30}
PORT=5195
dotnet build tests/ChitLaq.Benchmarks -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
source deploy/local/lib.sh
source tests/load/lib.sh
start_node "$PORT"
BENCH=(dotnet tests/ChitLaq.Benchmarks/bin/Release/net10.0/ChitLaq.Benchmarks.dll search "$NODE_URL" "$DATA_DIR/mail")
PG_PORT=$(cat "$DATA_DIR/postgres.port"); PG_BIN=$(pg_bin_dir)
sql() { as_pg_owner "$PG_BIN/psql" -h /tmp -p "$PG_PORT" -U postgres -d chitlaq -v ON_ERROR_STOP=1 -qAt -c "$1"; }

echo "registering 20 authors"
"${BENCH[@]}" setup 20 > "$DATA_DIR/authors.txt"
AUTHORS=$(cut -d' ' -f1 "$DATA_DIR/authors.txt" | sed "s/.*/'&'/" | paste -sd,)
TOKEN=$(head -1 "$DATA_DIR/authors.txt" | cut -d' ' -f2)

echo "generating $USERS users and $POSTS posts (2,000-word vocabulary, 12 words and one of 5,000 hashtags each)"
started=$(date +%s.%N)
sql "CREATE TABLE bench_words AS SELECT i, substr(md5(i::text), 1, 3 + i % 6) AS w FROM generate_series(1, 2000) i"
sql "INSERT INTO users (user_id, handle, display_name, university, email_domain, major, graduation_year, email_verified, created_at, updated_at)
     SELECT 'gen' || i, 'gen_' || i, 'Student ' || (SELECT w FROM bench_words WHERE bench_words.i = 1 + (g.i * 7) % 2000), 'Campus University', 'campus.edu',
            'Major ' || (i % 40), 2027, true, now(), now() FROM generate_series(1, $USERS) AS g(i)"
# Post ids are 32 hex digits that sort by creation time (like the API's): 12 of milliseconds, 20 of row number.
sql "INSERT INTO posts (post_id, author_id, text, hashtags, created_at)
     SELECT lpad(to_hex((extract(epoch FROM g.at) * 1000)::bigint), 12, '0') || lpad(to_hex(g.i), 20, '0'), (ARRAY[$AUTHORS])[1 + g.i % 20],
            (SELECT string_agg(w, ' ') FROM bench_words WHERE bench_words.i IN (SELECT 1 + floor(random() * 2000)::int + g.i * 0 FROM generate_series(1, 12))),
            ARRAY['tag' || (g.i % 5000)], g.at
     FROM (SELECT i, now() - random() * interval '30 days' AS at FROM generate_series(1, $POSTS) AS s(i)) AS g"
sql "INSERT INTO posts (post_id, author_id, text, created_at)
     VALUES (lpad(to_hex((extract(epoch FROM now()) * 1000)::bigint), 12, '0') || 'ffffffffffffffffffff', (ARRAY[$AUTHORS])[1], 'the last one zzsentinel', now())"
generated=$(date +%s.%N)
echo "generated in $(echo "$generated - $started" | bc) s"

echo "waiting for the running node to index the change feed"
until curl -fs -H "Authorization: Bearer $TOKEN" "$NODE_URL/api/v1/search/posts?q=zzsentinel" | grep -q 'the last one'; do sleep 1; done
caught=$(date +%s.%N)
echo "change feed: $((POSTS + USERS)) documents indexed in $(echo "$caught - $generated" | bc) s"

echo "full build from the tables into an empty folder (the rebuild command; what a new node does)"
build_started=$(date +%s.%N)
ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PG_PORT;Database=chitlaq;Username=chitlaq;Password=$(cat "$DATA_DIR/chitlaq-db.password")" \
Search__IndexPath="$DATA_DIR/search/rebuilt" Orleans__Endpoints__SiloPort=11999 Logging__LogLevel__Default=Warning \
  dotnet silo/bin/Release/net10.0/ChitLaq.Silo.dll search rebuild
build_ended=$(date +%s.%N)
seconds=$(echo "$build_ended - $build_started" | bc)
echo "full build: $(echo "$seconds" | awk -v n=$((POSTS + USERS)) '{printf "%.1f s, %.0f documents/s (process start included)", $1, n / $1}')"
echo "index size on disk: $(du -sh "$DATA_DIR/search/rebuilt" | cut -f1) (node's own: $(du -sh "$DATA_DIR/search/node1" | cut -f1))"

WORDS=$(sql "SELECT string_agg(w, ',') FROM bench_words")
echo "queries: $RATE requests/s for $DURATION s (half posts, half suggestions)"
"${BENCH[@]}" query "$TOKEN" "$RATE" "$DURATION" "$WORDS"
echo "node memory: $(node_memory "$PORT")"
