#!/usr/bin/env bash
# Issue 2 figures, in one run on this machine, rate limit off, load from a second process (bench/SirtDesk.Load):
# (a) GET /.well-known/security.txt (a trivial endpoint: no database, profile cached), (b) raw SQLite commit rate (one row per transaction, WAL, synchronous=FULL, same disk as the
# data directory), (c) POST /api/v1/reports (~2 kB ja/en) at 64 connections, (d) GET /api/v1/reports?status=new&page=1&pageSize=50
# with a Bearer token over 10,000 stored reports.
# Usage: bench/intake.sh            (SECONDS_PER_RUN=10 WARMUP=3 CONCURRENCY=64 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${SECONDS_PER_RUN:-10}
warmup=${WARMUP:-3}
concurrency=${CONCURRENCY:-64}
out=bench/out
# The scratch directory sits on the same disk as bench/out (not a tmpfs /tmp), so (b) and the data directory share it.
mkdir -p "$out"
TMP=$(mktemp -d "$PWD/$out/run.XXXXXX")
port=5099
base="http://127.0.0.1:$port"
app="$out/app/sirtdesk"

dotnet publish src/SirtDesk -c Release -o "$out/app" -nologo -v q >/dev/null
dotnet build bench/SirtDesk.Load -c Release -nologo -v q >/dev/null
load() { dotnet bench/SirtDesk.Load/bin/Release/net10.0/SirtDesk.Load.dll "$@"; }

export SIRTDESK_Intake__RateLimitPerMinute=0 Logging__LogLevel__Default=Warning
server=
start_server() {
  "$app" --urls "$base" --data-dir "$1" >>"$TMP/server.log" 2>&1 &
  server=$!
  for _ in $(seq 150); do curl -fs "$base/healthz" >/dev/null 2>&1 && return 0; sleep 0.2; done
  echo "server did not become healthy; log:" >&2; cat "$TMP/server.log" >&2; return 1
}
stop_server() { if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; server=; fi; }
trap 'stop_server; rm -rf "$TMP"' EXIT

echo "date: $(date -u +%Y-%m-%dT%H:%MZ); cores: $(nproc); $(uname -sr); dotnet $(dotnet --version)"
echo "commit: $(git rev-parse --short HEAD); uncommitted in src/: $(git status --porcelain -- src | wc -l) file(s)"
echo "data dir filesystem: $(df -hT "$TMP" | tail -n 1 | awk '{print $1, $2}')"
start_server "$TMP/data"
printf 'a long enough password\n' | "$app" admin create --email bench@example.com --data-dir "$TMP/data" >/dev/null
token=$("$app" token create --user bench@example.com --name bench --data-dir "$TMP/data" | tail -n 1)

echo "(a) $(load get "$base/.well-known/security.txt" --concurrency "$concurrency" --seconds "$seconds" --warmup "$warmup")"
echo "(b) $(load sqlite-commit "$TMP/commit" --seconds "$seconds")"
echo "(c) $(load post-reports "$base/api/v1/reports" --concurrency "$concurrency" --seconds "$seconds" --warmup "$warmup")"
stored=$(load count "$base/api/v1/reports" --token "$token")
if [ "$stored" -le 10000 ]; then
  load seed "$base/api/v1/reports" --count $((10000 - stored)) --concurrency 16 >/dev/null
else
  # (c) stored more than 10,000: (d) runs on a second, fresh data directory holding exactly 10,000.
  echo "    (c) stored $stored reports; (d) uses a fresh data directory seeded with 10,000"
  stop_server
  start_server "$TMP/inbox"
  printf 'a long enough password\n' | "$app" admin create --email bench@example.com --data-dir "$TMP/inbox" >/dev/null
  token=$("$app" token create --user bench@example.com --name bench --data-dir "$TMP/inbox" | tail -n 1)
  load seed "$base/api/v1/reports" --count 10000 --concurrency 16 >/dev/null
fi
sleep 5 # let the search indexer catch up, so (d) measures the list alone
echo "    stored reports before (d): $(load count "$base/api/v1/reports" --token "$token")"
echo "(d) $(load get "$base/api/v1/reports?status=new&page=1&pageSize=50" --token "$token" --concurrency "$concurrency" --seconds "$seconds" --warmup "$warmup")"
stop_server
