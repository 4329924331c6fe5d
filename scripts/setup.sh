#!/usr/bin/env bash
# setup.sh installs what Loket needs to build, run and test on a fresh Debian 12 machine.
# It is idempotent: packages already present are skipped, Go modules come from the cache.
set -euo pipefail
cd "$(dirname "$0")/.."

need=(gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev
  libxinerama-dev libxi-dev libxxf86vm-dev xvfb xauth poppler-utils imagemagick ca-certificates
  espeak-ng)
missing=()
for p in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v go >/dev/null; then
  if [ -x /usr/local/go/bin/go ]; then export PATH=/usr/local/go/bin:$PATH
  else echo "setup: Go 1.26 is needed (https://go.dev/dl/)"; exit 1; fi
fi
go mod download
