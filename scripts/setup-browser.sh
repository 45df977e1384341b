#!/usr/bin/env bash
# Installs what the browser tests need, from package registries only: Debian's Chromium (no
# browser download; Playwright drives it without `playwright install`), Debian's headless
# LibreOffice Calc (the tracker's formulas computed in tests) and, from npm, axe-core
# and Lighthouse (pinned in tests/browser/package-lock.json; scripts/lighthouse.py uses the latter).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium is missing and cannot be installed without root: install Debian's 'chromium' package." >&2
    exit 1
  fi
fi
# LibreOffice Calc, headless: the tracker tests compute its formulas with it (tests/trackers.py)
if ! command -v soffice >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-calc-nogui >/dev/null
  elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-calc-nogui >/dev/null
  else
    echo "LibreOffice is missing and cannot be installed without root: install Debian's 'libreoffice-calc-nogui' package." >&2
    exit 1
  fi
fi
modules=tests/browser/node_modules
if [ -f tests/browser/package.json ] && { [ ! -f $modules/axe-core/axe.min.js ] || [ ! -f $modules/lighthouse/cli/index.js ]; }; then
  (cd tests/browser && npm ci --silent --no-audit --no-fund)
fi
