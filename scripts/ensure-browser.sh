#!/usr/bin/env bash
# Make sure Playwright has a Chromium to drive: Debian's package where we can install it
# (Playwright cannot download its own browsers on our machines), Playwright's own elsewhere.
set -euo pipefail
if [ -x /usr/bin/chromium ] || [ -x /usr/bin/chromium-browser ]; then exit 0; fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
elif command -v apt-get >/dev/null 2>&1 && command -v sudo >/dev/null 2>&1; then
  sudo apt-get update
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
else
  npx --yes playwright install chromium
fi
