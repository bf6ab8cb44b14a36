import {
  IncomingMessage,
  Server,
  ServerResponse,
  createServer,
} from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * How a faulty metric server misbehaves:
 *
 * - `down`: nothing listens on the port (connection refused);
 * - `slow`: accepts the request and never answers;
 * - `malformed`: answers 200 with a body that is not JSON;
 * - `nan`: a valid Prometheus vector whose sample is `NaN`;
 * - `error`: a Prometheus error body (`status: "error"`), with HTTP 422 unless `status` says else;
 * - `http500`: HTTP 500 with a plain-text body, as a proxy in front of a source would;
 * - `wrongShape`: valid JSON that is not a Prometheus answer (a matrix where a vector belongs).
 */
export type FaultMode =
  | 'down'
  | 'slow'
  | 'malformed'
  | 'nan'
  | 'error'
  | 'http500'
  | 'wrongShape';

/** A running faulty server. */
export interface FaultyServer {
  url: string;
  /** Requests received so far. */
  requests: number;
  stop(): Promise<void>;
}

interface FaultyServerOptions {
  /** HTTP status of the `error` mode. */
  status?: number;
  /** The `error` mode's message (default: Prometheus's own for too many samples). */
  errorMessage?: string;
  /** Labels of the `nan` mode's sample, e.g. the key label a combined query expects. */
  metric?: Record<string, string>;
}

/** Starts a faulty HTTP server on 127.0.0.1. */
export async function startFaultyServer(
  mode: FaultMode,
  options: FaultyServerOptions = {},
): Promise<FaultyServer> {
  const state = { requests: 0 };
  const server = createServer((req, res) => {
    state.requests++;
    // Drain the body before answering so the client never sees a reset connection.
    req.resume();
    req.on('end', () => answer(mode, options, req, res));
  });
  await listen(server);
  const { port } = server.address() as AddressInfo;
  const stop = () =>
    new Promise<void>(resolve => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  if (mode === 'down') {
    // The port was free a moment ago and nothing listens on it now.
    await stop();
  }
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return state.requests;
    },
    stop: mode === 'down' ? async () => {} : stop,
  };
}

function answer(
  mode: FaultMode,
  options: FaultyServerOptions,
  _req: IncomingMessage,
  res: ServerResponse,
) {
  const now = Date.now() / 1000;
  const json = (status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  switch (mode) {
    case 'slow':
      return undefined; // never answers; the client's timeout must fire
    case 'malformed':
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return res.end('<html><body>Bad Gateway</body></html>');
    case 'nan':
      return json(200, {
        status: 'success',
        data: {
          resultType: 'vector',
          result: [{ metric: options.metric ?? {}, value: [now, 'NaN'] }],
        },
      });
    case 'error':
      return json(options.status ?? 422, {
        status: 'error',
        errorType: 'execution',
        error:
          options.errorMessage ??
          'query processing would load too many samples into memory',
      });
    case 'http500':
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      return res.end('upstream connect error or disconnect/reset');
    case 'wrongShape':
      return json(200, {
        status: 'success',
        data: { resultType: 'matrix', result: 'not a list' },
      });
    default:
      return json(404, {
        status: 'error',
        errorType: 'not_found',
        error: mode,
      });
  }
}

function listen(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
}
