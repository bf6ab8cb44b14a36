#!/usr/bin/env bash
# Checks every app-config combination the repo runs against the packages' config schemas, strictly:
# a misspelt key (`stewardship.backlog.topn`) is an error here, where at run time it would be
# ignored and its default used. `--lax` lets environment variables stay unset.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
for extra in "" app-config.demo.yaml app-config.e2e.yaml app-config.postgres.yaml app-config.production.yaml; do
  args=(--config app-config.yaml)
  [ -n "$extra" ] && args+=(--config "$extra")
  if yarn backstage-cli config:check --strict --lax "${args[@]}" > /tmp/check-app-configs.$$.log 2>&1; then
    echo "config: app-config.yaml${extra:+ + $extra}: ok"
  else
    echo "config: app-config.yaml${extra:+ + $extra}: FAILED"
    cat /tmp/check-app-configs.$$.log
    status=1
  fi
done
rm -f /tmp/check-app-configs.$$.log
exit "$status"
