#!/usr/bin/env bash
# screenshots.sh starts the real kiosk under Xvfb at 1920×1080, walks through its main
# screens with sample answers and saves a PNG of each (default: docs/screenshots).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs/screenshots}"
export PATH="/usr/local/go/bin:$PATH"
# The race-enabled build shares the test suite's build cache: no second cold GL build.
go build -race -o bin/kiosk-race ./cmd/kiosk
display=":$((90 + RANDOM % 9))"
Xvfb "$display" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  [ -e "/tmp/.X11-unix/X${display#:}" ] && break
  sleep 0.1
done
DISPLAY="$display" bin/kiosk-race screenshots -out "$out"
