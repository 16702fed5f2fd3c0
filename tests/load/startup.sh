#!/usr/bin/env bash
# Benchmark (run by hand, not in CI): seconds from starting deploy/local/run.sh until
# /health/ready answers 200. "cold" is a first run on an empty data folder (initdb, database,
# migrations); "warm" is the next run on the same folder. Binaries are built beforehand so
# the figures are about start-up, not compilation.
#
#   tests/load/startup.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-3}
PORT=5180
dotnet build silo/ChitLaq.Silo.csproj -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null

measure() { # $1 = data folder; prints seconds to ready
  local start end pid
  start=$(date +%s.%N)
  CHITLAQ_DATA=$1 ./deploy/local/run.sh --http-port "$PORT" --environment Production >"$1.log" 2>&1 &
  pid=$!
  until curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { tail -20 "$1.log"; exit 1; }
    sleep 0.05
  done
  end=$(date +%s.%N)
  kill -TERM "$pid"; wait "$pid" || true
  echo "$end - $start" | bc
}

for i in $(seq 1 "$RUNS"); do
  dir=$(mktemp -d /tmp/chitlaq-startup.XXXXXX); chmod 755 "$dir"
  cold=$(measure "$dir")
  warm=$(measure "$dir")
  printf 'run %d: cold %.2f s, warm %.2f s\n' "$i" "$cold" "$warm"
  rm -rf "$dir" "$dir.log"
done
