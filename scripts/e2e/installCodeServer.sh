#!/usr/bin/env bash
# Installs code-server 4.100.3 (= VS Code 1.100.3) and playwright-core into .cache/, offline-friendly:
# only the npm registry and Debian packages are used (see docs/e2e recipe: every npm install runs with
# --ignore-scripts, native modules are rebuilt locally with node-gyp against /usr's Node headers).
# Idempotent: a marker file records a complete install; rerunning then costs a second or two.
# Usage: bash scripts/e2e/installCodeServer.sh [--force]
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="$ROOT/.cache"
CS_DIR="$CACHE/code-server"
CS_MARKER="$CS_DIR/.complete-$CODE_SERVER_VERSION"
TOOLS_DIR="$CACHE/e2e-tools"
TOOLS_MARKER="$TOOLS_DIR/.complete"
FORCE=0
[[ "${1:-}" == "--force" ]] && FORCE=1

mkdir -p "$CACHE"
T0=$SECONDS
step_start=$SECONDS
log() { echo "[e2e-install] $*"; }
timing() { log "$1: $((SECONDS - step_start)) s"; step_start=$SECONDS; }

# npm builds native addons against the installed Node headers (npm config nodedir=/usr on these
# machines); pass it explicitly as well so a direct node-gyp call uses the same headers.
NODEDIR="$(npm config get nodedir 2>/dev/null || true)"
[[ -z "$NODEDIR" || "$NODEDIR" == "undefined" || "$NODEDIR" == "null" ]] && NODEDIR=/usr
NODE_GYP="$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js"
GYP_LOG="$CACHE/node-gyp.log"
# node-gyp is chatty on stderr: keep its output in a log, print the log's tail when it fails.
node_gyp() {
  local rc=0
  if [[ -f "$NODE_GYP" ]]; then node "$NODE_GYP" --nodedir="$NODEDIR" "$@" >>"$GYP_LOG" 2>&1 || rc=$?
  else npx --yes node-gyp --nodedir="$NODEDIR" "$@" >>"$GYP_LOG" 2>&1 || rc=$?; fi
  if ((rc)); then echo "node-gyp $* failed in $PWD (rc=$rc); last lines of $GYP_LOG:" >&2; tail -40 "$GYP_LOG" >&2; fi
  return $rc
}

# ---------------------------------------------------------------------------------------------------
# 1. Debian packages
APT_PKGS=(build-essential python3 libkrb5-dev ripgrep chromium)
missing=()
for p in "${APT_PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  log "apt-get install ${missing[*]}"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  log "Debian packages already present"
fi
timing "apt"

# ---------------------------------------------------------------------------------------------------
# 2. code-server
if [[ $FORCE -eq 0 && -f "$CS_MARKER" ]]; then
  log "code-server $CODE_SERVER_VERSION already installed in $CS_DIR"
else
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR"
  : > "$GYP_LOG"
  cd "$CS_DIR"
  # Own package.json, so npm installs here and never walks up into the repo's project.
  cat > package.json <<'EOF'
{ "name": "amo-e2e-code-server", "private": true, "version": "0.0.0" }
EOF
  log "npm install code-server@$CODE_SERVER_VERSION (node-gyp output goes to $GYP_LOG)"
  npm install --ignore-scripts --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION"
  timing "npm install code-server"

  log "argon2 rebuild"
  (cd node_modules/argon2 && node_gyp rebuild --module_name=argon2 --module_path=lib/binding/napi-v3 \
     --napi_build_version=3 \
   && mkdir -p lib/binding/napi-v3 && cp build/Release/argon2.node lib/binding/napi-v3/)
  timing "argon2"

  VS="$CS_DIR/node_modules/code-server/lib/vscode"
  cd "$VS"
  log "lib/vscode npm install --omit=dev"
  npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error
  timing "lib/vscode npm install"

  mkdir -p node_modules/@vscode/ripgrep/bin
  cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg

  shopt -s nullglob
  for d in node_modules/* node_modules/@*/*; do
    [[ -f "$d/binding.gyp" ]] || continue
    case "$d" in node_modules/@vscode/windows-*) continue ;; esac
    log "node-gyp rebuild $d"
    (cd "$d" && node_gyp rebuild)
  done
  shopt -u nullglob
  timing "native rebuilds"

  ln -sfn node_modules node_modules.asar
  ln -sf code-linux.sh bin/remote-cli/code-server
  ln -sf browser-linux.sh bin/helpers/browser.sh

  log "lib/vscode/extensions npm install"
  (cd extensions && npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error)
  timing "extensions npm install"

  # Smoke check: the entry point answers --version.
  # (--config: otherwise code-server writes a default config into ~/.config/code-server)
  node "$CS_DIR/node_modules/code-server/out/node/entry.js" --config "$CS_DIR/version-check.yaml" --version
  date -u +%FT%TZ > "$CS_MARKER"
fi

# ---------------------------------------------------------------------------------------------------
# 3. playwright-core (driver only; uses Debian's /usr/bin/chromium, never downloads a browser)
if [[ $FORCE -eq 0 && -f "$TOOLS_MARKER" ]]; then
  log "playwright-core already installed in $TOOLS_DIR ($(node -p "require('$TOOLS_DIR/node_modules/playwright-core/package.json').version"))"
else
  mkdir -p "$TOOLS_DIR"
  cd "$TOOLS_DIR"
  [[ -f package.json ]] || cat > package.json <<'EOF'
{ "name": "amo-e2e-tools", "private": true, "version": "0.0.0" }
EOF
  npm install --ignore-scripts --no-audit --no-fund --loglevel=error "playwright-core@1"
  node -p "'playwright-core ' + require('playwright-core/package.json').version"
  date -u +%FT%TZ > "$TOOLS_MARKER"
  timing "playwright-core"
fi

log "done in $((SECONDS - T0)) s"
