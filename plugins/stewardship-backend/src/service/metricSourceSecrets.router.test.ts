/*
 * A metric source (or a proxy in front of it) that echoes the request's headers in its error
 * answer: the configured credentials never reach GET /metric-sources' health reasons nor an SLO's
 * no-data reason, returned by an evaluation and stored with its snapshot; `[redacted]` stands in
 * their place. For each credential a built-in source sends: a Prometheus bearer token, basic auth,
 * a custom header, Datadog's API and application keys.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import { AddressInfo } from 'node:net';
import { IncomingMessage, Server, createServer } from 'node:http';
import request from 'supertest';
import { component } from '../__testUtils__/entities';
import { inMemoryDatabaseFactory } from '../__testUtils__/testDatabases';
import { startStewardshipTestBackend } from '../__testUtils__/stewardshipTestBackend';

/** Each backend's plugins get their own in-memory database, closed after the tests. */
const testDatabase = inMemoryDatabaseFactory();
const asUser = mockCredentials.user.header('user:default/jane');

/**
 * Headers every fetch sends, left out of the echo so that what it repeats fits within the 200
 * characters a message quotes of an answer: a credential cut off there would prove nothing.
 */
const NOT_ECHOED = new Set([
  'host',
  'connection',
  'content-length',
  'content-type',
  'accept',
  'accept-encoding',
  'accept-language',
  'sec-fetch-mode',
  'user-agent',
]);

function echoedHeaders(req: IncomingMessage): string {
  return Object.entries(req.headers)
    .filter(([name]) => !NOT_ECHOED.has(name))
    .map(([name, value]) => `${name}: ${value}`)
    .join(', ');
}

/**
 * Answers every request 401 quoting its headers: as plain text, or under a path starting with
 * `/prometheus-error` or `/datadog-errors` in that API's own error shape (which messages quote
 * as the source's own words).
 */
function echoServer(): Server {
  return createServer((req, res) => {
    const said = `Unauthorized; you sent ${echoedHeaders(req)}`;
    const path = req.url ?? '/';
    req.resume();
    if (path.startsWith('/prometheus-error/')) {
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({ status: 'error', errorType: 'auth', error: said }),
      );
    } else if (path.startsWith('/datadog-errors/')) {
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ errors: [said] }));
    } else {
      res.writeHead(401, { 'Content-Type': 'text/plain' });
      res.end(said);
    }
  });
}

const BEARER_TOKEN = 'bearer-token-5b1f09';
const BASIC_PASSWORD = 'basic-password-77c2e4';
const HEADER_VALUE = 'header-value-a39d10';
const DATADOG_API_KEY = 'dd-api-key-4e8a21';
const DATADOG_APPLICATION_KEY = 'dd-application-key-0c6b92';

/** Each source with the credential it sends and every form of it that must not be shown. */
const SOURCES: Array<{
  name: string;
  config: (echoUrl: string) => JsonObject;
  secrets: string[];
}> = [
  {
    name: 'bearer',
    config: url => ({
      type: 'prometheus',
      baseUrl: `${url}/text`,
      bearerToken: BEARER_TOKEN,
    }),
    secrets: [BEARER_TOKEN],
  },
  {
    name: 'basic',
    config: url => ({
      type: 'prometheus',
      baseUrl: `${url}/text`,
      basicAuth: { username: 'alice', password: BASIC_PASSWORD },
    }),
    secrets: [
      BASIC_PASSWORD,
      Buffer.from(`alice:${BASIC_PASSWORD}`).toString('base64'),
    ],
  },
  {
    name: 'header',
    config: url => ({
      type: 'prometheus',
      baseUrl: `${url}/text`,
      headers: { 'X-Api-Key': HEADER_VALUE },
    }),
    secrets: [HEADER_VALUE],
  },
  {
    name: 'header-prometheus-error',
    config: url => ({
      type: 'prometheus',
      baseUrl: `${url}/prometheus-error`,
      headers: { 'X-Api-Key': HEADER_VALUE },
    }),
    secrets: [HEADER_VALUE],
  },
  {
    name: 'datadog',
    config: url => ({
      type: 'datadog',
      baseUrl: `${url}/text`,
      apiKey: DATADOG_API_KEY,
      applicationKey: DATADOG_APPLICATION_KEY,
    }),
    secrets: [DATADOG_API_KEY, DATADOG_APPLICATION_KEY],
  },
  {
    name: 'datadog-errors',
    config: url => ({
      type: 'datadog',
      baseUrl: `${url}/datadog-errors`,
      apiKey: DATADOG_API_KEY,
      applicationKey: DATADOG_APPLICATION_KEY,
    }),
    secrets: [DATADOG_API_KEY, DATADOG_APPLICATION_KEY],
  },
];

const PROMETHEUS_SLI = {
  type: 'ratio',
  good: 'req_total{job="api",code="200"}',
  total: 'req_all_total{job="api"}',
};
const DATADOG_SLI = {
  type: 'ratio',
  bad: 'sum:trace.http.request.errors{service:checkout}.as_count()',
  total: 'sum:trace.http.request.hits{service:checkout}.as_count()',
};

function expectNoSecret(reason: string, secrets: string[]) {
  expect(reason).toContain('[redacted]');
  for (const secret of secrets) {
    expect(reason).not.toContain(secret);
  }
}

describe('credentials echoed by a metric source', () => {
  let server: any;
  let echo: Server;

  beforeAll(async () => {
    echo = echoServer();
    await new Promise<void>(resolve => echo.listen(0, '127.0.0.1', resolve));
    const echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
    ({ server } = await startStewardshipTestBackend({
      database: testDatabase,
      entities: [component('checkout')],
      config: {
        stewardship: {
          metricSources: Object.fromEntries(
            SOURCES.map(source => [source.name, source.config(echoUrl)]),
          ),
        },
      },
    }));
  }, 120_000);

  afterAll(async () => {
    echo?.closeAllConnections();
    await new Promise(resolve => echo?.close(resolve));
  });

  it('are not in the health reasons of GET /metric-sources', async () => {
    const res = await request(server)
      .get('/api/stewardship/metric-sources')
      .set('Authorization', asUser);
    expect(res.status).toBe(200);
    const health = Object.fromEntries(
      res.body.items.map((item: any) => [item.name, item.health]),
    );
    for (const { name, secrets } of SOURCES) {
      expect(health[name]).toMatchObject({
        status: 'down',
        reason: expect.stringContaining('HTTP 401'),
      });
      expectNoSecret(health[name].reason, secrets);
    }
  });

  it.each(SOURCES.map(source => [source.name, source] as const))(
    'are not in the no-data reason of an SLO on %s, returned and stored',
    async (name, { config, secrets }) => {
      const created = await request(server)
        .post('/api/stewardship/slos')
        .set('Authorization', asUser)
        .send({
          entityRef: 'component:default/checkout',
          name: `availability-${name}`,
          sli:
            config('http://x').type === 'datadog'
              ? DATADOG_SLI
              : PROMETHEUS_SLI,
          objective: 0.99,
          timeWindow: { type: 'rolling', duration: '7d' },
          metricSource: name,
        });
      expect(created.status).toBe(201);

      const evaluated = await request(server)
        .post(`/api/stewardship/slos/${created.body.id}/evaluate`)
        .set('Authorization', asUser);
      expect(evaluated.status).toBe(200);
      expect(evaluated.body).toMatchObject({
        status: 'no-data',
        noDataReason: 'source-error',
        reason: expect.stringContaining('HTTP 401'),
      });
      expectNoSecret(evaluated.body.reason, secrets);

      const stored = await request(server)
        .get(`/api/stewardship/slos/${created.body.id}/snapshot`)
        .set('Authorization', asUser);
      expect(stored.status).toBe(200);
      expect(stored.body.evaluatedAt).toBe(evaluated.body.evaluatedAt);
      expectNoSecret(stored.body.reason, secrets);
    },
  );
});
