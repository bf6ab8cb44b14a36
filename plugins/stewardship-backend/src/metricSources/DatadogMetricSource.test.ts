import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { MetricSourceError } from '@stewardship/backstage-plugin-stewardship-node';
import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { startFaultyServer } from '../__testUtils__/faultyServer';
import {
  DatadogMetricSource,
  datadogQueryProblem,
} from './DatadogMetricSource';

/*
 * No real Datadog is reachable from here (no internet, no account), so these tests run against a
 * local server that answers `GET /api/v1/query` the way Datadog documents it: `{ status, series:
 * [{ pointlist: [[ms, value | null], …], interval }] }`, `{ errors: [...] }` on HTTP errors. Its
 * points are per-minute counts rolled up on an epoch-aligned grid of the query's
 * `.rollup(sum, N)` interval (60 s without one), clipped to `[from, to)`.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const AT = Date.UTC(2026, 0, 15, 12, 0);
const API_KEY = 'test-api-key';
const APP_KEY = 'test-app-key';

/** Events per minute starting at the minute's first millisecond, for two metrics. */
function eventsAt(metric: string, minuteMs: number): number {
  const i = minuteMs / MINUTE;
  if (metric === 'requests.ok') return 50 + (i % 7);
  if (metric === 'requests.failed') return i % 11 === 0 ? 3 : 0;
  return 0;
}

/** Expected events in `(start, end]`, both on the minute grid: the minutes `[start, end)`. */
function expectedEvents(metric: string, start: number, end: number): number {
  let total = 0;
  for (let m = start; m < end; m += MINUTE) total += eventsAt(metric, m);
  return total;
}

function fakeDatadog(): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (
      req.headers['dd-api-key'] !== API_KEY ||
      req.headers['dd-application-key'] !== APP_KEY
    ) {
      return json(403, { errors: ['Forbidden'] });
    }
    if (url.pathname !== '/api/v1/query') {
      return json(404, { errors: ['Not found'] });
    }
    const from = Number(url.searchParams.get('from')) * 1000;
    const to = Number(url.searchParams.get('to')) * 1000;
    const query = url.searchParams.get('query') ?? '';
    if (query.startsWith('syntax error')) {
      return json(400, { errors: ['Error parsing query: unexpected token'] });
    }
    if (query.startsWith('status:error')) {
      return json(200, {
        status: 'error',
        error: 'Rate limit of queries exceeded',
      });
    }
    const rollup = /\.rollup\(sum, (\d+)\)/.exec(query);
    const interval = rollup ? Number(rollup[1]) : 60;
    const metric = /^sum:([\w.]+)\{/.exec(query)?.[1] ?? '';
    const series = [];
    if (metric === 'requests.ok' || metric === 'requests.failed') {
      const pointlist: Array<[number, number | null]> = [];
      const step = interval * 1000;
      for (let b = Math.floor(from / step) * step; b < to; b += step) {
        let sum = 0;
        for (
          let m = Math.max(b, from);
          m < Math.min(b + step, to);
          m += MINUTE
        ) {
          sum += eventsAt(metric, m);
        }
        pointlist.push([b, sum]);
      }
      series.push({ metric, interval, pointlist });
    } else if (metric === 'requests.gappy') {
      series.push({
        metric,
        interval,
        pointlist: [
          [from, null],
          [from + 60_000, null],
        ],
      });
    } else if (metric === 'requests.negative') {
      series.push({ metric, interval, pointlist: [[from, -1]] });
    } else if (metric === 'requests.coarse') {
      series.push({ metric, interval: interval * 2, pointlist: [[from, 1]] });
    }
    return json(200, { status: 'ok', res_type: 'time_series', query, series });
  });
}

describe('DatadogMetricSource', () => {
  let server: Server;
  let baseUrl: string;

  const source = (extra: JsonObject = {}) =>
    DatadogMetricSource.fromConfig(
      new ConfigReader({
        baseUrl,
        apiKey: API_KEY,
        applicationKey: APP_KEY,
        ...extra,
      }),
      { name: 'dd' },
    );
  const signal = () => AbortSignal.timeout(10_000);

  beforeAll(async () => {
    server = fakeDatadog();
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise(resolve => server.close(resolve));
  });

  it('sums the points of every series over each window; no series is null, empty points 0', async () => {
    const result = await source().countEvents({
      queries: {
        good: 'sum:requests.ok{service:checkout}.as_count()',
        bad: 'sum:requests.failed{service:checkout}.as_count()',
        missing: 'sum:requests.unknown{service:checkout}.as_count()',
        gappy: 'sum:requests.gappy{service:checkout}.as_count()',
      },
      windows: [
        { key: '1h', start: new Date(AT - HOUR), end: new Date(AT) },
        { key: '1d', start: new Date(AT - 24 * HOUR), end: new Date(AT) },
      ],
      signal: signal(),
    });

    for (const [key, start] of [
      ['1h', AT - HOUR],
      ['1d', AT - 24 * HOUR],
    ] as const) {
      expect(result.counts[key]).toEqual({
        good: expectedEvents('requests.ok', start, AT),
        bad: expectedEvents('requests.failed', start, AT),
        missing: null,
        gappy: 0,
      });
    }
    expect(result.counts['1h'].bad).toBeGreaterThan(0);
    expect(result.issuedQueries).toEqual([
      'sum:requests.ok{service:checkout}.as_count()',
      'sum:requests.failed{service:checkout}.as_count()',
      'sum:requests.unknown{service:checkout}.as_count()',
      'sum:requests.gappy{service:checkout}.as_count()',
    ]);
    // The same text counted each window (the window travels as from/to).
    expect(result.queriesByWindow).toEqual({
      '1h': result.issuedQueries,
      '1d': result.issuedQueries,
    });
  });

  it('counts per slice with a sum rollup of the slice length, one point per slice', async () => {
    const result = await source().countEventsPerSlice({
      queries: {
        good: 'sum:requests.ok{*}.as_count()',
        bad: 'sum:requests.failed{*}.as_count().rollup(sum, 300)',
      },
      start: new Date(AT - HOUR),
      end: new Date(AT),
      sliceSeconds: 300,
      signal: signal(),
    });

    expect(result.slices).toEqual(
      Array.from({ length: 12 }, (_, i) => {
        const end = AT - HOUR + (i + 1) * 5 * MINUTE;
        return {
          end: new Date(end),
          counts: {
            good: expectedEvents('requests.ok', end - 5 * MINUTE, end),
            bad: expectedEvents('requests.failed', end - 5 * MINUTE, end),
          },
        };
      }),
    );
    expect(result.issuedQueries).toEqual([
      'sum:requests.ok{*}.as_count().rollup(sum, 300)',
      'sum:requests.failed{*}.as_count().rollup(sum, 300)',
    ]);
  });

  it('rejects slices Datadog rolled up coarser than asked', async () => {
    await expect(
      source().countEventsPerSlice({
        queries: { total: 'sum:requests.coarse{*}.as_count()' },
        start: new Date(AT - HOUR),
        end: new Date(AT),
        sliceSeconds: 300,
        signal: signal(),
      }),
    ).rejects.toThrow(/rolled .* up every 600s instead of every 300s/);
  });

  it.each([
    {
      name: 'wrong keys',
      extra: { apiKey: 'wrong' },
      query: 'sum:requests.ok{*}',
      message: /answered HTTP 403: Forbidden/,
    },
    {
      name: 'a bad query',
      extra: {},
      query: 'syntax error',
      message: /answered HTTP 400: Error parsing query/,
    },
    {
      name: 'an error status',
      extra: {},
      query: 'status:error',
      message: /answered status "error" for status:error: Rate limit/,
    },
    {
      name: 'a negative value',
      extra: {},
      query: 'sum:requests.negative{*}',
      message: /returned -1, a negative count/,
    },
  ])(
    'rejects $name with a MetricSourceError',
    async ({ extra, query, message }) => {
      const promise = source(extra).countEvents({
        queries: { total: query },
        windows: [{ key: '1h', start: new Date(AT - HOUR), end: new Date(AT) }],
        signal: signal(),
      });
      await expect(promise).rejects.toThrow(MetricSourceError);
      await expect(promise).rejects.toThrow(message);
    },
  );

  it.each([
    { mode: 'down' as const, message: /could not be reached: .*ECONNREFUSED/ },
    { mode: 'slow' as const, message: /no answer within the 0.3s timeout/ },
    {
      mode: 'malformed' as const,
      message: /answered HTTP 200 with a body that is not JSON: <html>/,
    },
    {
      mode: 'http500' as const,
      message: /answered HTTP 500 Internal Server Error: upstream/,
    },
    {
      mode: 'wrongShape' as const,
      message: /unexpected shape of the query result/,
    },
  ])('rejects a server that is $mode', async ({ mode, message }) => {
    const faulty = await startFaultyServer(mode);
    try {
      const promise = DatadogMetricSource.fromConfig(
        new ConfigReader({
          baseUrl: faulty.url,
          apiKey: API_KEY,
          applicationKey: APP_KEY,
          timeout: '300ms',
        }),
        { name: 'dd' },
      ).countEvents({
        queries: { total: 'sum:requests.ok{*}.as_count()' },
        windows: [{ key: '1h', start: new Date(AT - HOUR), end: new Date(AT) }],
        signal: signal(),
      });
      await expect(promise).rejects.toThrow(
        new RegExp(`^Datadog source "dd" at ${faulty.url}: ${message.source}`),
      );
    } finally {
      await faulty.stop();
    }
  });

  it('refuses a site that is not a host name and a baseUrl with credentials', () => {
    const keys = { apiKey: API_KEY, applicationKey: APP_KEY };
    const read = (extra: Record<string, string>) => () =>
      DatadogMetricSource.fromConfig(new ConfigReader({ ...keys, ...extra }), {
        name: 'dd',
      });
    // It made https://api.https//datadoghq.eu and failed only when queried.
    expect(read({ site: 'https://datadoghq.eu' })).toThrow(
      'The site of metric source "dd" must be a Datadog site\'s host name such as datadoghq.eu, not "https://datadoghq.eu"',
    );
    expect(read({ site: 'datadoghq.eu' })).not.toThrow();
    // Credentials written into the site are not repeated.
    expect(read({ site: 'api-key-s3cr3t@datadoghq.eu' })).toThrow(
      'The site of metric source "dd" must be a Datadog site\'s host name such as datadoghq.eu, not "[redacted]@datadoghq.eu"',
    );
    expect(read({ baseUrl: 'dd-proxy:8080' })).toThrow(
      'The baseUrl of metric source "dd" must be http or https',
    );
    expect(read({ baseUrl: 'https://u:secret@dd-proxy' })).toThrow(
      /holds a user name or password/,
    );
    expect(read({ appKey: 'x' })).toThrow(
      'Unknown key "appKey" in metric source "dd"; it reads type, site, baseUrl, apiKey, applicationKey, timeout',
    );
    // A key pasted across two lines: refused by name, the key not repeated.
    expect(read({ applicationKey: 'app-S3CR3T\nsecond-line' })).toThrow(
      /^The applicationKey of metric source "dd" holds a line break or another character a request header cannot carry[^]*the value is not repeated here$/,
    );
  });

  describe('on a 429', () => {
    let limited: Server;
    let limitedUrl: string;
    let requests = 0;
    let headers: Record<string, string> = {};
    beforeAll(async () => {
      limited = createServer((_req, res) => {
        requests += 1;
        // Answered a little later, so requests sent at once are seen as such.
        setTimeout(() => {
          res.writeHead(429, {
            'Content-Type': 'application/json',
            ...headers,
          });
          res.end(
            JSON.stringify({
              errors: ['Rate limit of 1600 requests in 3600 seconds reached'],
            }),
          );
        }, 50);
      });
      await new Promise<void>(r => limited.listen(0, '127.0.0.1', r));
      limitedUrl = `http://127.0.0.1:${
        (limited.address() as AddressInfo).port
      }`;
    });
    afterAll(async () => {
      limited.closeAllConnections();
      await new Promise(r => limited.close(r));
    });

    const limitedSource = () =>
      DatadogMetricSource.fromConfig(
        new ConfigReader({
          baseUrl: limitedUrl,
          apiKey: API_KEY,
          applicationKey: APP_KEY,
        }),
        { name: 'dd' },
      );
    // An SLO with the preset's 7 burn windows: 16 requests.
    const windows = ['30d', '1h', '5m', '6h', '30m', '1d', '2h', '3d'].map(
      (key, i) => ({
        key,
        start: new Date(AT - (i + 1) * HOUR),
        end: new Date(AT),
      }),
    );

    it.each([
      [{ 'Retry-After': '42' }, ' (rate limited: retry in 42 s)'],
      [{ 'x-ratelimit-reset': '17' }, ' (rate limited: retry in 17 s)'],
      // Not integer seconds within a day: not repeated.
      [
        {
          'Retry-After': 'Wed, 21 Oct 2026 07:28:00 GMT',
          'x-ratelimit-reset': '99999999',
        },
        '',
      ],
      [{}, ''],
    ])(
      'sends no further request of the count after the first, saying when to retry (%j)',
      async (answerHeaders, retry) => {
        headers = answerHeaders;
        requests = 0;
        const promise = limitedSource().countEvents({
          queries: {
            bad: 'sum:requests.failed{*}.as_count()',
            total: 'sum:requests.ok{*}.as_count()',
          },
          windows,
          signal: signal(),
        });
        await expect(promise).rejects.toMatchObject({
          message: `Datadog source "dd" at ${limitedUrl}: answered HTTP 429: Rate limit of 1600 requests in 3600 seconds reached${retry}`,
        });
        // Give requests still queued the time to (not) go out.
        await new Promise(r => setTimeout(r, 200));
        expect(requests).toBeLessThanOrEqual(4);
      },
    );

    it('stops a slice count the same way', async () => {
      headers = { 'Retry-After': '5' };
      requests = 0;
      await expect(
        limitedSource().countEventsPerSlice({
          // 3 chunks of 1000 slices × 3 queries: 9 requests.
          queries: { a: 'sum:a{*}', b: 'sum:b{*}', c: 'sum:c{*}' },
          start: new Date(AT - 2500 * MINUTE),
          end: new Date(AT),
          sliceSeconds: 60,
          signal: signal(),
        }),
      ).rejects.toThrow(/HTTP 429: .* \(rate limited: retry in 5 s\)$/);
      await new Promise(r => setTimeout(r, 200));
      expect(requests).toBeLessThanOrEqual(4);
    });
  });

  it.each([
    'sum:trace.http.request.hits{service:checkout}.as_count()',
    'sum:requests.ok{*}.as_count().rollup(sum, 300)',
    'sum:trace.http.request.errors{service:checkout,!env:staging} by {resource_name}.as_count()',
    'default_zero(sum:a.b{env:prod}.as_count()) + sum:c.d{env:prod}.as_count()',
    'a{*}',
  ])('takes %s for a Datadog metric query', query => {
    expect(datadogQueryProblem(query)).toBeUndefined();
  });

  it.each([
    ['sum(increase(http_requests_total[{{.window}}]))', /no \{\{\.window\}\}/],
    ['sum:a{*}.as_count().rollup(sum, {{.window}})', /no \{\{\.window\}\}/],
    ['http_requests_total{job="api"}', /This is PromQL/],
    ['rate(http_requests_total[5m])', /This is PromQL/],
    ['http_requests_total', /No metric with a scope in \{…\}/],
    ['sum:a{*}.as_count())', /Unbalanced parentheses/],
    ['default_zero(sum:a{*}', /Unbalanced parentheses/],
  ])('refuses %s, naming the syntax it expects', (query, message) => {
    const problem = datadogQueryProblem(query);
    expect(problem).toMatch(message);
    expect(problem).toContain(
      'a Datadog source expects a metric query such as sum:trace.http.request.hits{service:checkout}.as_count()',
    );
  });

  it('requires both keys', () => {
    expect(() =>
      DatadogMetricSource.fromConfig(new ConfigReader({ apiKey: 'a' }), {
        name: 'dd',
      }),
    ).toThrow(/applicationKey/);
    expect(() =>
      DatadogMetricSource.fromConfig(
        new ConfigReader({ applicationKey: 'b' }),
        { name: 'dd' },
      ),
    ).toThrow(/apiKey/);
  });
});
