#!/usr/bin/env bash
# Issue 8: parse+index 200,000 OSV advisories (zip and folder), match a 10,000-component CycloneDX SBOM, peak memory;
# then the CLI contract `sirtdesk sbom match` end to end on the same files (wall time, max RSS via /usr/bin/time).
# The synthetic data is generated once into $SBOM_BENCH_DIR (default /tmp/sirtdesk-sbom-bench, ~500 MB) and reused;
# `SirtDesk.SbomBench --generate DIR [COMPONENTS ADVISORIES]` (or SbomBenchData.Generate) writes it for other benchmarks.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${SBOM_BENCH_DIR:-/tmp/sirtdesk-sbom-bench}
dotnet build bench/SirtDesk.SbomBench -c Release -nologo -v q >/dev/null
dotnet build src/SirtDesk -c Release -nologo -v q >/dev/null
echo "cores: $(nproc); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet bench/SirtDesk.SbomBench/bin/Release/net10.0/SirtDesk.SbomBench.dll "$data" "${COMPONENTS:-10000}" "${ADVISORIES:-200000}"
for osv in "$data/osv.zip" "$data/osv"; do
  /usr/bin/time -f "cli: sirtdesk sbom match --osv $(basename "$osv"): %e s wall, %U s user + %S s sys CPU, max RSS %M KB" \
    dotnet src/SirtDesk/bin/Release/net10.0/sirtdesk.dll sbom match --sbom "$data/sbom.json" --osv "$osv" > "$data/match.txt"
  if LC_ALL=C sort -u "$data/match.txt" | cmp -s - "$data/match.txt"; then sorted=yes; else sorted=NO; fi
  echo "cli: $(wc -l < "$data/match.txt") lines; equal to LC_ALL=C sort -u of itself: $sorted"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
