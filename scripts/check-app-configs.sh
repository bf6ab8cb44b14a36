#!/usr/bin/env bash
# Checks every app-config combination the repo runs (app-config.yaml alone, and with each
# app-config.*.yaml) against the packages' config schemas, strictly: a misspelt key
# (`stewardship.backlog.topn`) is an error here, where at run time it would be ignored and its
# default used. `--lax` lets environment variables stay unset. And the schema's own guard: a
# misspelt key in a built-in metric source's entry must fail (the catch-all entry for module-added
# types excludes the built-in type names; config.d.ts).
#
# The checks run side by side (each is a few seconds of loading every package's schema, most of
# the step's time one after another); their verdicts are printed in order.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

misspelt="$dir/misspelt.yaml"
printf '%s\n' 'stewardship:' '  metricSources:' '    misspelt:' '      type: prometheus' \
  '      baseurl: http://127.0.0.1:9090' >"$misspelt"

extras=("" app-config.*.yaml)
pids=()
for i in "${!extras[@]}"; do
  args=(--config app-config.yaml)
  [ -n "${extras[$i]}" ] && args+=(--config "${extras[$i]}")
  yarn backstage-cli config:check --strict --lax "${args[@]}" >"$dir/$i.log" 2>&1 &
  pids+=($!)
done
yarn backstage-cli config:check --strict --lax --config app-config.yaml --config "$misspelt" \
  >"$dir/misspelt.log" 2>&1 &
misspelt_pid=$!

status=0
for i in "${!extras[@]}"; do
  label="app-config.yaml${extras[$i]:+ + ${extras[$i]}}"
  if wait "${pids[$i]}"; then
    echo "config: $label: ok"
  else
    echo "config: $label: FAILED"
    cat "$dir/$i.log"
    status=1
  fi
done
if wait "$misspelt_pid"; then
  echo "config: a prometheus source with a misspelt 'baseurl' passed the schema: FAILED"
  status=1
elif grep -q baseurl "$dir/misspelt.log"; then
  echo "config: a prometheus source with a misspelt 'baseurl' is refused: ok"
else
  echo "config: a prometheus source with a misspelt 'baseurl' failed for another reason: FAILED"
  cat "$dir/misspelt.log"
  status=1
fi
exit "$status"
