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
#   MEDIA_S3_BUCKET            when set, the images in that bucket of an S3-compatible store
#                              (Media:Store = s3) are backed up the same way, read with rclone:
#                              MEDIA_S3_SERVICE_URL (empty: AWS), MEDIA_S3_PREFIX, MEDIA_S3_REGION
#                              (default us-east-1), MEDIA_S3_ACCESS_KEY, MEDIA_S3_SECRET_KEY; a
#                              read-only key is enough
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
kept=0
# One `date` for all the names (bash parses them): a folder of a few thousand backups is pruned
# in a second, not minutes.
name_pattern='^chitlaq-([0-9]{8})T([0-9]{2})([0-9]{2})([0-9]{2})Z\.dump\.age$'
files=() stamps=() doomed=()
while IFS= read -r file; do
  [[ ${file##*/} =~ $name_pattern ]] || continue
  stamp="${BASH_REMATCH[1]} ${BASH_REMATCH[2]}:${BASH_REMATCH[3]}:${BASH_REMATCH[4]}"
  files+=("$file") stamps+=("$stamp")
done < <(find "$BACKUP_DIR" -maxdepth 1 -name 'chitlaq-*.dump.age' -printf '%p\n' | sort -r)
times=()
if [ ${#files[@]} -gt 0 ]; then mapfile -t times < <(printf '%s\n' "${stamps[@]}" | date -u -f - '+%s %F %G-W%V' 2>/dev/null); fi
if [ ${#times[@]} -ne ${#files[@]} ]; then
  # A name that looks right but is not a time (say, the 31st of February) has no line of its own
  # in date's answer: read them one by one and leave such files alone.
  valid=() times=()
  for i in "${!files[@]}"; do
    answer=$(date -u -d "${stamps[$i]}" '+%s %F %G-W%V' 2>/dev/null) || continue
    valid+=("${files[$i]}") times+=("$answer")
  done
  files=("${valid[@]}")
fi
for i in "${!files[@]}"; do
  read -r at day week <<<"${times[$i]}"
  keep=0
  if (( now - at < KEEP_HOURS * 3600 )); then keep=1; fi
  if [ -z "${days[$day]:-}" ] && (( ${#days[@]} < KEEP_DAILY )); then days[$day]=1; keep=1; fi
  if [ -z "${weeks[$week]:-}" ] && (( ${#weeks[@]} < KEEP_WEEKLY )); then weeks[$week]=1; keep=1; fi
  if (( keep )); then kept=$((kept + 1)); else doomed+=("${files[$i]}"); fi
done
removed=${#doomed[@]}
if [ "$removed" -gt 0 ]; then rm -f -- "${doomed[@]}"; fi
log "retention: kept $kept, removed $removed"

# Images: each stored file is encrypted once into $BACKUP_DIR/media (their names are their hashes,
# so they never change); a copy whose image is in neither store any more is pruned after
# KEEP_WEEKLY weeks (both stores count: while images move to a bucket, both may be set).
IMAGE_NAME='[0-9a-f]{64}\.(jpg|png|webp)'
present=$(mktemp)
trap 'rm -f "$partial" "$present"' EXIT
backup_images() { # $1: a label; stdin: "name<TAB>source" lines; copy_from writes a source to stdout
  local label=$1 added=0 name source target
  mkdir -p "$BACKUP_DIR/media"
  while IFS=$'\t' read -r name source; do
    echo "$name" >>"$present"
    target="$BACKUP_DIR/media/$name.age"
    [ -e "$target" ] && continue
    copy_from "$source" | age "${recipients[@]}" -o "$target.partial" || die "could not read $source"
    mv "$target.partial" "$target"
    added=$((added + 1))
  done
  log "media ($label): $added new files encrypted"
}

if [ -n "${MEDIA_DIR:-}" ]; then
  [ -d "$MEDIA_DIR" ] || die "MEDIA_DIR $MEDIA_DIR is not a folder"
  copy_from() { cat "$1"; }
  backup_images "$MEDIA_DIR" < <(find "$MEDIA_DIR" -type f -regextype posix-extended -regex ".*/$IMAGE_NAME\$" -printf '%f\t%p\n')
fi

if [ -n "${MEDIA_S3_BUCKET:-}" ]; then
  command -v rclone >/dev/null || die "rclone is not installed (apt-get install rclone)"
  source "$(dirname "$0")/media-bucket.sh"
  copy_from() { rclone cat "$MEDIA_REMOTE$1"; }
  # Objects are {prefix}ab/cd/<hash>.<ext>, as the nodes write them; listed before anything is
  # copied, so a bucket that cannot be read stops the backup instead of looking empty.
  listing=$(rclone lsf -R --files-only "$MEDIA_REMOTE") || die "could not list bucket $MEDIA_S3_BUCKET"
  backup_images "bucket $MEDIA_S3_BUCKET" < <(printf '%s\n' "$listing" | grep -E "^[0-9a-f]{2}/[0-9a-f]{2}/$IMAGE_NAME\$" | awk -F/ '{ print $3 "\t" $0 }')
fi

if [ -n "${MEDIA_DIR:-}${MEDIA_S3_BUCKET:-}" ] && [ -d "$BACKUP_DIR/media" ]; then
  pruned=0
  while IFS= read -r copy; do
    grep -qxF "$(basename "$copy" .age)" "$present" && continue
    if [ -n "$(find "$copy" -mtime +$((KEEP_WEEKLY * 7)))" ]; then rm -f "$copy"; pruned=$((pruned + 1)); fi
  done < <(find "$BACKUP_DIR/media" -maxdepth 1 -name '*.age')
  log "media: $pruned old copies pruned"
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
