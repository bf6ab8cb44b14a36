#!/usr/bin/env node
/*
 * `node scripts/demo/check-ports.mjs [--config file]...`: before `scripts/start.sh` starts the
 * demo, checks that the ports the app and the backend will listen on (from the same config files
 * it passes to `backstage-cli repo start`) are free on this machine. Without this the frontend's
 * dev server starts and the backend dies with EADDRINUSE in the middle of its log, leaving a page
 * that cannot reach its backend. Exits 1 with what holds the port and how to move the demo;
 * otherwise prints the backend's `baseUrl`, where the demo's seeders send their requests.
 */
import { loadConfig } from '@backstage/config-loader';
import { execFileSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);

/** The `--config` files among the arguments, in order (`--config x` and `--config=x`). */
export function configPaths(args) {
  const paths = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--config' && i + 1 < args.length) {
      paths.push(args[++i]);
    } else if (args[i].startsWith('--config=')) {
      paths.push(args[i].slice('--config='.length));
    }
  }
  return paths;
}

/** The port a listener configured as `listen` (port, or `host:port`) or served at `baseUrl` uses. */
export function listenPort(listen, baseUrl) {
  const configured =
    typeof listen === 'object' && listen !== null ? listen.port : listen;
  if (typeof configured === 'number') return configured;
  if (typeof configured === 'string') {
    const port = Number(configured.split(':').pop());
    if (Number.isInteger(port)) return port;
  }
  if (typeof baseUrl === 'string') {
    const url = new URL(baseUrl);
    if (url.port) return Number(url.port);
    return url.protocol === 'https:' ? 443 : 80;
  }
  return undefined;
}

function isFree(port) {
  return new Promise(resolve => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port }, () => server.close(() => resolve(true)));
  });
}

/** `ss`' line for the listener, naming its process when we may see it; '' when `ss` is missing. */
function holder(port) {
  try {
    return execFileSync('ss', ['-Hltnp', `sport = :${port}`], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return '';
  }
}

async function main() {
  const files = configPaths(process.argv.slice(2)).map(file =>
    path.resolve(file),
  );
  const { appConfigs } = await loadConfig({
    configRoot: root,
    configTargets: files.map(file => ({ path: file })),
  });
  // Later files win, as in the backend.
  const merged = {};
  for (const { data } of appConfigs) {
    for (const key of ['app', 'backend']) {
      if (data[key]) merged[key] = { ...merged[key], ...data[key] };
    }
  }
  const listeners = [
    ['frontend (app)', listenPort(merged.app?.listen, merged.app?.baseUrl)],
    ['backend', listenPort(merged.backend?.listen, merged.backend?.baseUrl)],
  ].filter(([, port]) => port !== undefined);

  let taken = 0;
  for (const [what, port] of listeners) {
    if (await isFree(port)) continue;
    taken++;
    const by = holder(port);
    console.error(
      `start: port ${port}, where the ${what} would listen, is already in use${
        by ? `:\n  ${by}` : ''
      }`,
    );
  }
  if (taken > 0) {
    console.error(
      [
        'start: stop what holds it (an earlier `scripts/start.sh`, or an e2e run, which uses 7007),',
        'or move the demo with a config file of your own, e.g. app-config.local.yaml with',
        '  app: { baseUrl: http://localhost:3100 }',
        '  backend: { baseUrl: http://localhost:7107, listen: { port: 7107 }, cors: { origin: http://localhost:3100 } }',
        'and bash scripts/start.sh --config app-config.local.yaml',
      ].join('\n'),
    );
    process.exit(1);
  }
  const backendUrl = merged.backend?.baseUrl ?? 'http://localhost:7007';
  console.error(
    `start: frontend ${merged.app?.baseUrl}, backend ${backendUrl} (Ctrl-C stops both)`,
  );
  console.log(backendUrl);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch(error => {
    console.error(`start: could not check the ports: ${error.message}`);
    process.exit(1);
  });
}
