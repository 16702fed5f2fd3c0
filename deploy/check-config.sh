#!/usr/bin/env bash
# Static checks of the deploy files, run by the test command: shell scripts parse, and the
# compose file is valid (docker-compose validates it without a Docker engine).
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/local/lib.sh

for script in deploy/*.sh deploy/local/*.sh tests/load/*.sh .ci/run; do
  bash -n "$script" || die "syntax error in $script"
done
command -v docker-compose >/dev/null || apt_install docker-compose
POSTGRES_PASSWORD=check AUTH_SIGNING_KEY=check docker-compose -f deploy/compose.yaml config -q || die "deploy/compose.yaml is invalid"
log "deploy files: scripts parse, compose.yaml is valid"
