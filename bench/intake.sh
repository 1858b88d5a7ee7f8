#!/usr/bin/env bash
# Issue 2 figures, in one run on this machine: (a) trivial endpoint, (b) raw SQLite durable commit rate,
# (c) POST /api/v1/reports (2 kB ja/en) at 64 connections, (d) inbox JSON list (50/page) over 10,000 reports.
# The load comes from a second process (bench/SirtDesk.AppBench) on loopback; the rate limit is off.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${SECONDS_PER_RUN:-10}
out=bench/out
work=$(mktemp -d /tmp/sirtdesk-bench.XXXXXX)
port=5099
base="http://127.0.0.1:$port"
dotnet publish src/SirtDesk -c Release -o "$out/app" -nologo -v q >/dev/null
dotnet build bench/SirtDesk.AppBench -c Release -nologo -v q >/dev/null
load="dotnet bench/SirtDesk.AppBench/bin/Release/net10.0/SirtDesk.AppBench.dll"

export SIRTDESK_Intake__RateLimitPerMinute=0 Logging__LogLevel__Default=Warning
server=
start_server() { # a fresh data directory each time
  "$out/app/sirtdesk" --urls "$base" --data-dir "$1" >"$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 100); do curl -fs "$base/healthz" >/dev/null && break; sleep 0.2; done
}
stop_server() { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; }
trap 'stop_server; rm -rf "$work"' EXIT
start_server "$work/data"

echo "cores: $(nproc)"
echo "(a) $($load get "$base/.well-known/security.txt" "$seconds" 64)"
echo "(b) $($load sqlite-commit "$work/commit" "$seconds")"
echo "(c) $($load post-reports "$base/api/v1/reports" "$seconds" 64)"
# (d) on exactly 10,000 stored reports: a second, fresh data directory.
stop_server
start_server "$work/inbox"
printf 'bench password long enough\n' | "$out/app/sirtdesk" admin create --email bench@example.com --data-dir "$work/inbox" >/dev/null
token=$("$out/app/sirtdesk" token create --user bench@example.com --name bench --data-dir "$work/inbox" | tail -n 1)
$load seed-reports "$base" 10000 >/dev/null
sleep 5 # let the search indexer catch up, so (d) measures the list alone
echo "(d) $($load get "$base/api/v1/reports?status=new&page=1&pageSize=50" "$seconds" 64 "$token")"
