#!/usr/bin/env bash
# The compose backup service: one backup at start, then every BACKUP_INTERVAL_SECONDS
# (default 3600: RPO under an hour). A failed run is logged and retried at the next tick;
# the BackupTooOld alert fires if failures last.
set -uo pipefail
interval="${BACKUP_INTERVAL_SECONDS:-3600}"
while true; do
  /usr/local/bin/chitlaq-backup || echo "$(date -u +%FT%TZ) backup: run failed; next try in ${interval} s" >&2
  sleep "$interval"
done
