import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import {
  CountWindow,
  MetricSourceError,
} from '@stewardship/backstage-plugin-stewardship-node';
import { FaultMode, startFaultyServer } from '../__testUtils__/faultyServer';
import {
  TestPrometheus,
  startPrometheus,
  writeOpenMetrics,
} from '../__testUtils__/prometheus';
import {
  RecordingProxy,
  startRecordingProxy,
} from '../__testUtils__/prometheusProxy';
import {
  DATA_START,
  RESTARTS,
  TrafficData,
  generateTrafficData,
} from '../__testUtils__/prometheusTestData';
import { PrometheusMetricSource } from './PrometheusMetricSource';
import { PROMETHEUS_KEY_LABEL } from './prometheusQueries';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Evaluation time: on the scrape grid, 20 minutes after the second restart, in an incident. */
const AT = Date.UTC(2025, 11, 31, 18, 0);
const MONTH_START = Date.UTC(2025, 11, 1);

const GOOD = 'http_requests_total{job="api",code="200"}';
const TOTAL = 'http_requests_total{job="api"}';

function source(baseUrl: string, extra: JsonObject = {}) {
  return PrometheusMetricSource.fromConfig(
    new ConfigReader({ baseUrl, ...extra }),
    { name: 'test' },
  );
}

function window(key: string, startMs: number, endMs: number): CountWindow {
  return { key, start: new Date(startMs), end: new Date(endMs) };
}

const signal = () => AbortSignal.timeout(60_000);

describe('PrometheusMetricSource against a real Prometheus', () => {
  let data: TrafficData;
  let prometheus: TestPrometheus;
  let proxy: RecordingProxy;

  /** Events of `http_requests_total` with `labels` over `(start, end]` in milliseconds. */
  const requests = (
    labels: Record<string, string>,
    start: number,
    end: number,
  ) => data.count('http_requests_total', labels, start / 1000, end / 1000);

  beforeAll(async () => {
    data = generateTrafficData();
    prometheus = await startPrometheus({
      openMetrics: writeOpenMetrics(data.series),
    });
    proxy = await startRecordingProxy(prometheus.url);
  }, 120_000);

  afterAll(async () => {
    await proxy?.stop();
    await prometheus?.stop();
  });

  beforeEach(() => {
    proxy.requests.length = 0;
  });

  it('counts exactly over 5m, 1h, 1d, 30d and month-to-date windows, across restarts, in one request', async () => {
    const windows = [
      window('5m', AT - 5 * MINUTE, AT),
      window('1h', AT - HOUR, AT),
      window('1d', AT - DAY, AT),
      window('30d', AT - 30 * DAY, AT),
      window('month', MONTH_START, AT),
    ];
    // The restarts fall inside the windows, so counter resets are part of what is checked.
    expect(RESTARTS.every(t => t * 1000 > AT - 30 * DAY && t * 1000 < AT)).toBe(
      true,
    );

    const result = await source(proxy.url).countEvents({
      queries: { good: GOOD, total: TOTAL },
      windows,
      signal: signal(),
    });

    const expected = Object.fromEntries(
      windows.map(w => {
        const [start, end] = [w.start.getTime(), w.end.getTime()];
        const good = requests({ job: 'api', code: '200' }, start, end);
        const bad = requests({ job: 'api', code: '500' }, start, end);
        return [w.key, { good, total: good + bad }];
      }),
    );
    // Exact: with `at` on a sample and a range of whole scrape intervals, Prometheus 2.x's range
    // includes the samples at both ends, so increase() needs no extrapolation (factor exactly 1)
    // and adds the pre-reset value at each reset: the increments themselves.
    expect(result.counts).toEqual(expected);
    expect(expected['5m'].total - expected['5m'].good).toBeGreaterThan(0);
    expect(proxy.requests).toHaveLength(1);
    expect(proxy.requests[0].path).toBe('/api/v1/query');
    expect(proxy.requests[0].form.get('time')).toBe(String(AT / 1000));
    expect(result.issuedQueries).toEqual([
      `sum(increase(${GOOD}[300s]))`,
      `sum(increase(${TOTAL}[300s]))`,
      `sum(increase(${GOOD}[3600s]))`,
      `sum(increase(${TOTAL}[3600s]))`,
      `sum(increase(${GOOD}[86400s]))`,
      `sum(increase(${TOTAL}[86400s]))`,
      `sum(increase(${GOOD}[2592000s]))`,
      `sum(increase(${TOTAL}[2592000s]))`,
      `sum(increase(${GOOD}[2656800s]))`,
      `sum(increase(${TOTAL}[2656800s]))`,
    ]);
    // Which queries counted which window, so each figure is explained by its own.
    const promql = (seconds: number) => [
      `sum(increase(${GOOD}[${seconds}s]))`,
      `sum(increase(${TOTAL}[${seconds}s]))`,
    ];
    expect(result.queriesByWindow).toEqual({
      '5m': promql(300),
      '1h': promql(3600),
      '1d': promql(86400),
      '30d': promql(2592000),
      month: promql(2656800),
    });
  });

  it('counts a whole calendar month, sending one request per distinct window end', async () => {
    const monthEnd = Date.UTC(2026, 0, 1);
    const result = await source(proxy.url).countEvents({
      queries: { total: TOTAL },
      windows: [
        window('december', MONTH_START, monthEnd),
        window('1h', AT - HOUR, AT),
      ],
      signal: signal(),
    });

    expect(result.counts).toEqual({
      december: { total: requests({ job: 'api' }, MONTH_START, monthEnd) },
      '1h': { total: requests({ job: 'api' }, AT - HOUR, AT) },
    });
    expect(proxy.requests.map(r => r.form.get('time')).sort()).toEqual(
      [String(AT / 1000), String(monthEnd / 1000)].sort(),
    );
    // A window ending before the latest end says when its query ran, so it can be rerun as sent.
    expect(AT).toBeLessThan(monthEnd);
    expect(result.queriesByWindow).toEqual({
      december: [
        `sum(increase(${TOTAL}[${(monthEnd - MONTH_START) / 1000}s]))`,
      ],
      '1h': [
        `sum(increase(${TOTAL}[3600s])) (at ${new Date(AT).toISOString()})`,
      ],
    });
  });

  it('counts a latency SLI from histogram buckets', async () => {
    const result = await source(proxy.url).countEvents({
      queries: {
        good: 'http_request_duration_seconds_bucket{job="api",le="0.3"}',
        total: 'http_request_duration_seconds_count{job="api"}',
      },
      windows: [window('1d', AT - DAY, AT)],
      signal: signal(),
    });

    const count = (name: string, labels: Record<string, string>) =>
      data.count(name, labels, (AT - DAY) / 1000, AT / 1000);
    expect(result.counts['1d']).toEqual({
      good: count('http_request_duration_seconds_bucket', { le: '0.3' }),
      total: count('http_request_duration_seconds_count', {}),
    });
    expect(result.counts['1d'].good).toBeLessThan(result.counts['1d'].total!);
  });

  it('uses {{.window}} expressions as written, summing them when they may return several series', async () => {
    const queries = {
      asWritten:
        'sum(increase(http_requests_total{job="api",code=~"(5..)"}[{{.window}}]))',
      byCode:
        'sum by (code) (increase(http_requests_total{job="api"}[{{ .window }}]))',
      bare: 'increase(http_request_duration_seconds_bucket{job="api",le="1"}[{{.window}}])',
    };
    const result = await source(proxy.url).countEvents({
      queries,
      windows: [window('1h', AT - HOUR, AT)],
      signal: signal(),
    });

    expect(result.counts['1h']).toEqual({
      asWritten: requests({ job: 'api', code: '500' }, AT - HOUR, AT),
      byCode: requests({ job: 'api' }, AT - HOUR, AT),
      bare: data.count(
        'http_request_duration_seconds_bucket',
        { le: '1' },
        (AT - HOUR) / 1000,
        AT / 1000,
      ),
    });
    expect(result.issuedQueries).toEqual([
      'sum(increase(http_requests_total{job="api",code=~"(5..)"}[3600s]))',
      'sum(sum by (code) (increase(http_requests_total{job="api"}[3600s])))',
      'sum(increase(http_request_duration_seconds_bucket{job="api",le="1"}[3600s]))',
    ]);
  });

  it('tells a selector matching no series (null) from a series without traffic (0)', async () => {
    const result = await source(proxy.url).countEvents({
      queries: {
        missing: 'http_requests_total{job="no-such-job"}',
        quiet: 'http_requests_total{job="batch"}',
        missingExpression: 'sum(increase(nope_total[{{.window}}]))',
      },
      windows: [window('1d', AT - DAY, AT)],
      signal: signal(),
    });

    expect(result.counts).toEqual({
      '1d': { missing: null, quiet: 0, missingExpression: null },
    });
  });

  it('extrapolates when the evaluation time is off the scrape grid, so counts are then approximate', async () => {
    const at = AT + 30_000;
    const result = await source(proxy.url).countEvents({
      queries: { total: TOTAL },
      windows: [window('1d', at - DAY, at)],
      signal: signal(),
    });

    const exact = requests({ job: 'api' }, AT - DAY, AT);
    expect(Math.abs(result.counts['1d'].total! - exact) / exact).toBeLessThan(
      0.01,
    );
  });

  it('counts per slice, aligned on the end, exactly', async () => {
    const start = AT - 6 * HOUR - 2 * MINUTE; // not a whole number of slices: the partial one is left out
    const result = await source(proxy.url).countEventsPerSlice({
      queries: { good: GOOD, total: TOTAL },
      start: new Date(start),
      end: new Date(AT),
      sliceSeconds: 300,
      signal: signal(),
    });

    const expected = Array.from({ length: 72 }, (_, i) => {
      const end = AT - (71 - i) * 5 * MINUTE;
      const good = requests({ job: 'api', code: '200' }, end - 5 * MINUTE, end);
      const bad = requests({ job: 'api', code: '500' }, end - 5 * MINUTE, end);
      return { end: new Date(end), counts: { good, total: good + bad } };
    });
    expect(result.slices).toEqual(expected);
    expect(proxy.requests).toHaveLength(1);
    expect(proxy.requests[0].path).toBe('/api/v1/query_range');
    expect(result.issuedQueries).toEqual([
      `sum(increase(${GOOD}[300s])) (step 300s)`,
      `sum(increase(${TOTAL}[300s])) (step 300s)`,
    ]);
  });

  it('splits slice ranges longer than Prometheus allows (11,000 points) into several requests', async () => {
    const start = AT - 10 * DAY; // 14,400 one-minute slices
    const result = await source(proxy.url).countEventsPerSlice({
      queries: { total: TOTAL },
      start: new Date(start),
      end: new Date(AT),
      sliceSeconds: 60,
      signal: signal(),
    });

    expect(proxy.requests).toHaveLength(2);
    expect(result.slices).toHaveLength(14_400);
    const mismatches = result.slices.filter(
      ({ end, counts }) =>
        counts.total !==
        requests({ job: 'api' }, end.getTime() - MINUTE, end.getTime()),
    );
    expect(mismatches).toEqual([]);
    expect(result.slices[0].end).toEqual(new Date(start + MINUTE));
    expect(result.slices[14_399].end).toEqual(new Date(AT));
  });

  it('leaves out slices before the data starts', async () => {
    const dataStart = DATA_START * 1000;
    const result = await source(proxy.url).countEventsPerSlice({
      queries: { total: TOTAL },
      start: new Date(dataStart - HOUR),
      end: new Date(dataStart + HOUR),
      sliceSeconds: 600,
      signal: signal(),
    });

    expect(result.slices.map(s => s.end)).toEqual(
      [1, 2, 3, 4, 5, 6].map(i => new Date(dataStart + i * 10 * MINUTE)),
    );
    expect(result.slices[0].counts.total).toBe(
      requests({ job: 'api' }, dataStart, dataStart + 10 * MINUTE),
    );
  });

  it('sends the configured credentials and headers', async () => {
    await source(proxy.url, {
      bearerToken: 'secret-token',
      headers: { 'X-Scope-OrgID': 'team-a' },
    }).countEvents({
      queries: { total: TOTAL },
      windows: [window('5m', AT - 5 * MINUTE, AT)],
      signal: signal(),
    });
    await source(proxy.url, {
      basicAuth: { username: 'user', password: 'pass' },
    }).countEvents({
      queries: { total: TOTAL },
      windows: [window('5m', AT - 5 * MINUTE, AT)],
      signal: signal(),
    });

    expect(proxy.requests.map(r => r.headers.authorization)).toEqual([
      'Bearer secret-token',
      `Basic ${Buffer.from('user:pass').toString('base64')}`,
    ]);
    expect(proxy.requests[0].headers['x-scope-orgid']).toBe('team-a');
  });

  it('reports a query Prometheus cannot parse with its error', async () => {
    await expect(
      source(proxy.url).countEvents({
        queries: { total: 'http_requests_total{job="api"' },
        windows: [window('5m', AT - 5 * MINUTE, AT)],
        signal: signal(),
      }),
    ).rejects.toThrow(
      /HTTP 400, status "error" \(bad_data\): invalid parameter "query"/,
    );
  });
});

describe('PrometheusMetricSource against a faulty server', () => {
  const request = {
    queries: { total: TOTAL },
    windows: [window('5m', AT - 5 * MINUTE, AT)],
  };

  it.each<{ name: string; mode: FaultMode; status?: number; message: RegExp }>([
    {
      name: 'down',
      mode: 'down',
      message: /could not be reached: .*ECONNREFUSED/,
    },
    {
      name: 'slow',
      mode: 'slow',
      message: /no answer within the 0.3s timeout/,
    },
    {
      name: 'answering non-JSON',
      mode: 'malformed',
      message: /answered HTTP 200 with a body that is not JSON: <html>/,
    },
    {
      name: 'answering an error with HTTP 422',
      mode: 'error',
      message:
        /answered HTTP 422, status "error" \(execution\): query processing would load too many samples/,
    },
    {
      name: 'answering an error with HTTP 200',
      mode: 'error',
      status: 200,
      message: /answered status "error" \(execution\): query processing/,
    },
    {
      name: 'answering HTTP 500',
      mode: 'http500',
      message:
        /answered HTTP 500 Internal Server Error: upstream connect error/,
    },
    {
      name: 'answering JSON of the wrong shape',
      mode: 'wrongShape',
      message: /unexpected shape of the query result \(.*resultType/,
    },
  ])('rejects when the server is $name', async ({ mode, status, message }) => {
    const server = await startFaultyServer(mode, { status });
    try {
      const promise = source(server.url, { timeout: '300ms' }).countEvents({
        ...request,
        signal: signal(),
      });
      await expect(promise).rejects.toThrow(MetricSourceError);
      await expect(promise).rejects.toThrow(
        new RegExp(
          `^Prometheus source "test" at ${server.url}: ${message.source}`,
        ),
      );
    } finally {
      await server.stop();
    }
  });

  it("cuts Prometheus's own message to one line of 500 characters", async () => {
    // Prometheus quotes queries in its messages; a proxy may answer anything in this shape.
    const message = `line one\nline two ${'x'.repeat(20_000)}`;
    const server = await startFaultyServer('error', { errorMessage: message });
    try {
      const failure = await source(server.url)
        .countEvents({ ...request, signal: signal() })
        .then(
          () => '',
          (e: Error) => e.message,
        );
      const quoted = failure.split('status "error" (execution): ')[1];
      expect(quoted).toBe(
        `${`line one line two ${'x'.repeat(20_000)}`.slice(0, 500)}…`,
      );
    } finally {
      await server.stop();
    }
  });

  it('rejects a NaN count instead of returning a number', async () => {
    const server = await startFaultyServer('nan', {
      metric: { [PROMETHEUS_KEY_LABEL]: '0' },
    });
    try {
      await expect(
        source(server.url).countEvents({ ...request, signal: signal() }),
      ).rejects.toThrow(
        /query sum\(increase\(http_requests_total\{job="api"\}\[300s\]\)\) at .* returned NaN, not a finite count/,
      );
    } finally {
      await server.stop();
    }
  });

  it('stops when the caller aborts', async () => {
    const server = await startFaultyServer('slow');
    try {
      const controller = new AbortController();
      const promise = source(server.url).countEvents({
        ...request,
        signal: controller.signal,
      });
      // Abort once the (slow) server holds the request: the request in flight is cancelled.
      while (server.requests === 0) {
        await new Promise(r => setTimeout(r, 10));
      }
      controller.abort(new Error('evaluation deadline passed'));
      await expect(promise).rejects.toThrow(
        /request aborted \(evaluation deadline passed\)/,
      );
      // Aborted before anything is sent: nothing is sent.
      const before = server.requests;
      await expect(
        source(server.url).countEvents({
          ...request,
          signal: controller.signal,
        }),
      ).rejects.toThrow(/request not sent, aborted/);
      expect(server.requests).toBe(before);
    } finally {
      await server.stop();
    }
  });

  it('rejects slice requests the same way', async () => {
    const server = await startFaultyServer('http500');
    try {
      await expect(
        source(server.url).countEventsPerSlice({
          queries: { total: TOTAL },
          start: new Date(AT - HOUR),
          end: new Date(AT),
          sliceSeconds: 300,
          signal: signal(),
        }),
      ).rejects.toThrow(/answered HTTP 500 Internal Server Error/);
    } finally {
      await server.stop();
    }
  });
});

describe('PrometheusMetricSource.fromConfig', () => {
  it('rejects a missing or invalid baseUrl and conflicting credentials', () => {
    expect(() => source('not a url')).toThrow(/Invalid baseUrl/);
    expect(() => source('ftp://example.com')).toThrow(/must be http or https/);
    expect(() =>
      source('http://prometheus', {
        bearerToken: 'x',
        basicAuth: { username: 'u', password: 'p' },
      }),
    ).toThrow(/either bearerToken or basicAuth/);
    expect(() =>
      PrometheusMetricSource.fromConfig(new ConfigReader({}), { name: 'x' }),
    ).toThrow(/baseUrl/);
  });

  it('refuses credentials in the baseUrl, without repeating them', () => {
    // fetch refuses such a URL on every request, quoting it in an error every user can read.
    let message = '';
    try {
      source('http://promuser:s3cr3t-pw@prometheus:9090');
    } catch (error) {
      message = String(error);
    }
    expect(message).toContain(
      'The baseUrl of metric source "test" holds a user name or password: give them as basicAuth',
    );
    expect(message).not.toContain('s3cr3t-pw');
  });

  it('does not repeat the credentials of a malformed baseUrl or uiUrl', () => {
    // The `/` in the password ends the host: `s3cr3t` is read as a port, and the URL is invalid.
    expect(() => source('http://promuser:s3cr3t/pw@prometheus:9090')).toThrow(
      'Invalid baseUrl "http://[redacted]@prometheus:9090" of metric source "test"',
    );
    expect(() =>
      source('http://prometheus', {
        uiUrl: 'https://admin:ui/s3cr3t@prometheus.example',
      }),
    ).toThrow(
      'Invalid uiUrl "https://[redacted]@prometheus.example" of metric source "test"',
    );
  });

  it('refuses a key it does not read (a misspelled credential would be ignored)', () => {
    expect(() => source('http://prometheus', { bearertoken: 'abc' })).toThrow(
      'Unknown key "bearertoken" in metric source "test"; it reads type, baseUrl, uiUrl, timeout, bearerToken, basicAuth, headers',
    );
    expect(() =>
      source('http://prometheus', {
        type: 'prometheus',
        uiUrl: 'http://p',
        timeout: '5s',
        bearerToken: 'abc',
        headers: { 'X-Scope-OrgID': 'a' },
      }),
    ).not.toThrow();
  });

  it('refuses a token or header value a request cannot carry, without repeating it', () => {
    // A token pasted across two lines: fetch refused every request, quoting the whole value in
    // an error every signed-in user can read on /metric-sources.
    const refused = (extra: object) => {
      try {
        source('http://prometheus', extra);
      } catch (error) {
        return String(error);
      }
      return 'accepted';
    };
    const token = refused({ bearerToken: 'tok-S3CR3T\npart2' });
    expect(token).toContain(
      'The bearerToken of metric source "test" holds a line break or another character a request header cannot carry',
    );
    expect(token).not.toContain('S3CR3T');
    const header = refused({ headers: { 'X-Api-Key': 'key-S3CR3T\r\nX: y' } });
    expect(header).toContain(
      'The header X-Api-Key of metric source "test" holds a line break',
    );
    expect(header).not.toContain('S3CR3T');
    expect(refused({ headers: { 'X-Scope-OrgID': 'tenant\t1' } })).toBe(
      'accepted',
    );
  });

  it('names the full key of its timeout when it is not a positive duration', () => {
    const key = 'stewardship.metricSources.test.timeout';
    expect(() => source('http://prometheus', { timeout: '0s' })).toThrow(
      `${key} must be longer than zero`,
    );
    expect(() => source('http://prometheus', { timeout: 'soon' })).toThrow(
      `Invalid ${key}: Invalid duration 'soon'`,
    );
    expect(() => source('http://prometheus', { timeout: 30 })).toThrow(
      `Invalid ${key}: 30 is a number without a unit`,
    );
  });
});

describe('PrometheusMetricSource.queryLink', () => {
  const start = new Date('2026-10-31T12:00:00Z');
  const end = new Date('2026-11-30T12:00:00Z');

  it('has no link without a uiUrl: baseUrl is the backend’s address, not a browser’s', () => {
    expect(
      source('http://prometheus:9090').queryLink({ query: 'up', start, end }),
    ).toBeUndefined();
  });

  it('opens an instant query as a table at the moment it was evaluated', () => {
    const prometheus = source('http://prometheus:9090', {
      uiUrl: 'https://prometheus.example.com/monitoring',
    });
    const link = prometheus.queryLink({
      query: 'sum(increase(http_requests_total{job="api"}[30d]))',
      start,
      end,
    });
    // Written out by hand: the path kept, the expression and the UTC moment form-encoded.
    expect(link).toBe(
      'https://prometheus.example.com/monitoring/graph?g0.expr=sum%28increase%28http_requests_total%7Bjob%3D%22api%22%7D%5B30d%5D%29%29&g0.tab=1&g0.moment_input=2026-11-30+12%3A00%3A00',
    );
  });

  it('opens a slice query as a graph over the window with its step', () => {
    const prometheus = source('http://prometheus:9090', {
      uiUrl: 'http://localhost:9090/',
    });
    const link = new URL(
      prometheus.queryLink({
        query: 'sum(increase(ok_total[5m])) (step 300s)',
        start,
        end,
      })!,
    );
    expect(link.pathname).toBe('/graph');
    expect(Object.fromEntries(link.searchParams)).toEqual({
      'g0.expr': 'sum(increase(ok_total[5m]))',
      'g0.tab': '0',
      'g0.range_input': `${30 * 86400}s`,
      'g0.end_input': '2026-11-30 12:00:00',
      'g0.step_input': '300',
    });
  });

  it('rejects an invalid uiUrl at startup', () => {
    expect(() => source('http://p', { uiUrl: 'not a url' })).toThrow(
      /Invalid uiUrl/,
    );
    expect(() => source('http://p', { uiUrl: 'file:///etc' })).toThrow(
      /uiUrl .* must be http or https/,
    );
    expect(() =>
      source('http://p', { uiUrl: 'https://admin:secret@prometheus.example' }),
    ).toThrow(/uiUrl .* must not contain a user name or password/);
  });
});
