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
# And the schema's own guard: a misspelt key in a built-in metric source's entry must fail (the
# catch-all entry for module-added types excludes the built-in type names; config.d.ts).
misspelt=$(mktemp --suffix=.yaml)
trap 'rm -f "$log" "$misspelt"' EXIT
printf '%s\n' 'stewardship:' '  metricSources:' '    misspelt:' '      type: prometheus' \
  '      baseurl: http://127.0.0.1:9090' >"$misspelt"
if yarn backstage-cli config:check --strict --lax --config app-config.yaml --config "$misspelt" \
  >"$log" 2>&1; then
  echo "config: a prometheus source with a misspelt 'baseurl' passed the schema: FAILED"
  status=1
elif grep -q baseurl "$log"; then
  echo "config: a prometheus source with a misspelt 'baseurl' is refused: ok"
else
  echo "config: a prometheus source with a misspelt 'baseurl' failed for another reason: FAILED"
  cat "$log"
  status=1
fi
exit "$status"
