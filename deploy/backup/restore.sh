#!/usr/bin/env bash
# restore.sh [--recreate] [--media-dir DIR] [--media-bucket] BACKUP_FILE — decrypt a backup made by backup.sh and load it.
#
#   AGE_IDENTITY_FILE   the private key file (age-keygen output) — kept offline, brought here for the restore
#   PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE   the target database (PGDATABASE default chitlaq)
#
# The target must be empty; --recreate drops and creates it first (connecting to the
# "postgres" database to do so). --media-dir also puts the backed-up images (the media/ folder
# beside the backup file) back into DIR (Media:Path), skipping files already there; --media-bucket
# puts them into the bucket named by the MEDIA_S3_* settings (as for backup.sh; the key must be
# allowed to write), skipping objects already there. Stop every ChitLaq node before restoring; start them after:
# they apply any newer migrations and rebuild their search indexes from the restored tables.
set -euo pipefail

log() { printf '%s restore: %s\n' "$(date -u +%FT%TZ)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

recreate=0 media_dir="" media_bucket=0
while [ $# -gt 1 ]; do
  case "$1" in
    --recreate) recreate=1; shift ;;
    --media-dir) media_dir=${2:?--media-dir needs a folder}; shift 2 ;;
    --media-bucket) media_bucket=1; shift ;;
    *) break ;;
  esac
done
file=${1:?usage: restore.sh [--recreate] [--media-dir DIR] [--media-bucket] BACKUP_FILE}
[ -f "$file" ] || die "no such backup: $file"
: "${AGE_IDENTITY_FILE:?set AGE_IDENTITY_FILE to the private key file}"
export PGDATABASE="${PGDATABASE:-chitlaq}"
command -v age >/dev/null || die "age is not installed (apt-get install age)"
command -v pg_restore >/dev/null || die "pg_restore is not installed (apt-get install postgresql-client)"
if (( media_bucket )); then
  command -v rclone >/dev/null || die "rclone is not installed (apt-get install rclone)"
  source "$(dirname "$0")/media-bucket.sh"
  [ -d "$(dirname "$file")/media" ] || die "no media/ folder beside $file"
fi

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

if [ -n "$media_dir" ]; then
  copies="$(dirname "$file")/media"
  [ -d "$copies" ] || die "no media/ folder beside $file"
  restored=0
  while IFS= read -r copy; do
    key=$(basename "$copy" .age)
    target="$media_dir/${key:0:2}/${key:2:2}/$key"
    [ -e "$target" ] && continue
    mkdir -p "$(dirname "$target")"
    age -d -i "$AGE_IDENTITY_FILE" -o "$target.partial" "$copy" && mv "$target.partial" "$target"
    restored=$((restored + 1))
  done < <(find "$copies" -maxdepth 1 -name '*.age')
  log "restored $restored media files into $media_dir"
fi

if (( media_bucket )); then
  copies="$(dirname "$file")/media"
  existing=$(rclone lsf -R --files-only "$MEDIA_REMOTE") || die "could not list bucket $MEDIA_S3_BUCKET"
  restored=0
  while IFS= read -r copy; do
    key=$(basename "$copy" .age)
    object="${key:0:2}/${key:2:2}/$key"
    grep -qxF "$object" <<<"$existing" && continue
    # Decrypted to a file first: a damaged copy never becomes a half-written object.
    age -d -i "$AGE_IDENTITY_FILE" -o "$work/image" "$copy" || die "cannot decrypt $copy"
    rclone copyto "$work/image" "$MEDIA_REMOTE$object" || die "could not write $object to bucket $MEDIA_S3_BUCKET"
    restored=$((restored + 1))
  done < <(find "$copies" -maxdepth 1 -name '*.age')
  log "restored $restored media files into bucket $MEDIA_S3_BUCKET"
fi
