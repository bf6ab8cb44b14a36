/*
 * A metric source that answers a redirect: never followed, since fetch would carry the source's
 * credential headers (DD-API-KEY, a Prometheus source's `headers`) on to another origin. Two real
 * local servers: one redirecting, the other recording what reaches it.
 */
import { ConfigReader } from '@backstage/config';
import { MetricSourceError } from '@stewardship/backstage-plugin-stewardship-node';
import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { DatadogMetricSource } from './DatadogMetricSource';
import { MetricSourceHealthService } from './MetricSourceHealthService';
import { PrometheusMetricSource } from './PrometheusMetricSource';
import { fetchFromSource } from './sourceHttp';

interface Running {
  url: string;
  /** The headers of every request received. */
  requests: Array<Record<string, unknown>>;
  server: Server;
}

async function start(
  answer: (path: string, res: import('node:http').ServerResponse) => void,
): Promise<Running> {
  const requests: Array<Record<string, unknown>> = [];
  const server = createServer((req, res) => {
    requests.push({ ...req.headers });
    req.resume();
    req.on('end', () => answer(req.url ?? '/', res));
  });
  await new Promise<void>(resolve =>
    server.listen(0, '127.0.0.1', () => resolve()),
  );
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, server };
}

const stop = (running: Running) =>
  new Promise<void>(resolve => {
    running.server.closeAllConnections();
    running.server.close(() => resolve());
  });

describe('metric sources answering a redirect', () => {
  /** The final address: records what it receives, answers an empty Prometheus vector. */
  let target: Running;
  /** Redirects every request to `target` (same path, a signed query), with `status`. */
  let redirecting: Running;
  let status = 302;
  let location: (path: string) => string | undefined;

  beforeAll(async () => {
    target = await start((_path, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          status: 'success',
          data: { resultType: 'vector', result: [] },
        }),
      );
    });
    redirecting = await start((path, res) => {
      const to = location(path);
      res.writeHead(status, to === undefined ? {} : { Location: to });
      res.end('moved');
    });
  });
  afterAll(async () => {
    await stop(target);
    await stop(redirecting);
  });
  beforeEach(() => {
    target.requests.length = 0;
    redirecting.requests.length = 0;
    status = 302;
    location = path =>
      `${target.url}${path.split('?')[0]}?signature=s3cret#frag`;
  });

  const fetchWith = (headers: Record<string, string>) =>
    fetchFromSource({
      source: 'Test source',
      url: new URL(`${redirecting.url}/api/v1/query?query=up`),
      init: { headers },
      timeoutMs: 5000,
      signal: AbortSignal.timeout(10_000),
    });

  it.each([301, 302, 303, 307, 308])(
    'turns HTTP %p into a source error naming where it points, sending nothing there',
    async code => {
      status = code;
      const error = await fetchWith({ 'X-Scope-OrgID': 'team-a' }).catch(
        e => e,
      );
      expect(error).toBeInstanceOf(MetricSourceError);
      expect(error.message).toBe(
        `Test source: answered a redirect (HTTP ${code}) to ${target.url}/api/v1/query; set baseUrl to the final address`,
      );
      expect(redirecting.requests).toEqual([
        expect.objectContaining({ 'x-scope-orgid': 'team-a' }),
      ]);
      expect(target.requests).toEqual([]);
    },
  );

  it('resolves a relative Location; says so when there is none', async () => {
    location = () => '/elsewhere/?token=abc';
    await expect(fetchWith({})).rejects.toThrow(
      `Test source: answered a redirect (HTTP 302) to ${redirecting.url}/elsewhere/; set baseUrl to the final address`,
    );
    location = () => undefined;
    await expect(fetchWith({})).rejects.toThrow(
      'Test source: answered a redirect (HTTP 302) to an address it did not give; set baseUrl to the final address',
    );
  });

  it('a Prometheus source keeps its headers and credentials at home', async () => {
    const source = PrometheusMetricSource.fromConfig(
      new ConfigReader({
        baseUrl: redirecting.url,
        bearerToken: 'prom-token',
        headers: { 'X-Scope-OrgID': 'team-a' },
      }),
      { name: 'main' },
    );
    const at = Date.UTC(2026, 0, 15, 12, 0);
    await expect(
      source.countEvents({
        queries: { total: 'http_requests_total' },
        windows: [
          { key: '5m', start: new Date(at - 300_000), end: new Date(at) },
        ],
        signal: AbortSignal.timeout(10_000),
      }),
    ).rejects.toThrow(
      `Prometheus source "main" at ${redirecting.url}: answered a redirect (HTTP 302) to ${target.url}/api/v1/query; set baseUrl to the final address`,
    );
    expect(redirecting.requests.length).toBeGreaterThan(0);
    expect(target.requests).toEqual([]);
  });

  it('a Datadog source keeps its API and application keys at home', async () => {
    const source = DatadogMetricSource.fromConfig(
      new ConfigReader({
        baseUrl: redirecting.url,
        apiKey: 'dd-api-key',
        applicationKey: 'dd-app-key',
      }),
      { name: 'dd' },
    );
    const at = Date.UTC(2026, 0, 15, 12, 0);
    const error = await source
      .countEvents({
        queries: { total: 'sum:requests.ok{*}.as_count()' },
        windows: [
          { key: '5m', start: new Date(at - 300_000), end: new Date(at) },
        ],
        signal: AbortSignal.timeout(10_000),
      })
      .catch(e => e);
    expect(error).toBeInstanceOf(MetricSourceError);
    expect(error.message).toMatch(
      `answered a redirect (HTTP 302) to ${target.url}/api/v1/query; set baseUrl to the final address`,
    );
    expect(redirecting.requests[0]).toMatchObject({
      'dd-api-key': 'dd-api-key',
    });
    expect(target.requests).toEqual([]);
  });
});

/*
 * A source that never answers reads the same whichever deadline cuts it: "no answer within …",
 * the source's own timeout (as an evaluation's query meets it) or the caller's (a health probe's).
 */
describe('a metric source that never answers', () => {
  let silent: Running;

  beforeAll(async () => {
    silent = await start(() => {});
  });
  afterAll(() => stop(silent));

  const fetchSilent = (timeoutMs: number, signal: AbortSignal) =>
    fetchFromSource({
      source: 'Test source',
      url: new URL(`${silent.url}/api/v1/query?query=up`),
      init: {},
      timeoutMs,
      signal,
    });

  it("times out at the source's own timeout, naming it", async () => {
    await expect(fetchSilent(200, AbortSignal.timeout(10_000))).rejects.toThrow(
      expect.objectContaining({
        name: 'MetricSourceError',
        message: 'Test source: no answer within the 0.2s timeout',
      }),
    );
  });

  it("times out at the caller's timeout, saying how long it waited", async () => {
    const error = await fetchSilent(10_000, AbortSignal.timeout(200)).catch(
      e => e,
    );
    expect(error).toBeInstanceOf(MetricSourceError);
    expect(error.message).toMatch(/^Test source: no answer within 0\.[2-4]s$/);
  });

  it('sends nothing once the timeout has passed', async () => {
    const signal = AbortSignal.timeout(1);
    await new Promise(resolve => setTimeout(resolve, 20));
    const before = silent.requests.length;
    await expect(fetchSilent(10_000, signal)).rejects.toThrow(
      expect.objectContaining({
        name: 'MetricSourceError',
        message: 'Test source: request not sent, its timeout had passed',
      }),
    );
    expect(silent.requests).toHaveLength(before);
  });

  it('is down in the health check with the same wording as an evaluation', async () => {
    const prometheus = PrometheusMetricSource.fromConfig(
      new ConfigReader({ baseUrl: silent.url }),
      { name: 'silent' },
    );
    // The probe's deadline (0.3 s) comes before the source's own default 10 s timeout.
    const health = new MetricSourceHealthService(
      [{ name: 'silent', type: 'prometheus', source: prometheus }],
      { probeTimeoutMs: 300 },
    );
    const [summary] = await health.list();
    expect(summary.health).toEqual({
      status: 'down',
      reason: expect.stringMatching(
        new RegExp(
          `^Prometheus source "silent" at ${silent.url}: no answer within 0\\.[3-5]s$`,
        ),
      ),
      checkedAt: expect.any(String),
    });
  });
});
