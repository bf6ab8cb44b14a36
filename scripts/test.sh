#!/usr/bin/env bash
# Command 2: set up (scripts/setup.sh), then run every check of the Stewardship monorepo:
#   typecheck  yarn tsc (from no build info, as on a fresh clone; the sources, bench, migrations and
#              the Playwright tests with their config)
#   lint       yarn backstage-cli repo lint            (all packages; `yarn lint` needs origin/master)
#              yarn fix --check --publish (package.json fields Backstage's CLI keeps for published packages)
#              yarn lint:path-case (fails when two tracked paths differ only in letter case)
#              yarn lint:doc-yaml  (fails when a ```yaml example in a tracked Markdown file does not parse)
#              yarn lint:config    (fails when an app-config*.yaml breaks the config schemas, strictly)
#              yarn lint:openapi   (fails when src/schema/openapi/generated/router.ts is stale, or a property or parameter of the spec has no description)
#              yarn prettier:check (every file prettier formats, docs and YAML included; beside
#                                   the checks above, its output after theirs)
#              yarn lint:api-reports (fails when a package's report.api.md / report.sql.md is
#              stale; reads the declarations the typecheck step's `yarn tsc` wrote to dist-types)
#   package    scripts/pack-check.mjs: every plugin package built and packed (`yarn pack`) as an
#              adopter gets it, each archive checked (no workspace: range, every entry point and
#              import inside it or declared), then the packed backend packages started in a
#              Backstage backend on SQLite (the README's install steps) and asked to create, list
#              and validate an SLO and resolve an entity's owners (~1.5 min)
#   unit       yarn backstage-cli repo test --ci --watchAll=false   (one run, no watch; unit + database)
#              in TZ=America/St_Johns (STEWARDSHIP_TEST_TZ overrides), so local time is not UTC
#   fuzz       plugins/stewardship-backend/src/plugin.fuzz.ts (not part of unit: *.fuzz.ts): requests
#              generated with fast-check from the OpenAPI spec, valid and broken, with and without
#              credentials, against the real plugin on SQLite; fails on any 5xx, response outside
#              the spec, missing 401 or row changed by a rejected request; prints the requests sent
#              per operation and the seed (STEWARDSHIP_FUZZ_SEED, STEWARDSHIP_FUZZ_CASES override).
#              Side by side with the lint step, which leaves a core idle much of the time; their
#              outputs follow, whole, when both end.
#   e2e        yarn workspace app build (the plugin's share of it checked against its target,
#              and the SLO editor and planning review kept out of the chunks its views load:
#              plugins/stewardship/bench/bundle-size.mjs --check), the demo Prometheus
#              (scripts/demo/prometheus.mjs, its own copy in .tooling/e2e-prometheus on :19190,
#              STEWARDSHIP_E2E_PROMETHEUS_PORT overrides),
#              two backends alone on :7007 and :7008, each serving the built app (app-config.yaml +
#              app-config.demo.yaml + app-config.e2e.yaml) from an in-memory database of its own,
#              the demo Jira (scripts/demo/jira.mjs on :19191, STEWARDSHIP_E2E_JIRA_PORT
#              overrides), the demo SLOs and incidents seeded through each backend's API
#              (scripts/demo/seed-slos.mjs, seed-incidents.mjs), then Playwright in two shards side
#              by side, one per backend (playwright.config.ts, STEWARDSHIP_E2E_SHARD), their output
#              printed when both end. STEWARDSHIP_E2E_ARGS passes arguments such as one test file
#              to one run against one backend (so does STEWARDSHIP_E2E_SHARDS=1).
#              Prometheus and Jira are stopped by their PIDs afterwards, also when a step fails or
#              the run is interrupted.
#              When :7007 or :7008 is taken (a developer's `yarn start`), a free port in 7100-7199
#              is used instead; STEWARDSHIP_E2E_PORT and STEWARDSHIP_E2E_PORT_2 pin them.
#              The second app, packages/app-next (the suite in the new frontend system), is built
#              too and served by packages/app-next/scripts/serve.mjs on :7017 (a free port in
#              7200-7299 when taken; STEWARDSHIP_E2E_APP_NEXT_PORT pins it), forwarding /api to
#              shard 1's backend; Playwright gets its URL as APP_NEXT_URL (e2e-tests/app-next.test.ts).
# Every step runs even when an earlier one failed. The last line is the summary CI reads:
#   stewardship: N passed, M failed
# and the exit code is non-zero when any step failed.
#
# Database tests (`TestDatabases` from @backstage/backend-test-utils): Docker is never used
# (BACKSTAGE_TEST_DISABLE_DOCKER=1). When PostgreSQL answers on 127.0.0.1:5432 this exports
#   BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING=postgresql://postgres@127.0.0.1:5432
#   STEWARDSHIP_TEST_POSTGRES=1
# so the tests run on POSTGRES_15 as well as SQLITE_3. Under CI=true PostgreSQL is mandatory.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# STEWARDSHIP_TEST_STEPS="unit e2e" runs only some steps (CI always runs all six).
read -r -a STEPS <<<"${STEWARDSHIP_TEST_STEPS:-typecheck lint package unit fuzz e2e}"
passed=0
failed=0
results=()
# The e2e backends, one per Playwright shard (see step_e2e): their process-group leaders and URLs.
BACKEND_PIDS=()
E2E_URLS=()
PLAYWRIGHT_PIDS=()

fmt_time() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }
banner() { printf '\n==> %s\n' "$*"; }

total_start=$SECONDS

# --- setup ---------------------------------------------------------------------------------------
banner "setup: scripts/setup.sh"
setup_start=$SECONDS
if ! bash scripts/setup.sh; then
  echo "test: ERROR: scripts/setup.sh failed, so no check can run" >&2
  echo "stewardship: 0 passed, ${#STEPS[@]} failed"
  exit 1
fi
echo "<== setup: done in $(fmt_time $((SECONDS - setup_start)))"
# shellcheck source=scripts/env.sh
source scripts/env.sh
LOG_DIR="$STEWARDSHIP_ROOT/node_modules/.cache/stewardship-test"
mkdir -p "$LOG_DIR"

# --- PostgreSQL for database tests ---------------------------------------------------------------
port_open() { # host port
  node -e '
    const s = require("node:net").connect(Number(process.argv[2]), process.argv[1]);
    s.setTimeout(3000);
    s.on("connect", () => { s.end(); process.exit(0); });
    s.on("error", () => process.exit(1));
    s.on("timeout", () => process.exit(1));' "$1" "$2"
}
postgres_reachable() {
  if command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -h 127.0.0.1 -p 5432 -t 5
  else
    port_open 127.0.0.1 5432
  fi
}

export BACKSTAGE_TEST_DISABLE_DOCKER=1
POSTGRES_ERROR=""
if postgres_reachable; then
  export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-postgresql://postgres@127.0.0.1:5432}"
  export STEWARDSHIP_TEST_POSTGRES=1
  echo "test: PostgreSQL answers on 127.0.0.1:5432: database tests run on POSTGRES_15 and SQLITE_3"
elif [ "${CI:-}" = true ]; then
  POSTGRES_ERROR="PostgreSQL must be reachable on 127.0.0.1:5432 under CI"
  {
    echo "test: ########################################################################"
    echo "test: ERROR: $POSTGRES_ERROR"
    echo "test: ERROR: the unit step will not run and counts as failed"
    echo "test: ########################################################################"
  } >&2
else
  unset STEWARDSHIP_TEST_POSTGRES
  echo "test: PostgreSQL does not answer on 127.0.0.1:5432: database tests run on SQLITE_3 only"
fi

# --- steps ---------------------------------------------------------------------------------------
record_step() { # name PASSED|FAILED seconds
  if [ "$2" = PASSED ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
  fi
  echo "<== $1: $2 in $(fmt_time "$3")"
  results+=("$(printf '%-10s %-7s %s' "$1" "$2" "$(fmt_time "$3")")")
}
run_step() { # name command...
  local name="$1" status start
  shift
  banner "$name: $*"
  start=$SECONDS
  if "$@"; then status=PASSED; else status=FAILED; fi
  record_step "$name" "$status" $((SECONDS - start))
}
# Two steps that leave one of CI's two cores idle much of the time (the lint step's checks, the
# fuzz step's one Jest worker), side by side: each one's output is kept apart and printed whole
# once both have ended, and each one's time is its own.
run_side_by_side() { # name1 function1 name2 function2
  local names=("$1" "$3") functions=("$2" "$4") pids=() i status duration
  for i in 0 1; do
    (
      start=$SECONDS
      if "${functions[i]}"; then status=PASSED; else status=FAILED; fi
      echo "$status $((SECONDS - start))" >"$LOG_DIR/step-${names[i]}.result"
    ) >"$LOG_DIR/step-${names[i]}.log" 2>&1 &
    pids+=($!)
  done
  for i in 0 1; do
    wait "${pids[i]}"
    banner "${names[i]}: ${functions[i]} (side by side with ${names[1 - i]})"
    cat "$LOG_DIR/step-${names[i]}.log"
    if ! read -r status duration <"$LOG_DIR/step-${names[i]}.result"; then
      status=FAILED duration=0
    fi
    record_step "${names[i]}" "$status" "$duration"
  done
}

step_unit() {
  if [ -n "$POSTGRES_ERROR" ]; then
    echo "test: ERROR: $POSTGRES_ERROR" >&2
    return 1
  fi
  # `backstage-cli repo test` runs Jest in watch mode unless CI is set or a watch flag is given:
  # --watchAll=false keeps it a single run without pretending to be CI (tests may check CI).
  # In a zone whose offset is not whole hours (UTC−03:30, −02:30 in summer): the forms take
  # moments in the browser's local time, and in UTC a form sending the typed wall-clock time as
  # UTC would pass every test. STEWARDSHIP_TEST_TZ overrides it with another zone (not UTC: under
  # CI=true a frontend test fails when local time is UTC, so that this cannot be lost unnoticed).
  TZ="${STEWARDSHIP_TEST_TZ:-America/St_Johns}" yarn backstage-cli repo test --ci --watchAll=false
}

step_fuzz() {
  # Its own Jest run: the default testMatch (*.test.*) of the unit step does not pick it up.
  (cd plugins/stewardship-backend &&
    yarn backstage-cli package test --ci --watchAll=false --testMatch '**/*.fuzz.ts')
}

backend_alive() { # pid: any process of the backend's group, or its leader before setsid ran
  kill -0 -- "-$1" 2>/dev/null || kill -0 "$1" 2>/dev/null
}
stop_backends() {
  local pid i
  for pid in "${BACKEND_PIDS[@]}"; do
    if backend_alive "$pid"; then
      echo "test: stopping an e2e backend (process group $pid)"
      kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
    fi
  done
  for pid in "${BACKEND_PIDS[@]}"; do
    for i in $(seq 1 30); do
      backend_alive "$pid" || break
      sleep 0.5
    done
    kill -KILL -- "-$pid" 2>/dev/null
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  BACKEND_PIDS=()
  return 0
}
# The Playwright runs of the shards, when the step is interrupted while they run.
stop_playwright() {
  local pid
  for pid in "${PLAYWRIGHT_PIDS[@]}"; do
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  PLAYWRIGHT_PIDS=()
  return 0
}
# The e2e step's own demo Prometheus: its own directory and port, so it never touches (or stops)
# the Prometheus of a developer's `scripts/start.sh`.
E2E_PROMETHEUS_DIR="$STEWARDSHIP_ROOT/.tooling/e2e-prometheus"
E2E_PROMETHEUS_PORT="${STEWARDSHIP_E2E_PROMETHEUS_PORT:-19190}"
PROMETHEUS_STARTED=""
e2e_prometheus() { # start|stop
  STEWARDSHIP_DEMO_PROMETHEUS_DIR="$E2E_PROMETHEUS_DIR" STEWARDSHIP_DEMO_PROMETHEUS_FRESH=1 \
    STEWARDSHIP_DEMO_PROMETHEUS_PORT="$E2E_PROMETHEUS_PORT" \
    node scripts/demo/prometheus.mjs "$1"
}
stop_prometheus() {
  [ -n "$PROMETHEUS_STARTED" ] || return 0
  # prometheus.mjs stops the PID it recorded when it started Prometheus, and nothing else.
  e2e_prometheus stop || true
  PROMETHEUS_STARTED=""
}
# The e2e step's own demo Jira (scripts/demo/jira.mjs) for the Backlog tests, on its own port.
E2E_JIRA_PORT="${STEWARDSHIP_E2E_JIRA_PORT:-19191}"
JIRA_PID=""
stop_jira() {
  [ -n "$JIRA_PID" ] || return 0
  kill "$JIRA_PID" 2>/dev/null
  wait "$JIRA_PID" 2>/dev/null
  JIRA_PID=""
  return 0
}
# app-next's static server (packages/app-next/scripts/serve.mjs), stopped by its PID.
E2E_APP_NEXT_PORT="${STEWARDSHIP_E2E_APP_NEXT_PORT:-7017}"
APP_NEXT_PID=""
stop_app_next() {
  [ -n "$APP_NEXT_PID" ] || return 0
  kill "$APP_NEXT_PID" 2>/dev/null
  wait "$APP_NEXT_PID" 2>/dev/null
  APP_NEXT_PID=""
  return 0
}
trap 'stop_playwright; stop_backends; stop_prometheus; stop_jira; stop_app_next' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

wait_for_backend() { # pid url
  local deadline=$((SECONDS + 240))
  while [ $SECONDS -lt $deadline ]; do
    if ! backend_alive "$1"; then
      echo "test: ERROR: the backend for $2 exited before it was ready" >&2
      return 1
    fi
    if node -e '
      fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1));' \
      "$2/.backstage/health/v1/readiness" 2>/dev/null; then
      return 0
    fi
    sleep 2
  done
  echo "test: ERROR: the backend was not ready on $2 within 240 s" >&2
  return 1
}

# Serves the built app-next on its own port with /api forwarded to the e2e backend at $1 and
# exports its URL for Playwright as APP_NEXT_URL.
start_app_next() {
  if port_open 127.0.0.1 "$E2E_APP_NEXT_PORT"; then
    if [ -n "${STEWARDSHIP_E2E_APP_NEXT_PORT:-}" ]; then
      echo "test: ERROR: something already listens on port $E2E_APP_NEXT_PORT (STEWARDSHIP_E2E_APP_NEXT_PORT)" >&2
      return 1
    fi
    local p
    for p in $(seq 7200 7299); do
      port_open 127.0.0.1 "$p" || { E2E_APP_NEXT_PORT=$p; break; }
    done
  fi
  APP_NEXT_PORT="$E2E_APP_NEXT_PORT" APP_NEXT_BACKEND="$1" \
    node packages/app-next/scripts/serve.mjs >"$LOG_DIR/e2e-app-next.log" 2>&1 </dev/null &
  APP_NEXT_PID=$!
  local i
  for i in $(seq 1 50); do
    port_open 127.0.0.1 "$E2E_APP_NEXT_PORT" && break
    sleep 0.2
  done
  if ! port_open 127.0.0.1 "$E2E_APP_NEXT_PORT"; then
    echo "test: ERROR: app-next's server did not start; its log:" >&2
    cat "$LOG_DIR/e2e-app-next.log" >&2
    stop_app_next
    return 1
  fi
  export APP_NEXT_URL="http://localhost:$E2E_APP_NEXT_PORT"
  echo "test: app-next served on $APP_NEXT_URL (/api -> $1)"
}

# The port of e2e backend $1 (1 or 2): STEWARDSHIP_E2E_PORT / STEWARDSHIP_E2E_PORT_2 when set, else
# 7007 / 7008, or a free port in 7100-7199 when that is taken (a developer's `yarn start` holds
# 7007). $2 is the port backend 1 was given: not listening yet, so checked here. Prints the port.
e2e_port() { # index [port-taken-by-the-other]
  local pinned default name p
  if [ "$1" = 1 ]; then
    pinned="${STEWARDSHIP_E2E_PORT:-}" default=7007 name=STEWARDSHIP_E2E_PORT
  else
    pinned="${STEWARDSHIP_E2E_PORT_2:-}" default=7008 name=STEWARDSHIP_E2E_PORT_2
  fi
  if [ -n "$pinned" ]; then
    if [ "$pinned" = "${2:-}" ] || port_open 127.0.0.1 "$pinned"; then
      echo "test: ERROR: port $pinned ($name) is taken, by e2e backend 1 or another process; stop it or pick another" >&2
      return 1
    fi
    echo "$pinned"
    return 0
  fi
  if [ "$default" != "${2:-}" ] && ! port_open 127.0.0.1 "$default"; then
    echo "$default"
    return 0
  fi
  for p in $(seq 7100 7199); do
    [ "$p" = "${2:-}" ] && continue
    if ! port_open 127.0.0.1 "$p"; then
      echo "test: port $default is taken (a running 'yarn start'? e2e backend 1?); e2e backend $1 uses port $p" >&2
      echo "$p"
      return 0
    fi
  done
  echo "test: ERROR: port $default and 7100-7199 are all busy" >&2
  return 1
}

# The log of e2e backend $1: e2e-backend.log for the first, as before there were two.
e2e_backend_log() { # index
  echo "$LOG_DIR/e2e-backend$([ "$1" = 1 ] || echo "-$1").log"
}

# Starts e2e backend $1 on port $2 with the config files given after them, and records its process
# group and URL in BACKEND_PIDS and E2E_URLS.
start_e2e_backend() { # index port --config file...
  local index=$1 port=$2 url="http://localhost:$2" log
  shift 2
  local configs=("$@")
  log=$(e2e_backend_log "$index")
  if [ "$port" != 7007 ]; then
    local overlay="$LOG_DIR/app-config.e2e-port-$index.yaml"
    printf '%s\n' "app:" "  baseUrl: $url" "backend:" "  baseUrl: $url" \
      "  listen:" "    port: $port" "  cors:" "    origin: $url" >"$overlay"
    configs+=(--config "$overlay")
  fi
  echo "test: starting e2e backend $index on $url (log: $log)"
  # setsid: the backend gets a process group of its own, led by its PID, so stop_backends can end
  # all of it and nothing else. Node with Backstage's TypeScript transform, as
  # `backstage-cli package start` runs it but without its file watcher: an edit anywhere in the
  # working tree during the run would restart the backend and empty its in-memory database.
  # NODE_ENV=development as there: the guest sign-in provider refuses to run outside it.
  (cd packages/backend &&
    NODE_ENV=development exec setsid node --require @backstage/cli/config/nodeTransform.cjs src/index.ts "${configs[@]}") \
    >"$log" 2>&1 </dev/null &
  local pid=$!
  BACKEND_PIDS+=("$pid")
  E2E_URLS+=("$url")
  # Let setsid make the PID a process-group leader before anything signals the group.
  local i
  for i in $(seq 1 50); do
    [ "$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ')" = "$pid" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
}

# The demo SLOs and incidents, through the API of the backend at $1; output to $2.
seed_e2e_backend() { # url log
  {
    STEWARDSHIP_BACKEND_URL="$1" node scripts/demo/seed-slos.mjs &&
      STEWARDSHIP_BACKEND_URL="$1" node scripts/demo/seed-incidents.mjs
  } >"$2" 2>&1
}

e2e_run() {
  local playwright_log="$LOG_DIR/e2e-playwright.log" t status=0

  t=$SECONDS
  echo "test: building the app (yarn workspace app build)"
  yarn workspace app build || return 1
  echo "test: app built in $(fmt_time $((SECONDS - t)))"
  # The plugin's share of that bundle may not pass its target unseen (a size, not a time).
  local size
  size=$(node plugins/stewardship/bench/bundle-size.mjs --check) || {
    echo "$size"
    return 1
  }
  echo "test: $(grep -E '^whole plugin' <<<"$size")"
  # The new-frontend-system app (packages/app-next), served below by its own small server.
  t=$SECONDS
  yarn workspace app-next build || return 1
  echo "test: app-next built in $(fmt_time $((SECONDS - t)))"

  # The demo's metric source with generated history, for the SLO tests (packages/app/e2e-tests/slos.test.ts).
  if ! command -v prometheus >/dev/null 2>&1 || ! command -v promtool >/dev/null 2>&1; then
    echo "test: ERROR: the SLO e2e tests need Prometheus: sudo apt-get install -y prometheus" >&2
    return 1
  fi
  t=$SECONDS
  PROMETHEUS_STARTED=1
  e2e_prometheus start || return 1
  echo "test: demo Prometheus ready on 127.0.0.1:$E2E_PROMETHEUS_PORT in $(fmt_time $((SECONDS - t)))"
  # The tests recompute the demo's figures from the history this Prometheus holds.
  export STEWARDSHIP_DEMO_PROMETHEUS_DIR="$E2E_PROMETHEUS_DIR"

  # app-config.demo.yaml: the seeding token; app-config.e2e.yaml: one origin, a fresh database,
  # the demo source on the e2e port and a quick evaluation schedule.
  local configs=(--config "$STEWARDSHIP_ROOT/app-config.yaml" --config "$STEWARDSHIP_ROOT/app-config.demo.yaml"
    --config "$STEWARDSHIP_ROOT/app-config.e2e.yaml")
  if [ "$E2E_PROMETHEUS_PORT" != 19190 ]; then
    local source_overlay="$LOG_DIR/app-config.e2e-prometheus.yaml"
    printf '%s\n' "stewardship:" "  metricSources:" "    demo-prometheus:" \
      "      baseUrl: http://127.0.0.1:$E2E_PROMETHEUS_PORT" \
      "      uiUrl: http://127.0.0.1:$E2E_PROMETHEUS_PORT" >"$source_overlay"
    configs+=(--config "$source_overlay")
  fi
  # The Backlog's tracker: the demo Jira with its invented issues (packages/app/e2e-tests/backlog.test.ts).
  STEWARDSHIP_DEMO_JIRA_PORT="$E2E_JIRA_PORT" node scripts/demo/jira.mjs >"$LOG_DIR/e2e-jira.log" 2>&1 &
  JIRA_PID=$!
  if [ "$E2E_JIRA_PORT" != 19191 ]; then
    local jira_overlay="$LOG_DIR/app-config.e2e-jira.yaml"
    printf '%s\n' "stewardship:" "  backlog:" "    jira:" \
      "      baseUrl: http://127.0.0.1:$E2E_JIRA_PORT" >"$jira_overlay"
    configs+=(--config "$jira_overlay")
  fi

  # Two shards side by side (playwright.config.ts, STEWARDSHIP_E2E_SHARD), each against a backend
  # of its own, seeded alike; one backend and one run when STEWARDSHIP_E2E_ARGS narrows it.
  local shards="${STEWARDSHIP_E2E_SHARDS:-2}"
  [ -n "${STEWARDSHIP_E2E_ARGS:-}" ] && shards=1
  if [ "$shards" != 1 ] && [ "$shards" != 2 ]; then
    echo "test: ERROR: STEWARDSHIP_E2E_SHARDS must be 1 or 2, not '$shards'" >&2
    return 1
  fi
  local i port taken=""
  t=$SECONDS
  for i in $(seq 1 "$shards"); do
    port=$(e2e_port "$i" "$taken") || return 1
    taken=$port
    start_e2e_backend "$i" "$port" "${configs[@]}"
  done
  for i in $(seq 0 $((shards - 1))); do
    if ! wait_for_backend "${BACKEND_PIDS[i]}" "${E2E_URLS[i]}"; then
      local log
      log=$(e2e_backend_log $((i + 1)))
      echo "test: last lines of $log:" >&2
      tail -n 60 "$log" >&2
      return 1
    fi
  done
  echo "test: $shards backend(s) ready in $(fmt_time $((SECONDS - t)))"

  t=$SECONDS
  local seeders=()
  for i in $(seq 0 $((shards - 1))); do
    seed_e2e_backend "${E2E_URLS[i]}" "$LOG_DIR/e2e-seed-$((i + 1)).log" &
    seeders+=($!)
  done
  for i in $(seq 0 $((shards - 1))); do
    if ! wait "${seeders[i]}"; then
      echo "test: ERROR: seeding the demo SLOs and incidents on ${E2E_URLS[i]} failed:" >&2
      cat "$LOG_DIR/e2e-seed-$((i + 1)).log" >&2
      status=1
    fi
  done
  [ "$status" = 0 ] || return 1
  echo "test: demo SLOs and incidents seeded in $(fmt_time $((SECONDS - t)))"

  for i in $(seq 0 $((shards - 1))); do
    if ! node -e '
      fetch(process.argv[1]).then(async r => {
        const body = await r.text();
        process.exit(r.ok && body.includes("<div id=\"root\">") ? 0 : 1);
      }, () => process.exit(1));' "${E2E_URLS[i]}/"; then
      echo "test: ERROR: ${E2E_URLS[i]}/ does not serve the built app (is packages/app/dist there?)" >&2
      return 1
    fi
  done
  # app-next.test.ts is in shard 1: its server forwards /api to shard 1's backend.
  start_app_next "${E2E_URLS[0]}" || return 1

  : >"$playwright_log"
  t=$SECONDS
  if [ "$shards" = 1 ]; then
    # STEWARDSHIP_E2E_ARGS narrows a local run, e.g. "packages/app/e2e-tests/backlog.test.ts"
    # shellcheck disable=SC2086
    PLAYWRIGHT_URL="${E2E_URLS[0]}" yarn test:e2e ${STEWARDSHIP_E2E_ARGS:-} 2>&1 | tee "$playwright_log" || status=1
  else
    echo "test: Playwright in two shards side by side (shard 1 on ${E2E_URLS[0]}, shard 2 on ${E2E_URLS[1]}); their output follows when both end"
    for i in 1 2; do
      # setsid: the run is a process group of its own, which stop_playwright can end.
      STEWARDSHIP_E2E_SHARD=$i PLAYWRIGHT_URL="${E2E_URLS[i - 1]}" \
        setsid yarn test:e2e >"$LOG_DIR/e2e-playwright-$i.log" 2>&1 </dev/null &
      PLAYWRIGHT_PIDS+=($!)
    done
    for i in 1 2; do
      wait "${PLAYWRIGHT_PIDS[i - 1]}" || status=1
    done
    PLAYWRIGHT_PIDS=()
    for i in 1 2; do
      echo "test: ---- Playwright shard $i of 2 ----"
      cat "$LOG_DIR/e2e-playwright-$i.log"
    done | tee "$playwright_log"
  fi
  echo "test: playwright finished in $(fmt_time $((SECONDS - t)))"

  if [ "$status" -ne 0 ]; then
    # Lines cut to 300 characters: one request line is ~1,000, and a CI record that keeps only the
    # end of the output must still show which tests failed (printed after this).
    local log
    for log in "$LOG_DIR"/e2e-backend*.log; do
      echo "test: last lines of the backend log ($log):" >&2
      tail -n 20 "$log" | cut -c 1-300 >&2
    done
    if [ -s "$playwright_log" ]; then
      echo "test: Playwright's failures again (full output: $playwright_log):" >&2
      # Each failure's heading and the first lines of its error.
      awk '/^ +[0-9]+\) \[/ { n = 12 } n > 0 { print; n-- }' "$playwright_log" | cut -c 1-300 >&2
    fi
  fi
  # Playwright's closing summary when a test failed or passed only on its retry (CI retries once).
  if [ -s "$playwright_log" ] && grep -Eq '^ *[0-9]+ (failed|flaky)$' "$playwright_log"; then
    echo "test: Playwright's summary:"
    sed -En '/^ *[0-9]+ (failed|flaky)$/,$p' "$playwright_log" | cut -c 1-300
  fi
  return "$status"
}

step_e2e() {
  local status=0
  e2e_run || status=1
  stop_playwright
  stop_backends
  stop_prometheus
  stop_jira
  stop_app_next
  return "$status"
}

selected() { [[ " ${STEPS[*]} " == *" $1 "* ]]; }
# From no build info, as on a fresh clone: an incremental `yarn tsc` in a checkout that has built
# before can write one union type's members in another order, and the lint step's API report
# check would then fail here and nowhere else (~15 s more than an incremental run).
fresh_tsc() {
  rm -f dist-types/tsconfig.tsbuildinfo
  yarn tsc
}
selected typecheck && run_step typecheck fresh_tsc
step_lint() {
  local status=0 prettier_pid
  # Formatting drifted in files no one edited through the editor's formatter (docs, YAML,
  # migrations): checked here so it cannot drift again. ~35 s of one core, so it runs beside the
  # checks below (none writes a file it reads); its output follows theirs.
  yarn prettier:check >"$LOG_DIR/lint-prettier.log" 2>&1 &
  prettier_pid=$!
  yarn backstage-cli repo lint || status=1
  # The packages are published: their package.json must be as `backstage-cli repo fix --publish`
  # leaves it (exports, pluginPackages, publishConfig), or a release would pack them differently.
  yarn fix --check --publish || status=1
  # Two files whose names differ only in case import as one on macOS and Windows.
  yarn lint:path-case || status=1
  # Adopters paste the docs' YAML into app-config.yaml: every ```yaml block must parse.
  yarn lint:doc-yaml || status=1
  # A misspelt config key is ignored at run time (its default used): each app-config is checked
  # against the schemas, strictly (the checks side by side, ~20 s).
  yarn lint:config || status=1
  # The router is built from the spec constant: a YAML edit without `yarn generate:openapi` fails here.
  yarn lint:openapi || status=1
  wait "$prettier_pid" || status=1
  cat "$LOG_DIR/lint-prettier.log"
  # API reports are built from dist-types, which the typecheck step writes; run alone, write them.
  # Always `yarn tsc` (as `yarn build:api-reports` does): a tsc with other options (`--tsc`,
  # `tsc:full`) can print the same union type's members in another order.
  if ! selected typecheck; then fresh_tsc || status=1; fi
  yarn lint:api-reports || status=1
  return "$status"
}

if selected lint && selected fuzz; then
  run_side_by_side lint step_lint fuzz step_fuzz
else
  selected lint && run_step lint step_lint
  selected fuzz && run_step fuzz step_fuzz
fi
step_package() {
  # The package builds read the declarations `yarn tsc` writes to dist-types.
  if ! selected typecheck && ! selected lint; then fresh_tsc || return 1; fi
  node scripts/pack-check.mjs
}
selected package && run_step package step_package
selected unit && run_step unit step_unit
selected e2e && run_step e2e step_e2e

# --- summary -------------------------------------------------------------------------------------
banner "summary (total $(fmt_time $((SECONDS - total_start))))"
for r in "${results[@]}"; do
  echo "  $r"
done
echo "stewardship: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
