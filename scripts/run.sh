#!/usr/bin/env bash
# run.sh sets up a fresh Debian 12 machine (as root) and starts Loket: the kiosk in a
# window, with its data in ./loket-data. Pass -fullscreen for kiosk mode. The kiosk works
# offline; submissions wait in its outbox until a hub is configured.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="/usr/local/go/bin:$PATH"
mkdir -p bin
go build -o bin/kiosk ./cmd/kiosk
[ -f loket.toml ] || cp loket.example.toml loket.toml
window=-window
[ "${1:-}" = "-fullscreen" ] && window=
if [ -z "${DISPLAY:-}" ]; then
  echo "run: no display; starting Xvfb on :99 (look with: DISPLAY=:99 import -window root shot.png)"
  Xvfb :99 -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
  export DISPLAY=:99
  sleep 1
fi
exec bin/kiosk -config loket.toml $window
