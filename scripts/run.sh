#!/usr/bin/env bash
# run.sh sets up a fresh Debian 12 machine (as root) and starts Loket as a municipality
# would run it, on one machine: the hub (SQLite, on 127.0.0.1:8440) and the kiosk connected
# to it, with a token provisioned for the kiosk, receipts printed to a CUPS PDF queue, and
# speech through espeak-ng. Data lives in ./loket-data. Pass -fullscreen for kiosk mode
# (the window then cannot be closed from the screen: staff leave it with their PIN).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
queue_dir="$(bash scripts/setup-cups.sh)"
export PATH="/usr/local/go/bin:$PATH"
mkdir -p bin loket-data
chmod 700 loket-data
echo "run: building (the first build takes several minutes)"
go build -o bin/kiosk ./cmd/kiosk
go build -o bin/hub ./cmd/hub

hubdb=loket-data/hub.db
token_file=loket-data/kiosk.token
if [ ! -s "$token_file" ]; then
  bin/hub kiosk add DEV01 -db "$hubdb" | head -1 > "$token_file"
  chmod 600 "$token_file"
  echo "run: registered kiosk DEV01 with the hub"
fi
if [ ! -f loket.toml ]; then
  sed -e 's|^\[services\]|[hub]\nurl = "http://127.0.0.1:8440"\ntoken_file = "loket-data/kiosk.token"\n\n[printer]\nqueue = "LoketPDF"\n\n[services]|' \
    loket.example.toml > loket.toml
  echo "run: wrote loket.toml (hub on 127.0.0.1:8440, receipts to the LoketPDF queue: $queue_dir)"
fi

bin/hub serve -db "$hubdb" > loket-data/hub.log 2>&1 &
hub=$!
trap 'kill $hub 2>/dev/null || true' EXIT
echo "run: hub running (log: loket-data/hub.log; status pages at http://127.0.0.1:8440/status/REFERENCE)"

window=-window
[ "${1:-}" = "-fullscreen" ] && window=
if [ -z "${DISPLAY:-}" ]; then
  echo "run: no display; starting Xvfb on :99 (look with: DISPLAY=:99 import -window root shot.png)"
  Xvfb :99 -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
  export DISPLAY=:99
  sleep 1
fi
LANG="${LANG:-nl_BE.UTF-8}" bin/kiosk -config loket.toml $window
