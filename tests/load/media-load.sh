#!/usr/bin/env bash
# Media benchmark (run by hand, not in CI): upload-to-URL time of ≈3 MB phone photos, then
# requests/s serving a stored image (the feed-sized variant timelines load) — full responses and
# 304 revalidations — with wrk against one node.
#
#   tests/load/media-load.sh [uploads=20] [connections=64] [duration=20]
#
# With MEDIA_S3_SERVICE_URL (and MEDIA_S3_BUCKET, MEDIA_S3_ACCESS_KEY, MEDIA_S3_SECRET_KEY) set, the
# node keeps images in that bucket (Media:Store = s3) and streams them from it: compare the two.
set -euo pipefail
cd "$(dirname "$0")/../.."
UPLOADS=${1:-20}; CONNECTIONS=${2:-64}; DURATION=${3:-20}
PORT=5196
dotnet build tests/ChitLaq.Benchmarks -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
source deploy/local/lib.sh
command -v wrk >/dev/null || apt_install wrk
source tests/load/lib.sh
store=(Media__Store=filesystem)
if [ -n "${MEDIA_S3_SERVICE_URL:-}" ]; then
  store=(Media__Store=s3 Media__S3__ServiceUrl="$MEDIA_S3_SERVICE_URL" Media__S3__Bucket="${MEDIA_S3_BUCKET:?set MEDIA_S3_BUCKET}"
    Media__S3__Prefix="load-$(date +%s)/" Media__S3__AccessKey="${MEDIA_S3_ACCESS_KEY:-}" Media__S3__SecretKey="${MEDIA_S3_SECRET_KEY:-}")
fi
echo "media store: ${store[0]#Media__Store=}"
start_node "$PORT" RateLimits__Media__PermitLimit=100000 "${store[@]}"

dotnet tests/ChitLaq.Benchmarks/bin/Release/net10.0/ChitLaq.Benchmarks.dll media "$NODE_URL" "$DATA_DIR/mail" "$UPLOADS" | tee "$DATA_DIR/media.txt"
FEED_URL=$(awk '/^FEED_URL/ {print $2}' "$DATA_DIR/media.txt")
ETAG=$(curl -fs -D - -o /dev/null "$NODE_URL$FEED_URL" | awk -F': ' 'tolower($1) == "etag" {print $2}' | tr -d '\r')
echo "serving $FEED_URL ($(curl -fs "$NODE_URL$FEED_URL" | wc -c) bytes)"
wrk -t 2 -c "$CONNECTIONS" -d 5s "$NODE_URL$FEED_URL" >/dev/null
echo "== full responses: $CONNECTIONS connections, $DURATION s"
wrk -t 2 -c "$CONNECTIONS" -d "${DURATION}s" --latency "$NODE_URL$FEED_URL" | grep -E "Requests/sec|Transfer/sec|50%|99%"
echo "== revalidations (If-None-Match → 304)"
wrk -t 2 -c "$CONNECTIONS" -d "${DURATION}s" --latency -H "If-None-Match: $ETAG" "$NODE_URL$FEED_URL" | grep -E "Requests/sec|50%|99%"
