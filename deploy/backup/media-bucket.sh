# Sourced by backup.sh and restore.sh: the images' bucket as the rclone remote $MEDIA_REMOTE,
# configured from the node's MEDIA_S3_* settings through rclone's environment (no config file,
# so the key is never written to disk).
: "${MEDIA_S3_BUCKET:?set MEDIA_S3_BUCKET}"
export RCLONE_CONFIG_CHITLAQMEDIA_TYPE=s3
if [ -n "${MEDIA_S3_SERVICE_URL:-}" ]; then
  export RCLONE_CONFIG_CHITLAQMEDIA_PROVIDER=Other RCLONE_CONFIG_CHITLAQMEDIA_ENDPOINT="$MEDIA_S3_SERVICE_URL"
  export RCLONE_CONFIG_CHITLAQMEDIA_FORCE_PATH_STYLE=true
else
  export RCLONE_CONFIG_CHITLAQMEDIA_PROVIDER=AWS
fi
export RCLONE_CONFIG_CHITLAQMEDIA_REGION="${MEDIA_S3_REGION:-us-east-1}"
export RCLONE_CONFIG_CHITLAQMEDIA_ACCESS_KEY_ID="${MEDIA_S3_ACCESS_KEY:-}"
export RCLONE_CONFIG_CHITLAQMEDIA_SECRET_ACCESS_KEY="${MEDIA_S3_SECRET_KEY:-}"
# Without keys rclone would look for AWS credentials of its own (instance roles and the like).
[ -n "${MEDIA_S3_ACCESS_KEY:-}" ] || export RCLONE_CONFIG_CHITLAQMEDIA_ENV_AUTH=true
MEDIA_PREFIX="${MEDIA_S3_PREFIX:-}"
MEDIA_REMOTE="chitlaqmedia:$MEDIA_S3_BUCKET/$MEDIA_PREFIX"
export RCLONE_CONFIG_CHITLAQMEDIA_NO_CHECK_BUCKET=true # the bucket exists; a key that may not create buckets still works
# rclone's S3 client fails on AWS_CA_BUNDLE ("unable to load custom CA bundle"); hand the same
# bundle to rclone's own option instead (without either it trusts the system's store).
if [ -n "${AWS_CA_BUNDLE:-}" ]; then
  export RCLONE_CA_CERT="${RCLONE_CA_CERT:-$AWS_CA_BUNDLE}"
  unset AWS_CA_BUNDLE
fi
