#!/usr/bin/env bash
# Installs Debian's Chromium for the report's browser test (playwright-core drives it with
# executablePath /usr/bin/chromium; no browser download). Needs root, as on this project's machines.
set -euo pipefail
if command -v /usr/bin/chromium >/dev/null 2>&1; then
  /usr/bin/chromium --version
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
/usr/bin/chromium --version
