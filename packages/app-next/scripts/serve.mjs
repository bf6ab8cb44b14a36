#!/usr/bin/env node
/*
 * Serves the built app-next (packages/app-next/dist) on its own port and forwards /api/* to a
 * running Stewardship backend, so the app and its API share one origin, as behind a reverse proxy:
 * HTTP requests, and websockets too (the signals plugin's /api/signals, which refreshes the SLOs
 * tab's incidents live).
 * The backend's app-backend serves only one app (packages/app); this stands in for it here.
 *
 * Config: the build embeds app-config in index.html as <script type="backstage.io/config">; this
 * server appends one more entry to that list, setting app.baseUrl and backend.baseUrl to its own
 * origin (later entries win), so one build runs on any port. app-backend injects config in its
 * own way; this is the smallest equivalent for a static server.
 *
 * Usage: node packages/app-next/scripts/serve.mjs
 *   APP_NEXT_PORT     port to listen on (default 7017)
 *   APP_NEXT_BACKEND  the backend to forward /api to (default http://localhost:7007)
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const port = Number(process.env.APP_NEXT_PORT ?? 7017);
const backend = new URL(
  process.env.APP_NEXT_BACKEND ?? 'http://localhost:7007',
);
const origin = `http://localhost:${port}`;
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');

if (!existsSync(join(dist, 'index.html'))) {
  process.stderr.write(
    `app-next: ${dist}/index.html is missing; run 'yarn workspace app-next build' first\n`,
  );
  process.exit(1);
}

const CONFIG_SCRIPT =
  /(<script type="backstage\.io\/config">)([\s\S]*?)(<\/script>)/;
function indexHtml() {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const match = html.match(CONFIG_SCRIPT);
  if (!match)
    throw new Error('index.html has no <script type="backstage.io/config">');
  const configs = JSON.parse(match[2]);
  configs.push({
    context: 'app-next serve.mjs',
    data: { app: { baseUrl: origin }, backend: { baseUrl: origin } },
  });
  // JSON inside a <script>: keep a '</script>' in a value from ending it.
  const json = JSON.stringify(configs, null, 2).replace(/</g, '\\u003c');
  return html.replace(
    CONFIG_SCRIPT,
    (_m, open, _body, close) => open + json + close,
  );
}
const INDEX = indexHtml();

const TYPES = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain',
};

function forwardToBackend(req, res) {
  const upstream = http.request(
    {
      hostname: backend.hostname,
      port: backend.port,
      path: req.url,
      method: req.method,
      headers: { ...req.headers, host: backend.host },
    },
    upstreamRes => {
      res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
      upstreamRes.pipe(res);
    },
  );
  upstream.on('error', error => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(
      `app-next: the backend at ${backend.origin} did not answer: ${error.message}`,
    );
  });
  req.pipe(upstream);
}

/**
 * A websocket (an HTTP upgrade) to /api/*, such as the signals plugin's /api/signals: the request
 * goes to the backend as it came (its Sec-WebSocket-Protocol carries the user's token), the
 * backend's 101 answer goes back, and from then on the two sockets are piped to each other. An
 * answer other than 101 (a 401, a 404) is passed back as it is and the connection closed.
 */
function forwardUpgradeToBackend(req, socket, head) {
  const upstream = http.request({
    hostname: backend.hostname,
    port: backend.port,
    path: req.url,
    method: req.method,
    headers: { ...req.headers, host: backend.host },
  });
  const statusLine = res =>
    `HTTP/${res.httpVersion} ${res.statusCode} ${res.statusMessage}\r\n`;
  const headerLines = res => {
    let lines = '';
    for (let i = 0; i < res.rawHeaders.length; i += 2)
      lines += `${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}\r\n`;
    return `${lines}\r\n`;
  };
  // Once the backend has answered, a failure can only cut the connection, not answer it again.
  let answered = false;
  upstream.on('upgrade', (upstreamRes, upstreamSocket, upstreamHead) => {
    answered = true;
    socket.write(statusLine(upstreamRes) + headerLines(upstreamRes));
    if (upstreamHead.length) socket.write(upstreamHead);
    if (head.length) upstreamSocket.write(head);
    upstreamSocket.on('error', () => socket.destroy());
    socket.on('error', () => upstreamSocket.destroy());
    upstreamSocket.pipe(socket).pipe(upstreamSocket);
  });
  upstream.on('response', upstreamRes => {
    answered = true;
    // The backend did not switch protocols: pass its answer on (its body as read, so without
    // the chunked framing) and close.
    const headers = Object.entries(upstreamRes.headers)
      .filter(([name]) => !['transfer-encoding', 'connection'].includes(name))
      .flatMap(([name, value]) =>
        (Array.isArray(value) ? value : [value]).map(v => `${name}: ${v}\r\n`),
      )
      .join('');
    socket.write(
      `${statusLine(upstreamRes)}${headers}connection: close\r\n\r\n`,
    );
    upstreamRes.pipe(socket);
  });
  upstream.on('error', error => {
    if (answered) {
      socket.destroy();
      return;
    }
    socket.end(
      `HTTP/1.1 502 Bad Gateway\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\n` +
        `app-next: the backend at ${backend.origin} did not answer: ${error.message}`,
    );
  });
  socket.on('error', () => upstream.destroy());
  upstream.end();
}

function serveStatic(req, res) {
  const path = decodeURIComponent(new URL(req.url, origin).pathname);
  const file = normalize(join(dist, path));
  const isFile =
    file.startsWith(dist + sep) && existsSync(file) && statSync(file).isFile();
  if (isFile && !file.endsWith(`${sep}index.html`)) {
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': path.startsWith('/static/')
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
    });
    createReadStream(file).pipe(res);
    return;
  }
  if (path.startsWith('/static/')) {
    // A missing chunk is a 404, not the app: the browser would try to run HTML as JavaScript.
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  // Every other path is a route of the single-page app.
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-cache',
  });
  res.end(INDEX);
}

const isApi = url => url === '/api' || url.startsWith('/api/');

http
  .createServer((req, res) => {
    if (isApi(req.url)) forwardToBackend(req, res);
    else serveStatic(req, res);
  })
  .on('upgrade', (req, socket, head) => {
    if (isApi(req.url)) forwardUpgradeToBackend(req, socket, head);
    else socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\n\r\n');
  })
  .listen(port, () => {
    process.stdout.write(
      `app-next: serving ${dist} on ${origin}, /api -> ${backend.origin}\n`,
    );
  });
