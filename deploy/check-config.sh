#!/usr/bin/env bash
# Static checks of everything in deploy/, with the real tools from Debian's packages (installed
# when missing): scripts parse; compose.yaml and compose.node-host.yaml are valid; nginx -t on the shipped nginx config;
# promtool checks the Prometheus config and rules and runs the alert unit tests; amtool checks
# Alertmanager; PostgreSQL 15 loads postgresql.conf; Grafana, Loki and promtail files parse.
# Run by the test command (deploy/local/test.sh). The tests also run nginx and Prometheus live.
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/local/lib.sh

for script in deploy/*.sh deploy/local/*.sh deploy/backup/*.sh deploy/nginx/*.sh tests/load/*.sh .ci/run; do
  bash -n "$script" || die "syntax error in $script"
done

ensure_ops_tools
command -v docker-compose >/dev/null || apt_install docker-compose

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

env POSTGRES_PASSWORD=check REDIS_PASSWORD=check AUTH_SIGNING_KEY=check PUSH_VAPID_SUBJECT=mailto:check@example.edu PUSH_VAPID_PUBLIC_KEY=check PUSH_VAPID_PRIVATE_KEY=check PUBLIC_URL=https://check.example.edu \
    GRAFANA_ADMIN_PASSWORD=check BACKUP_AGE_RECIPIENT=check \
  docker-compose -f deploy/compose.yaml config -q || die "deploy/compose.yaml is invalid"
env POSTGRES_PASSWORD=check REDIS_PASSWORD=check AUTH_SIGNING_KEY=check PUSH_VAPID_SUBJECT=mailto:check@example.edu PUSH_VAPID_PUBLIC_KEY=check PUSH_VAPID_PRIVATE_KEY=check PUBLIC_URL=https://check.example.edu \
    DATABASE_HOST=10.0.0.2 REDIS_HOST=10.0.0.2 NODE_PRIVATE_IP=10.0.0.3 PRIVATE_NETWORK=10.0.0.0/24 \
    MEDIA_S3_SERVICE_URL=https://s3.example.edu MEDIA_S3_BUCKET=check MEDIA_S3_ACCESS_KEY=check MEDIA_S3_SECRET_KEY=check \
  docker-compose -f deploy/compose.node-host.yaml config -q || die "deploy/compose.node-host.yaml is invalid"

# nginx: the shipped files with loopback ports and a local upstream (compose's names do not resolve here).
deploy/nginx/render-local.sh "$work/nginx" 18080 18443 127.0.0.1:8080
nginx -t -q -c "$work/nginx/nginx.conf" -p "$work/nginx" || die "nginx rejects deploy/nginx"

promtool check config --syntax-only deploy/prometheus/prometheus.yml >/dev/null || die "deploy/prometheus/prometheus.yml is invalid"
promtool check rules deploy/prometheus/alerts.yml >/dev/null || die "deploy/prometheus/alerts.yml is invalid"
promtool test rules deploy/prometheus/alerts.test.yml >/dev/null || die "alert unit tests failed (promtool test rules deploy/prometheus/alerts.test.yml)"
amtool check-config deploy/alertmanager/alertmanager.yml >/dev/null || die "deploy/alertmanager/alertmanager.yml is invalid"

mkdir -p "$work/pgdata"
pg_conf_errors=$("$(pg_bin_dir)/postgres" -C max_connections -c config_file="$PWD/deploy/postgres/postgresql.conf" -D "$work/pgdata" 2>&1 >/dev/null | grep -E 'FATAL|ERROR|unrecognized|invalid' || true)
[ -z "$pg_conf_errors" ] || die "PostgreSQL rejects deploy/postgres/postgresql.conf: $pg_conf_errors"

python3 - <<'PY' || die "a Grafana, Loki or promtail file does not parse"
import json, yaml, glob
for path in glob.glob("deploy/grafana/dashboards/*.json"):
    dashboard = json.load(open(path))
    assert dashboard["uid"] and dashboard["panels"], path
for path in glob.glob("deploy/grafana/provisioning/*/*.yml") + ["deploy/loki/loki.yml", "deploy/promtail/promtail.yml"]:
    assert yaml.safe_load(open(path)), path
PY
log "deploy files: scripts parse; compose, nginx, Prometheus (config, rules, alert tests), Alertmanager, PostgreSQL, Grafana, Loki, promtail configs valid"
