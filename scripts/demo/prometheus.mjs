#!/usr/bin/env node
/*
 * The demo's Prometheus: `node scripts/demo/prometheus.mjs start|stop|status`.
 *
 * start: generates the demo services' history (scripts/demo/generateOpenMetrics.mjs) unless the
 * stored data still covers the next 12 hours, backfills it with `promtool tsdb create-blocks-from
 * openmetrics`, and starts Debian's `prometheus` on 127.0.0.1:$STEWARDSHIP_DEMO_PROMETHEUS_PORT
 * (default 19090, the `demo-prometheus` source in app-config.demo.yaml) in the background, storing
 * its PID. Everything lives in the git-ignored .tooling/demo-prometheus/ (or
 * $STEWARDSHIP_DEMO_PROMETHEUS_DIR: the e2e step keeps its own copy on its own port, so it never
 * stops a developer's demo). history.json there records the moment the history was generated for
 * (`now`), its first and last sample: the e2e tests recompute the demo's figures from it.
 * Without Prometheus installed it prints how to get it and exits 0: the app runs without it, and
 * its SLOs say `no-data` with the connection error.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateOpenMetrics } from './generateOpenMetrics.mjs';

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const dir = path.resolve(
  process.env.STEWARDSHIP_DEMO_PROMETHEUS_DIR ??
    path.join(root, '.tooling/demo-prometheus'),
);
const dataDir = path.join(dir, 'data');
const pidFile = path.join(dir, 'prometheus.pid');
const historyFile = path.join(dir, 'history.json');
const port = Number(process.env.STEWARDSHIP_DEMO_PROMETHEUS_PORT ?? 19090);
const url = `http://127.0.0.1:${port}`;

const say = msg => console.log(`demo-prometheus: ${msg}`);

function which(cmd) {
  try {
    return execFileSync('sh', ['-c', `command -v ${cmd}`])
      .toString()
      .trim();
  } catch {
    return undefined;
  }
}

function runningPid() {
  try {
    const pid = Number(fs.readFileSync(pidFile, 'utf8'));
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

async function ready(timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/-/ready`)).ok) return true;
    } catch {
      // not up yet
    }
    await new Promise(r => setTimeout(r, 250));
  }
  return false;
}

async function start() {
  const prometheus = which('prometheus');
  const promtool = which('promtool');
  if (!prometheus || !promtool) {
    say('Prometheus is not installed, so the demo SLOs will show no-data.');
    say(
      'Install it with: sudo apt-get install -y prometheus   (bash scripts/setup.sh does this as root)',
    );
    return;
  }
  if (runningPid()) {
    say(`already running (PID ${runningPid()}) on ${url}`);
    return;
  }
  fs.mkdirSync(dir, { recursive: true });
  const now = Math.floor(Date.now() / 1000);
  const coversUntil = fs.existsSync(historyFile)
    ? Number(JSON.parse(fs.readFileSync(historyFile, 'utf8')).until)
    : 0;
  // STEWARDSHIP_DEMO_PROMETHEUS_FRESH=1 (the e2e step) regenerates every time (~3 s), so the demo's
  // incidents, placed relative to the moment generated for, are where its tests expect them.
  const fresh = process.env.STEWARDSHIP_DEMO_PROMETHEUS_FRESH === '1';
  if (fresh || coversUntil < now + 12 * 3600 || !fs.existsSync(dataDir)) {
    const t0 = Date.now();
    fs.rmSync(dataDir, { recursive: true, force: true });
    const file = path.join(dir, 'history.om');
    const { start: first, until, series } = generateOpenMetrics(file, { now });
    say(
      `generated ${series} series over 35 days in ${
        Date.now() - t0
      } ms; backfilling with promtool`,
    );
    execFileSync(
      promtool,
      [
        'tsdb',
        'create-blocks-from',
        'openmetrics',
        '--max-block-duration=1000h',
        file,
        dataDir,
      ],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    fs.rmSync(file);
    fs.writeFileSync(historyFile, JSON.stringify({ now, start: first, until }));
    say(`history ready in ${Date.now() - t0} ms`);
  }
  const config = path.join(dir, 'prometheus.yml');
  fs.writeFileSync(
    config,
    'global:\n  scrape_interval: 1m\nscrape_configs: []\n',
  );
  // Another server on the port (a Prometheus left by an earlier run, say) would answer the
  // readiness check for us while ours fails to bind: refuse to start instead.
  const taken = await fetch(`${url}/-/ready`).then(
    () => true,
    () => false,
  );
  if (taken) {
    say(
      `port ${port} is already served by a process this script did not start; stop it first`,
    );
    process.exitCode = 1;
    return;
  }
  const log = fs.openSync(path.join(dir, 'prometheus.log'), 'a');
  const child = spawn(
    prometheus,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${dataDir}`,
      '--storage.tsdb.retention.time=3650d',
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { detached: true, stdio: ['ignore', log, log] },
  );
  fs.writeFileSync(pidFile, String(child.pid));
  child.unref();
  if (!(await ready(30_000))) {
    say(
      `did not become ready on ${url}; see ${path.join(dir, 'prometheus.log')}`,
    );
    process.exitCode = 1;
    return;
  }
  try {
    process.kill(child.pid, 0);
  } catch {
    say(`exited right after starting; see ${path.join(dir, 'prometheus.log')}`);
    process.exitCode = 1;
    return;
  }
  say(`running on ${url} (PID ${child.pid})`);
}

function stop() {
  const pid = runningPid();
  if (!pid) return;
  process.kill(pid, 'SIGTERM');
  fs.rmSync(pidFile, { force: true });
  say(`stopped (PID ${pid})`);
}

const command = process.argv[2];
if (command === 'start') await start();
else if (command === 'stop') stop();
else if (command === 'status')
  say(runningPid() ? `running on ${url}` : 'not running');
else {
  console.error('usage: node scripts/demo/prometheus.mjs start|stop|status');
  process.exitCode = 2;
}
