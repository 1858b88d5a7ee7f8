#!/usr/bin/env bash
# Issue 5: inbound PGP/MIME mail for an RSA-4096 and a Cv25519 team key — the product path (MailIntake: parse,
# decrypt, verify, store through the group-commit writer on SQLite), decryption+verification alone, gpg --decrypt of
# the same messages, and openssl's raw RSA-4096 private-key rate as the ceiling.
# Usage: bench/mail.sh            (MESSAGES=1000 RUNS=5 CONCURRENCY=4×cores by default)
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/sirtdesk-mail.XXXXXX)
trap 'gpgconf --homedir "$work/gpg-send" --kill gpg-agent 2>/dev/null || true; gpgconf --homedir "$work/gpg-recv" --kill gpg-agent 2>/dev/null || true; rm -rf "$work"' EXIT
dotnet build bench/SirtDesk.MailBench -c Release -nologo -v q >/dev/null
echo "date: $(date -u +%Y-%m-%dT%H:%MZ); cores: $(nproc); load average: $(cut -d' ' -f1-3 /proc/loadavg); dotnet $(dotnet --version); $(gpg --version | head -n 1); $(openssl version)"
# What a durable commit costs on this disk: the product path acknowledges a message only after SQLite's fsync.
echo "disk: 200 synchronous 4 kB writes (dd oflag=dsync): $(dd if=/dev/zero of="$work/dsync" bs=4k count=200 oflag=dsync 2>&1 | tail -n 1)"
echo "commit: $(git rev-parse --short HEAD); uncommitted in src/: $(git status --porcelain -- src | wc -l) file(s)"
cores=$(nproc)
dotnet bench/SirtDesk.MailBench/bin/Release/net10.0/SirtDesk.MailBench.dll "$work" "${MESSAGES:-1000}" "${RUNS:-5}" "${CONCURRENCY:-$((4 * cores))}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
