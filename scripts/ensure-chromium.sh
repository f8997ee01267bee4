#!/usr/bin/env bash
# Makes sure Debian's chromium is at /usr/bin/chromium for the browser tests (test/browser/).
# Idempotent: silent and instant when chromium is already there. Needs root (or sudo) to install.
# playwright-core drives this system browser; no Playwright browser download happens.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

run_as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "ensure-chromium: /usr/bin/chromium missing and not root (no sudo); cannot install" >&2
    exit 1
  fi
}

echo "ensure-chromium: /usr/bin/chromium not found; installing Debian package 'chromium'"
echo "ensure-chromium: apt-get update"
run_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
echo "ensure-chromium: apt-get install -y --no-install-recommends chromium"
run_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium

if [ ! -x /usr/bin/chromium ]; then
  echo "ensure-chromium: install finished but /usr/bin/chromium is still missing" >&2
  exit 1
fi
echo "ensure-chromium: installed $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
