import { IncomingHttpHeaders, createServer } from 'node:http';
import { AddressInfo, Socket } from 'node:net';

/** One request a tracker server received. */
export interface TrackerRequest {
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}

/** What a tracker server answers: a JSON body (or raw text), a status, headers; or never. */
export type TrackerAnswer =
  | {
      status?: number;
      headers?: Record<string, string>;
      json?: unknown;
      text?: string;
    }
  | 'hang';

/** A running local tracker (Jira or GitHub look-alike) on 127.0.0.1. */
export interface TrackerServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `127.0.0.1:<port>` */
  host: string;
  requests: TrackerRequest[];
  /** Replaces how requests are answered. */
  answer: (request: TrackerRequest) => TrackerAnswer;
  stop(): Promise<void>;
}

/** Starts a local HTTP server on an ephemeral port that answers with `answer`. */
export async function startTrackerServer(
  answer: (request: TrackerRequest) => TrackerAnswer,
): Promise<TrackerServer> {
  const sockets = new Set<Socket>();
  const server = createServer();
  const state: TrackerServer = {
    url: '',
    host: '',
    requests: [],
    answer,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>(resolve => server.close(() => resolve()));
    },
  };
  server.on('request', (req, res) => {
    req.resume();
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const request = {
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
      };
      state.requests.push(request);
      const reply = state.answer(request);
      if (reply === 'hang') return;
      res.writeHead(reply.status ?? 200, {
        'content-type': 'application/json',
        ...reply.headers,
      });
      res.end(
        reply.text !== undefined ? reply.text : JSON.stringify(reply.json),
      );
    });
  });

  server.on('connection', socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  state.url = `http://127.0.0.1:${port}`;
  state.host = `127.0.0.1:${port}`;
  return state;
}

/** What a provider's BacklogProviderError should look like, for `toMatchObject`. */
export const providerError = (
  message: string | RegExp,
  extra: object = {},
) => ({
  name: 'BacklogProviderError',
  message:
    typeof message === 'string' ? message : expect.stringMatching(message),
  ...extra,
});
