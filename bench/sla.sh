#!/usr/bin/env bash
# Issue 4: computing all SLA clocks and due times of 100,000 open cases (dashboard query + calendar math), SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/sirtdesk-sla.XXXXXX)
trap 'rm -rf "$work"' EXIT
dotnet build bench/SirtDesk.SlaBench -c Release -nologo -v q >/dev/null
echo "cores: $(nproc)"
bench=bench/SirtDesk.SlaBench/bin/Release/net10.0/SirtDesk.SlaBench.dll
dotnet "$bench" generate "$work" "${CASES:-100000}"
dotnet "$bench" measure "$work"
