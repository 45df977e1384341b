#!/usr/bin/env bash
# Installs what the browser and office tests need, from package registries only: Debian's
# Chromium (no browser download; Playwright drives it without `playwright install`), Debian's
# headless LibreOffice Calc (the tracker's formulas computed in tests) and Writer (the Word forms
# laid out in tests/test_forms_print.py), poppler (page images), and, from npm, axe-core and
# Lighthouse (pinned in tests/browser/package-lock.json; scripts/lighthouse.py uses the latter).
set -euo pipefail
cd "$(dirname "$0")/.."
# Only what is missing is installed, so a second run is quick.
program=/usr/lib/libreoffice/program
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ -e $program/libsclo.so ] || missing+=(libreoffice-calc-nogui)
[ -e $program/libswlo.so ] || missing+=(libreoffice-writer-nogui)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "Missing and cannot be installed without root: install Debian's ${missing[*]}." >&2
    exit 1
  fi
fi
modules=tests/browser/node_modules
if [ -f tests/browser/package.json ] && { [ ! -f $modules/axe-core/axe.min.js ] || [ ! -f $modules/lighthouse/cli/index.js ]; }; then
  (cd tests/browser && npm ci --silent --no-audit --no-fund)
fi
