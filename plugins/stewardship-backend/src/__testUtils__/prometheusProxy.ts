import { IncomingHttpHeaders, createServer } from 'node:http';
import { AddressInfo } from 'node:net';

/** A request that went through a {@link RecordingProxy}. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The form fields of a POST (`query`, `time`, `step`…). */
  form: URLSearchParams;
}

/** A running recording proxy. */
export interface RecordingProxy {
  url: string;
  requests: RecordedRequest[];
  stop(): Promise<void>;
}

/**
 * An HTTP proxy on 127.0.0.1 that forwards everything to `target` (a real Prometheus) and records
 * what it forwarded, so tests can check how many requests a source really sends and what they say.
 */
export async function startRecordingProxy(
  target: string,
): Promise<RecordingProxy> {
  const requests: RecordedRequest[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    requests.push({
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
      form: new URLSearchParams(body),
    });
    try {
      const response = await fetch(`${target}${req.url}`, {
        method: req.method,
        headers: {
          'Content-Type': req.headers['content-type'] ?? 'text/plain',
        },
        body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body,
      });
      res.writeHead(response.status, {
        'Content-Type': response.headers.get('content-type') ?? 'text/plain',
      });
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      res.writeHead(502, { 'Content-Type': 'text/plain' });
      res.end(`proxy: ${error}`);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
