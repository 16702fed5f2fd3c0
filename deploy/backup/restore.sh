#!/usr/bin/env bash
# restore.sh [--recreate] BACKUP_FILE — decrypt a backup made by backup.sh and load it.
#
#   AGE_IDENTITY_FILE   the private key file (age-keygen output) — kept offline, brought here for the restore
#   PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE   the target database (PGDATABASE default chitlaq)
#
# The target must be empty; --recreate drops and creates it first (connecting to the
# "postgres" database to do so). Stop every ChitLaq node before restoring; start them after:
# they apply any newer migrations and rebuild their search indexes from the restored tables.
set -euo pipefail

log() { printf '%s restore: %s\n' "$(date -u +%FT%TZ)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

recreate=0
if [ "${1:-}" = "--recreate" ]; then recreate=1; shift; fi
file=${1:?usage: restore.sh [--recreate] BACKUP_FILE}
[ -f "$file" ] || die "no such backup: $file"
: "${AGE_IDENTITY_FILE:?set AGE_IDENTITY_FILE to the private key file}"
export PGDATABASE="${PGDATABASE:-chitlaq}"
command -v age >/dev/null || die "age is not installed (apt-get install age)"
command -v pg_restore >/dev/null || die "pg_restore is not installed (apt-get install postgresql-client)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Decrypt to a file first: a wrong key or a damaged file stops here, before the database is touched.
age -d -i "$AGE_IDENTITY_FILE" -o "$work/chitlaq.dump" "$file" || die "cannot decrypt $file with $AGE_IDENTITY_FILE"
pg_restore --list "$work/chitlaq.dump" >/dev/null || die "$file does not hold a pg_dump archive"

if (( recreate )); then
  # The name goes into SQL as an identifier: accept plain names only.
  [[ "$PGDATABASE" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || die "PGDATABASE must be a plain identifier to use --recreate"
  log "dropping and creating database $PGDATABASE"
  psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS \"$PGDATABASE\" WITH (FORCE)" -c "CREATE DATABASE \"$PGDATABASE\""
fi

started=$(date -u +%s)
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction -d "$PGDATABASE" "$work/chitlaq.dump"
log "restored $(basename "$file") into $PGDATABASE in $(( $(date -u +%s) - started )) s"
