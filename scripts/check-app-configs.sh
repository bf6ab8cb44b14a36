#!/usr/bin/env bash
# Checks every app-config combination the repo runs (app-config.yaml alone, and with each
# app-config.*.yaml) against the packages' config schemas, strictly: a misspelt key
# (`stewardship.backlog.topn`) is an error here, where at run time it would be ignored and its
# default used. `--lax` lets environment variables stay unset.
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
for extra in "" app-config.*.yaml; do
  args=(--config app-config.yaml)
  [ -n "$extra" ] && args+=(--config "$extra")
  if yarn backstage-cli config:check --strict --lax "${args[@]}" > "$log" 2>&1; then
    echo "config: app-config.yaml${extra:+ + $extra}: ok"
  else
    echo "config: app-config.yaml${extra:+ + $extra}: FAILED"
    cat "$log"
    status=1
  fi
done
exit "$status"
