#!/bin/sh
# Regenerates cwe.json.gz (CWE id -> name) from the catalogue cwec.json ({version, date, weaknesses[{id, name, status}]}).
# Usage: Csaf/Data/make-cwe.sh path/to/cwec.json   (run from src/SirtDesk.Standards)
set -eu
jq -cS '{version, date, names: (.weaknesses | map({key: .id, value: .name}) | from_entries)}' "$1" | gzip -9n > "$(dirname "$0")/cwe.json.gz"
