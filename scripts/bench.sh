#!/usr/bin/env bash
# bench.sh runs the benchmarks that docs/PERFORMANCE.md reports, each beside its baseline
# in the same run. The start-up benchmark needs an X server: it gets its own Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
go test -run '^$' -bench 'DurableSave' -benchtime 3s -count 5 ./kiosk
go test -run '^$' -bench 'QuestionScreen' -benchtime 2s -count 3 -benchmem ./ui
Xvfb :98 -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1
DISPLAY=:98 go test -run '^$' -bench 'Startup' -benchtime 10x ./cmd/kiosk
