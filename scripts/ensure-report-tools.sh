#!/usr/bin/env bash
# 每周一议 PDFs: headless Chromium needs a CJK font to print Chinese, and the tests read PDFs back
# with pdftotext (poppler-utils). Installs Debian's packages where missing.
set -euo pipefail
missing=()
fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-wqy-zenhei)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing ${missing[*]} (Chinese font for PDF reports, pdftotext for their tests)..." >&2
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >&2
fc-list :lang=zh | grep -q . && command -v pdftotext >/dev/null || { echo "install failed: need a CJK font (fonts-wqy-zenhei) and poppler-utils" >&2; exit 1; }
