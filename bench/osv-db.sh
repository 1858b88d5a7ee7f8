#!/usr/bin/env bash
# Issue 8, database side: `sirtdesk osv import` of the 200,000 synthetic advisories from bench/SirtDesk.SbomBench into
# SQLite (first import, then the incremental re-run where every advisory is unchanged), then `sirtdesk sbom import` of
# the 10,000-component SBOM (store + match against the stored advisories + findings). Peak RSS from /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/sirtdesk-osvdb.XXXXXX)
trap 'rm -rf "$work"' EXIT
dotnet build bench/SirtDesk.SbomBench -c Release -nologo -v q >/dev/null
dotnet publish src/SirtDesk -c Release -o "$work/app" -nologo -v q >/dev/null
echo "cores: $(nproc)"
dotnet bench/SirtDesk.SbomBench/bin/Release/net10.0/SirtDesk.SbomBench.dll --generate "$work/data" "${COMPONENTS:-10000}" "${ADVISORIES:-200000}"
zip="$work/data/osv.zip"
sbom="$work/data/sbom.json"
run() { /usr/bin/time -f "  wall %e s, CPU user %U s + sys %S s, peak RSS %M kB" "$work/app/sirtdesk" "$@" --data-dir "$work/db" --Logging:LogLevel:Default=Warning; }
"$work/app/sirtdesk" migrate --data-dir "$work/db" >/dev/null
echo "osv import (first):"; run osv import "$zip"
echo "osv import (again, nothing newer):"; run osv import "$zip"
sqlite3 "$work/db/sirtdesk.db" "INSERT INTO Products (Key, Kind, NameJa, NameEn, Team, Lifecycle, Exposure, Deployment) VALUES ('bench', 'product', 'bench', 'bench', 'psirt', 'supported', 'internet', 'many');"
echo "sbom import (store + match + findings):"; run sbom import --product bench --version 1.0 "$sbom"
