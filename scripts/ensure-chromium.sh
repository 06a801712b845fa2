#!/usr/bin/env bash
# Print the path of a Chromium the browser tests can drive (Playwright with executablePath), installing Debian's
# package where it is missing, so that the browser tests never skip and never download a browser of their own:
#   CHROMIUM="$(scripts/ensure-chromium.sh)"
# 1. CITYCARD_CHROMIUM, or /usr/bin/chromium;
# 2. the Debian package `chromium` (apt-get, as root).
# Only the path goes to stdout; progress goes to stderr.
set -euo pipefail
exec 3>&1 1>&2

log() { echo "ensure-chromium: $*"; }
found() { echo "$1" >&3; exit 0; }

CHROMIUM="${CITYCARD_CHROMIUM:-/usr/bin/chromium}"
usable() { [[ -x "$1" ]] && "$1" --headless --no-sandbox --disable-gpu --version >/dev/null 2>&1; }

if usable "$CHROMIUM"; then found "$CHROMIUM"; fi

if [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  log "no Chromium at $CHROMIUM; installing the Debian package 'chromium' (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  if { apt-get install -y -qq chromium || { apt-get update -qq && apt-get install -y -qq chromium; }; } >&2 2>&1 \
     && usable /usr/bin/chromium; then
    found /usr/bin/chromium
  fi
fi

log "no usable Chromium: install Debian's 'chromium' package (apt-get install chromium) or set CITYCARD_CHROMIUM"
exit 1
