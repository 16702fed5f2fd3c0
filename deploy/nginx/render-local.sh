#!/usr/bin/env bash
# render-local.sh OUT_DIR HTTP_PORT HTTPS_PORT UPSTREAM...  — a copy of this nginx config that
# runs on this machine (used by deploy/check-config.sh and the tests): loopback ports instead of
# 80/443, the given upstream servers (host:port) instead of the compose services, and a
# self-signed certificate. Everything else is the file that ships. LISTEN_ADDRESS (default
# 127.0.0.1) is where it listens, e.g. a test host's address inside a network namespace.
set -euo pipefail
listen=${LISTEN_ADDRESS:-127.0.0.1}
here="$(cd "$(dirname "$0")" && pwd)"
out=$1 http_port=$2 https_port=$3; shift 3
mkdir -p "$out/certs"
cp "$here"/*.conf "$out/"
sed -i -e "s#^pid .*#pid $out/nginx.pid;#" -e "s#proxy_cache_path /var/cache/nginx/chitlaq#proxy_cache_path $out/cache#" "$out/nginx.conf"
sed -i -e "s#listen 80;#listen $listen:$http_port;#" -e "s#listen 443 ssl http2;#listen $listen:$https_port ssl http2;#" \
       -e '/listen \[::\]/d' "$out/chitlaq.conf"
{
  echo "upstream chitlaq {"
  echo "    hash \$chitlaq_affinity consistent;"
  for server in "$@"; do echo "    server $server max_fails=3 fail_timeout=10s;"; done
  echo "    keepalive 16;"
  echo "}"
  echo "upstream chitlaq_hubs {"
  echo "    hash \$chitlaq_affinity consistent;"
  for server in "$@"; do echo "    server $server max_fails=3 fail_timeout=10s;"; done
  echo "}"
} >"$out/upstream.conf"
mkdir -p "$out/temp"
sed -i -e "s#^http {#http {\n    client_body_temp_path $out/temp/body;\n    proxy_temp_path $out/temp/proxy;\n    fastcgi_temp_path $out/temp/fastcgi;\n    uwsgi_temp_path $out/temp/uwsgi;\n    scgi_temp_path $out/temp/scgi;#" "$out/nginx.conf"
if [ ! -f "$out/certs/fullchain.pem" ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost,IP:$listen" \
    -keyout "$out/certs/privkey.pem" -out "$out/certs/fullchain.pem" >/dev/null 2>&1
fi
