#!/usr/bin/env bash
# setup-cups.sh installs and starts a local CUPS with a PDF queue, so the printing tests print
# through the real `lp` and CUPS path and read back the PDF the queue wrote. It prints the
# folder where the queue writes its PDFs, alone on stdout:
#
#   export LOKET_TEST_CUPS_PDF_DIR="$(scripts/setup-cups.sh)"   # queue: LoketPDF
#
# It is idempotent: the packages, the running cupsd and the queue are each made only when
# missing, and a queue left disabled by a test (cupsdisable) is enabled again. It works
# without systemd (containers, CI): cupsd daemonises itself.
set -euo pipefail

say() { echo "setup-cups: $*" >&2; }
queue="${LOKET_TEST_CUPS_QUEUE:-LoketPDF}"

need=(cups cups-bsd cups-client printer-driver-cups-pdf)
missing=()
for p in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

if ! lpstat -r 2>/dev/null | grep -q "is running"; then
  say "starting cupsd"
  if command -v systemctl >/dev/null && systemctl is-system-running >/dev/null 2>&1; then
    systemctl start cups >&2
  else
    cupsd >&2
  fi
  # cupsd answers a second or so after it daemonised.
  for _ in $(seq 1 100); do
    if lpstat -r 2>/dev/null | grep -q "is running"; then break; fi
    sleep 0.1
  done
  lpstat -r 2>/dev/null | grep -q "is running" || { say "cupsd did not start"; exit 1; }
fi

if ! lpstat -p "$queue" >/dev/null 2>&1; then
  say "adding queue $queue"
  ppd="$(ls /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd /usr/share/ppd/cups-pdf/*.ppd 2>/dev/null | head -1)"
  if [ -n "$ppd" ]; then
    lpadmin -p "$queue" -v cups-pdf:/ -E -P "$ppd" 2>/dev/null
  else
    lpadmin -p "$queue" -v cups-pdf:/ -E -m lsb/usr/cups-pdf/CUPS-PDF_opt.ppd 2>/dev/null
  fi
fi
# A test may have disabled the queue to simulate a printer that is off; start clean.
cupsenable "$queue" >&2
cupsaccept "$queue" >&2

# The folder cups-pdf writes to: the Out setting, ${HOME} being the job owner's home.
out="$(awk '$1 == "Out" {print $2}' /etc/cups/cups-pdf.conf 2>/dev/null | tail -1)"
[ -n "$out" ] || out='${HOME}/PDF'
home_token='${HOME}'
out="${out//"$home_token"/$HOME}"
mkdir -p "$out"
echo "$out"
