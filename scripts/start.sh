#!/usr/bin/env bash
# Command 1: set up (scripts/setup.sh) and start the Stewardship demo.
#   frontend http://localhost:3000 (sign in as Guest), backend http://localhost:7007
# The backend runs on SQLite (in memory, from app-config.yaml) and loads the demo catalog from
# examples/. Extra arguments go to `backstage-cli repo start`, e.g. `--config app-config.local.yaml`.
# Stop with Ctrl-C.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
# shellcheck source=scripts/env.sh
source scripts/env.sh

echo "start: frontend http://localhost:3000, backend http://localhost:7007 (Ctrl-C stops both)"
exec node "$STEWARDSHIP_ROOT/.yarn/releases/yarn-4.13.0.cjs" start "$@"
