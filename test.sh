#!/usr/bin/env bash
# Installs what the tests need (Debian packages), starts a throwaway PostgreSQL, runs every test project
# (the app suite on SQLite and on PostgreSQL) and prints one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)

sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi

packages=(postgresql postgresql-contrib gnupg chromium fonts-ipafont-gothic dovecot-imapd)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null \
    || { echo "test.sh: apt-get install failed"; echo "0 passed, 1 failed"; exit 1; }
fi

# The IMAP tests start their own Dovecot, which runs mail processes as this unprivileged user (never as root).
if ! getent passwd vmail >/dev/null; then
  $sudo_cmd useradd -r -M -d /nonexistent -s /usr/sbin/nologin vmail || echo "test.sh: could not create the vmail user"
fi

# A private PostgreSQL cluster on a free port, removed afterwards.
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
work=$(mktemp -d /tmp/sirtdesk-test.XXXXXX)
chmod 755 "$work"
pgdata="$work/pg"
pgport=${SIRTDESK_TEST_PGPORT:-55432}
run_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
mkdir -p "$pgdata"
[ "$(id -u)" -eq 0 ] && chown postgres "$pgdata"
run_pg "$pgbin/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null \
  && run_pg "$pgbin/pg_ctl" -D "$pgdata" -o "-p $pgport -k $pgdata -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=200" -l "$pgdata/log.txt" -w start >/dev/null \
  || { echo "test.sh: PostgreSQL did not start"; cat "$pgdata/log.txt" 2>/dev/null; }
cleanup() {
  run_pg "$pgbin/pg_ctl" -D "$pgdata" -m immediate stop >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
export SIRTDESK_TEST_PG="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=50"

results="$root/TestResults"
rm -rf "$results"
mkdir -p "$results"
status=0

dotnet tool restore >/dev/null || status=1
dotnet build SirtDesk.slnx -c Debug -nologo -v q || { echo "test.sh: build failed"; echo "0 passed, 1 failed"; exit 1; }

run() { # name, project, extra env...
  local name=$1 project=$2; shift 2
  env "$@" dotnet test "$project" --no-build -nologo --logger "trx;LogFileName=$name.trx" --results-directory "$results" || status=1
}
run standards tests/SirtDesk.Standards.Tests
run app-sqlite tests/SirtDesk.Tests SIRTDESK_TEST_DB=sqlite
run app-postgres tests/SirtDesk.Tests SIRTDESK_TEST_DB=postgres
if [ -d tests/SirtDesk.BrowserTests ]; then
  run browser tests/SirtDesk.BrowserTests
fi

passed=0; failed=0
for f in "$results"/*.trx; do
  [ -f "$f" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$f" | head -n 1)
  p=$(echo "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')
  x=$(echo "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
  passed=$((passed + ${p:-0})); failed=$((failed + ${x:-0}))
done
expected=3; [ -d tests/SirtDesk.BrowserTests ] && expected=4
found=$(ls "$results"/*.trx 2>/dev/null | wc -l)
if [ "$found" -lt "$expected" ]; then failed=$((failed + expected - found)); status=1; fi
if [ "$failed" -gt 0 ]; then status=1; fi
echo "$passed passed, $failed failed"
exit $status
