#!/usr/bin/env bash
# backup.sh — one encrypted backup of the ChitLaq database, then retention.
#
#   pg_dump (custom format) | age (public-key encryption) > $BACKUP_DIR/chitlaq-<UTC time>.dump.age
#
# Only the public key (recipient) lives where backups are made: a stolen backup host cannot
# read its backups. The private key stays offline with the operators (see restore.sh).
#
# Settings (environment):
#   PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE   the database (libpq variables; PGDATABASE default chitlaq)
#   BACKUP_DIR                 where backups go (required; mount off-host storage here)
#   AGE_RECIPIENT              an age public key (age1…), or
#   AGE_RECIPIENTS_FILE        a file of them (one per line; any one private key can decrypt)
#   KEEP_HOURS=24 KEEP_DAILY=7 KEEP_WEEKLY=4
#                              retention: every backup of the last KEEP_HOURS hours, the newest of
#                              each of the last KEEP_DAILY days and of the last KEEP_WEEKLY ISO weeks
#   METRICS_DIR                when set, chitlaq_backup.prom is written there for node-exporter's
#                              textfile collector (the BackupTooOld alert reads it)
#   BACKUP_UPLOAD_COMMAND      when set, run with the new file's path as $1 (e.g. rclone copy "$1" remote:chitlaq)
#   MEDIA_DIR                  when set, the uploaded images (Media:Path) are backed up too, into
#                              $BACKUP_DIR/media: each file encrypted once (they never change: their
#                              names are their hashes); copies of files deleted from MEDIA_DIR are
#                              kept for KEEP_WEEKLY weeks, as long as the oldest dump that may name them
set -euo pipefail

log() { printf '%s backup: %s\n' "$(date -u +%FT%TZ)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

: "${BACKUP_DIR:?set BACKUP_DIR}"
export PGDATABASE="${PGDATABASE:-chitlaq}"
KEEP_HOURS="${KEEP_HOURS:-24}" KEEP_DAILY="${KEEP_DAILY:-7}" KEEP_WEEKLY="${KEEP_WEEKLY:-4}"

recipients=()
if [ -n "${AGE_RECIPIENT:-}" ]; then recipients+=(-r "$AGE_RECIPIENT"); fi
if [ -n "${AGE_RECIPIENTS_FILE:-}" ]; then recipients+=(-R "$AGE_RECIPIENTS_FILE"); fi
[ ${#recipients[@]} -gt 0 ] || die "set AGE_RECIPIENT or AGE_RECIPIENTS_FILE (an age public key; never the private key)"
command -v age >/dev/null || die "age is not installed (apt-get install age)"
command -v pg_dump >/dev/null || die "pg_dump is not installed (apt-get install postgresql-client)"

mkdir -p "$BACKUP_DIR"
started=$(date -u +%s)
name="chitlaq-$(date -u -d "@$started" +%Y%m%dT%H%M%SZ).dump.age"
partial="$BACKUP_DIR/.$name.partial"
trap 'rm -f "$partial"' EXIT

# A consistent snapshot (one transaction) while the nodes keep writing; -Z: compressed inside
# the custom format, since encrypted output does not compress.
pg_dump --format=custom --compress=6 --no-password | age "${recipients[@]}" -o "$partial"
[ -s "$partial" ] || die "the backup came out empty"
mv "$partial" "$BACKUP_DIR/$name"
size=$(stat -c %s "$BACKUP_DIR/$name")
log "wrote $name ($size bytes in $(( $(date -u +%s) - started )) s)"

if [ -n "${BACKUP_UPLOAD_COMMAND:-}" ]; then
  bash -c "$BACKUP_UPLOAD_COMMAND" upload "$BACKUP_DIR/$name" || die "upload command failed for $name"
fi

# Retention: newest first; keep recent ones, then the newest per day and per week.
now=$(date -u +%s)
declare -A days=() weeks=()
kept=0 removed=0
while IFS= read -r file; do
  stamp=$(basename "$file" | sed -E 's/^chitlaq-([0-9]{8})T([0-9]{2})([0-9]{2})([0-9]{2})Z\.dump\.age$/\1 \2:\3:\4/')
  at=$(date -u -d "$stamp" +%s 2>/dev/null) || continue
  day=$(date -u -d "@$at" +%F) week=$(date -u -d "@$at" +%G-W%V)
  keep=0
  if (( now - at < KEEP_HOURS * 3600 )); then keep=1; fi
  if [ -z "${days[$day]:-}" ] && (( ${#days[@]} < KEEP_DAILY )); then days[$day]=1; keep=1; fi
  if [ -z "${weeks[$week]:-}" ] && (( ${#weeks[@]} < KEEP_WEEKLY )); then weeks[$week]=1; keep=1; fi
  if (( keep )); then kept=$((kept + 1)); else rm -f "$file"; removed=$((removed + 1)); fi
done < <(find "$BACKUP_DIR" -maxdepth 1 -name 'chitlaq-*.dump.age' -printf '%p\n' | sort -r)
log "retention: kept $kept, removed $removed"

if [ -n "${MEDIA_DIR:-}" ]; then
  [ -d "$MEDIA_DIR" ] || die "MEDIA_DIR $MEDIA_DIR is not a folder"
  mkdir -p "$BACKUP_DIR/media"
  added=0 pruned=0
  while IFS= read -r source; do
    target="$BACKUP_DIR/media/$(basename "$source").age"
    [ -e "$target" ] && continue
    age "${recipients[@]}" -o "$target.partial" "$source" && mv "$target.partial" "$target"
    added=$((added + 1))
  done < <(find "$MEDIA_DIR" -type f -regextype posix-extended -regex '.*/[0-9a-f]{64}\.(jpg|png|webp)$')
  while IFS= read -r copy; do
    key=$(basename "$copy" .age)
    [ -e "$MEDIA_DIR/${key:0:2}/${key:2:2}/$key" ] && continue
    if [ -n "$(find "$copy" -mtime +$((KEEP_WEEKLY * 7)))" ]; then rm -f "$copy"; pruned=$((pruned + 1)); fi
  done < <(find "$BACKUP_DIR/media" -maxdepth 1 -name '*.age')
  log "media: $added new files encrypted, $pruned old copies pruned"
fi

if [ -n "${METRICS_DIR:-}" ]; then
  mkdir -p "$METRICS_DIR"
  cat >"$METRICS_DIR/.chitlaq_backup.prom.tmp" <<METRICS
# HELP chitlaq_backup_last_success_timestamp_seconds When the last backup finished (Unix time).
# TYPE chitlaq_backup_last_success_timestamp_seconds gauge
chitlaq_backup_last_success_timestamp_seconds $(date -u +%s)
# HELP chitlaq_backup_last_size_bytes Size of the last encrypted backup.
# TYPE chitlaq_backup_last_size_bytes gauge
chitlaq_backup_last_size_bytes $size
METRICS
  mv "$METRICS_DIR/.chitlaq_backup.prom.tmp" "$METRICS_DIR/chitlaq_backup.prom"
fi
echo "$BACKUP_DIR/$name"
