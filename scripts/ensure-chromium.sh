#!/usr/bin/env bash
# Browser tests and the browser crawler use Debian's chromium; Playwright's own browser download needs the internet, which CI does not have.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then exit 0; fi
echo "chromium not found at $CHROMIUM; installing Debian's chromium package..." >&2
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >&2
[ -x "$CHROMIUM" ] || { echo "chromium install failed; install Debian's chromium or set CHROMIUM_PATH" >&2; exit 1; }
