#!/usr/bin/env bash
# Command 1: set up (scripts/setup.sh) and start the Stewardship demo.
#   frontend http://localhost:3000 (sign in as Guest), backend http://localhost:7007
# The backend runs on SQLite (in memory, from app-config.yaml) and loads the demo catalog from
# examples/, starts the demo Prometheus (scripts/demo/prometheus.mjs) and seeds the demo SLOs
# (scripts/demo/seed-slos.mjs) and incidents (scripts/demo/seed-incidents.mjs), through the API
# with app-config.demo.yaml's token. `node scripts/demo/pagerduty-replay.mjs` then sends a signed
# PagerDuty incident to the running demo.
# Extra arguments go to `backstage-cli repo start`, e.g. `--config app-config.local.yaml` (which
# may move the app and the backend to other ports: the seeders follow `backend.baseUrl`).
# Stop with Ctrl-C.
set -euo pipefail

# A relative --config is the caller's (`--config app-config.postgres.yaml` from the repo root):
# made absolute here, since backstage-cli resolves it from each package's folder.
EXTRA_ARGS=()
expect_config=""
for arg in "$@"; do
  if [ -n "$expect_config" ]; then
    case "$arg" in /*) ;; *) arg="$PWD/$arg" ;; esac
    expect_config=""
  elif [ "$arg" = "--config" ]; then
    expect_config=1
  elif [[ "$arg" == --config=* ]]; then
    value="${arg#--config=}"
    case "$value" in /*) ;; *) arg="--config=$PWD/$value" ;; esac
  fi
  EXTRA_ARGS+=("$arg")
done

cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
# shellcheck source=scripts/env.sh
source scripts/env.sh

CONFIG_ARGS=(--config "$STEWARDSHIP_ROOT/app-config.yaml" --config "$STEWARDSHIP_ROOT/app-config.demo.yaml" ${EXTRA_ARGS[@]+"${EXTRA_ARGS[@]}"})
# Fails, saying what holds it, when the app's or the backend's port is taken (e.g. by an earlier
# start or an e2e run), rather than starting a frontend whose backend dies with EADDRINUSE.
BACKEND_URL=$(node scripts/demo/check-ports.mjs "${CONFIG_ARGS[@]}")
export STEWARDSHIP_BACKEND_URL="${STEWARDSHIP_BACKEND_URL:-$BACKEND_URL}"

# The demo's metric source: a local Prometheus with generated history (skipped with a hint when
# Prometheus is not installed; the SLOs then say no-data with the reason).
node scripts/demo/prometheus.mjs start
SEED_PID=""
INCIDENT_SEED_PID=""
JIRA_PID=""
cleanup() {
  # Never fail here (set -e): a seeder that already finished must not keep Prometheus running.
  if [ -n "$JIRA_PID" ]; then kill "$JIRA_PID" 2>/dev/null || true; fi
  if [ -n "$SEED_PID" ]; then kill "$SEED_PID" 2>/dev/null || true; fi
  if [ -n "$INCIDENT_SEED_PID" ]; then kill "$INCIDENT_SEED_PID" 2>/dev/null || true; fi
  node scripts/demo/prometheus.mjs stop || true
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The demo's issue tracker: a local stand-in for Jira Cloud with invented issues (demo data) for
# the Backlog tab, on 127.0.0.1:19091 (stewardship.backlog.jira in app-config.demo.yaml).
node scripts/demo/jira.mjs &
JIRA_PID=$!

# Imports the demo SLOs through the API once the backend is up, and evaluates their history.
node scripts/demo/seed-slos.mjs &
SEED_PID=$!
# Records the demo incident history (linked to the SLOs once they are imported).
node scripts/demo/seed-incidents.mjs &
INCIDENT_SEED_PID=$!

node "$STEWARDSHIP_ROOT/.yarn/releases/yarn-4.13.0.cjs" start "${CONFIG_ARGS[@]}"
