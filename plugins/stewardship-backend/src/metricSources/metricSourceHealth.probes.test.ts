/*
 * The sources' own health probes. Datadog is not reachable from here, so a local server answers
 * `GET /api/v2/validate_keys` as Datadog documents it: 200 `{ "status": "ok" }` when both keys
 * are valid, 403 `{ "errors": ["Forbidden"] }` otherwise (and `/api/v1/validate`, of the API key
 * alone, below `/old`). Prometheus-API servers are probed at
 * `/api/v1/status/buildinfo`, falling back to `/-/ready` when that is 404.
 */
import { ConfigReader } from '@backstage/config';
import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { startFaultyServer } from '../__testUtils__/faultyServer';
import { DatadogMetricSource } from './DatadogMetricSource';
import { PrometheusMetricSource } from './PrometheusMetricSource';

async function serve(
  handler: (
    path: string,
    headers: Record<string, unknown>,
  ) => [number, string] | [number, string, string],
): Promise<{ url: string; paths: string[]; server: Server }> {
  const paths: string[] = [];
  const server = createServer((req, res) => {
    paths.push(req.url ?? '');
    const [status, body, contentType = 'application/json'] = handler(
      req.url ?? '',
      req.headers,
    );
    res.writeHead(status, { 'Content-Type': contentType });
    res.end(body);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, paths, server };
}

const signal = () => AbortSignal.timeout(5_000);

describe('Datadog checkHealth', () => {
  let fake: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    fake = await serve((path, headers) => {
      if (
        path === '/api/v2/validate_keys' &&
        headers['dd-api-key'] === 'good-key' &&
        headers['dd-application-key'] === 'good-app'
      ) {
        return [200, '{"status":"ok"}'];
      }
      // An older proxy's only check, of the API key alone.
      if (path === '/old/api/v1/validate') {
        return headers['dd-api-key'] === 'good-key'
          ? [200, '{"valid":true}']
          : [403, '{"errors":["Forbidden"]}'];
      }
      if (path.startsWith('/old/')) return [404, '{"errors":["Not found"]}'];
      return [403, '{"errors":["Forbidden"]}'];
    });
  });
  afterAll(() => new Promise<void>(r => fake.server.close(() => r())));

  const source = (apiKey: string, applicationKey = 'good-app', path = '') =>
    DatadogMetricSource.fromConfig(
      new ConfigReader({
        baseUrl: `${fake.url}${path}`,
        apiKey,
        applicationKey,
      }),
      { name: 'dd' },
    );

  it('is up when /api/v2/validate_keys accepts both keys', async () => {
    await expect(
      source('good-key').checkHealth({ signal: signal() }),
    ).resolves.toBeUndefined();
    expect(fake.paths.at(-1)).toBe('/api/v2/validate_keys');
  });

  it.each([
    ['API key', 'bad-key', 'good-app'],
    // /api/v1/validate checks the API key alone: this one read healthy.
    ['application key', 'good-key', 'bad-app'],
  ])(
    "is down with Datadog's message when the %s is wrong",
    async (_, apiKey, applicationKey) => {
      await expect(
        source(apiKey, applicationKey).checkHealth({ signal: signal() }),
      ).rejects.toThrow(
        `Datadog source "dd" at ${fake.url}: /api/v2/validate_keys answered HTTP 403: Forbidden`,
      );
    },
  );

  it('asks /api/v1/validate (the API key only) of a server without /api/v2/validate_keys', async () => {
    await expect(
      source('good-key', 'any', '/old').checkHealth({ signal: signal() }),
    ).resolves.toBeUndefined();
    expect(fake.paths.slice(-2)).toEqual([
      '/old/api/v2/validate_keys',
      '/old/api/v1/validate',
    ]);
    await expect(
      source('bad-key', 'any', '/old').checkHealth({ signal: signal() }),
    ).rejects.toThrow(
      `Datadog source "dd" at ${fake.url}/old: /api/v1/validate answered HTTP 403: Forbidden`,
    );
  });
});

describe('Prometheus checkHealth', () => {
  it('falls back to /-/ready on a server without build info (404)', async () => {
    const fake = await serve(path =>
      path === '/prefix/-/ready' ? [200, 'ready'] : [404, 'not found'],
    );
    try {
      const source = PrometheusMetricSource.fromConfig(
        new ConfigReader({ baseUrl: `${fake.url}/prefix/` }),
        { name: 'vm' },
      );
      await expect(
        source.checkHealth({ signal: signal() }),
      ).resolves.toBeUndefined();
      expect(fake.paths).toEqual([
        '/prefix/api/v1/status/buildinfo',
        '/prefix/-/ready',
      ]);
    } finally {
      await new Promise<void>(r => fake.server.close(() => r()));
    }
  });

  const LOGIN_PAGE =
    '<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body>Sign in to continue</body></html>';

  /** Probes a Prometheus source in front of which `handler` answers. */
  async function probeBehind(
    handler: Parameters<typeof serve>[0],
  ): Promise<{ url: string; paths: string[]; result: Promise<void> }> {
    const fake = await serve(handler);
    const source = PrometheusMetricSource.fromConfig(
      new ConfigReader({ baseUrl: fake.url }),
      { name: 'main' },
    );
    const result = source.checkHealth({ signal: signal() });
    // Settled (either way) before the server closes.
    await result.catch(() => undefined);
    await new Promise<void>(r => fake.server.close(() => r()));
    return { url: fake.url, paths: fake.paths, result };
  }

  it('is up when build info answers the API\'s JSON with status "success"', async () => {
    const { result } = await probeBehind(path =>
      path === '/api/v1/status/buildinfo'
        ? [200, '{"status":"success","data":{"version":"3.1.0"}}']
        : [404, 'not found'],
    );
    await expect(result).resolves.toBeUndefined();
  });

  it('is down when a login page answers build info with 200 and HTML', async () => {
    const { url, paths, result } = await probeBehind(() => [
      200,
      LOGIN_PAGE,
      'text/html',
    ]);
    await expect(result).rejects.toThrow(
      `Prometheus source "main" at ${url}: /api/v1/status/buildinfo answered HTTP 200 with a body that is not JSON: <!DOCTYPE html> <html><head><title>Sign in</title></head><body>Sign in to continue</body></html>`,
    );
    expect(paths).toEqual(['/api/v1/status/buildinfo']);
  });

  it('is down when build info answers 200 with JSON that is not a Prometheus answer', async () => {
    const { url, result } = await probeBehind(() => [200, '{"login":true}']);
    await expect(result).rejects.toThrow(
      `Prometheus source "main" at ${url}: /api/v1/status/buildinfo answered HTTP 200 with JSON that is not a Prometheus API answer: {"login":true}`,
    );
  });

  it('is down when build info is 404 and a login page answers /-/ready with 200', async () => {
    const { url, paths, result } = await probeBehind(path =>
      path === '/-/ready'
        ? [200, `  ${LOGIN_PAGE}`, 'text/html']
        : [404, 'not found'],
    );
    await expect(result).rejects.toThrow(
      `Prometheus source "main" at ${url}: /-/ready answered HTTP 200 with an HTML page, not Prometheus's readiness answer: <!DOCTYPE html>`,
    );
    expect(paths).toEqual(['/api/v1/status/buildinfo', '/-/ready']);
  });

  it('is down when the probe is aborted by its deadline', async () => {
    const slow = await startFaultyServer('slow');
    try {
      const source = PrometheusMetricSource.fromConfig(
        new ConfigReader({ baseUrl: slow.url }),
        { name: 'slow' },
      );
      await expect(
        source.checkHealth({ signal: AbortSignal.timeout(200) }),
      ).rejects.toThrow(
        /^Prometheus source "slow" at .*: no answer within 0\.[2-4]s$/,
      );
    } finally {
      await slow.stop();
    }
  });
});
