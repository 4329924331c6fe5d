#!/usr/bin/env bash
# test.sh sets up everything the tests need on a fresh Debian 12 machine (as root) and runs
# the whole suite: vet, every Go test with the race detector (real SQLite files, a real
# PostgreSQL, a real CUPS queue, real HTTP on loopback, Fyne's headless test driver), and a
# smoke run of the real kiosk window under Xvfb. `.ci/run` calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
if [ -x scripts/setup-postgres.sh ]; then
  LOKET_TEST_PG_DSN="$(bash scripts/setup-postgres.sh)"
  export LOKET_TEST_PG_DSN
fi
if [ -x scripts/setup-cups.sh ]; then
  LOKET_TEST_CUPS_PDF_DIR="$(bash scripts/setup-cups.sh)"
  export LOKET_TEST_CUPS_PDF_DIR
fi
export PATH="/usr/local/go/bin:$PATH"
export LANG=nl_BE.UTF-8 # Fyne parses it (C.UTF-8 logs a harmless error); the kiosk picks its language per citizen

echo "== go vet"
go vet ./...

echo "== go test -race (a cold build of Fyne and SQLite takes several minutes)"
go test -race -count=1 -timeout 30m ./...

echo "== the real kiosk window under Xvfb"
bash scripts/screenshots.sh "$(mktemp -d)"
