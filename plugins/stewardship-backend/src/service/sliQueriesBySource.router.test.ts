/*
 * SLI queries are checked in the language of the SLO's metric source, through a real backend: a
 * Datadog SLO is saved, previewed and evaluated against a local server answering Datadog's
 * `GET /api/v1/query`; PromQL is refused for it and Datadog queries for a Prometheus source, each
 * 400 naming the field and the syntax the source expects; a module's source checks its own
 * queries with `validateQuery`, and one without it takes any query past the common checks.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { stewardshipMetricSourcesExtensionPoint } from '@stewardship/backstage-plugin-stewardship-node';
import { Server, createServer } from 'node:http';
import request from 'supertest';
import { constantSourceModule } from '../__testUtils__/constantMetricSource';
import { component } from '../__testUtils__/entities';
import { inMemoryDatabaseFactory } from '../__testUtils__/testDatabases';
import { startStewardshipTestBackend } from '../__testUtils__/stewardshipTestBackend';

/** Each backend's plugins get their own in-memory database, closed after the tests. */
const testDatabase = inMemoryDatabaseFactory();
const asUser = mockCredentials.user.header('user:default/jane');

/** A source type whose sources accept only queries starting with `flux:`. */
const fluxModule = createBackendModule({
  pluginId: 'stewardship',
  moduleId: 'flux-metric-source',
  register(env) {
    env.registerInit({
      deps: { sources: stewardshipMetricSourcesExtensionPoint },
      async init({ sources }) {
        sources.addMetricSourceFactory({
          type: 'flux',
          create: () => ({
            countEvents: async () => ({ counts: {}, issuedQueries: [] }),
            countEventsPerSlice: async () => ({
              slices: [],
              issuedQueries: [],
            }),
            validateQuery: query =>
              query.startsWith('flux:')
                ? undefined
                : 'A flux source expects flux:<bucket>',
          }),
        });
      },
    });
  },
});

/** Datadog's `GET /api/v1/query`: 1,000 events per query, 2 of them in `…errors…` queries. */
function fakeDatadog(queries: string[]): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const query = url.searchParams.get('query') ?? '';
    queries.push(query);
    const from = Number(url.searchParams.get('from')) * 1000;
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(
      JSON.stringify({
        status: 'ok',
        series: [
          {
            interval: 60,
            pointlist: [[from, query.includes('errors') ? 2 : 1000]],
          },
        ],
      }),
    );
  });
}

/** Listens on the first free port of 19400–19499 (the ports this machine's tests may use). */
async function listenInRange(server: Server): Promise<number> {
  for (let port = 19400; port <= 19499; port++) {
    const bound = await new Promise<boolean>(resolve => {
      const onError = () => resolve(false);
      server.once('error', onError);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', onError);
        resolve(true);
      });
    });
    if (bound) return port;
  }
  throw new Error('No free port in 19400-19499');
}

const datadogQueries = {
  bad: 'sum:trace.http.request.errors{service:checkout}.as_count()',
  total: 'sum:trace.http.request.hits{service:checkout}.as_count()',
};

const slo = (metricSource: string, sli: Record<string, unknown>) => ({
  entityRef: 'component:default/checkout',
  name: `availability-${metricSource}`,
  sli: { type: 'ratio', ...sli },
  objective: 0.99,
  timeWindow: { type: 'rolling', duration: '7d' },
  metricSource,
});

describe('SLI queries in the language of their metric source', () => {
  let server: any;
  let datadog: Server;
  let datadogUrl: string;
  const queriesSent: string[] = [];

  beforeAll(async () => {
    datadog = fakeDatadog(queriesSent);
    datadogUrl = `http://127.0.0.1:${await listenInRange(datadog)}`;
    ({ server } = await startStewardshipTestBackend({
      database: testDatabase,
      features: [constantSourceModule('constant'), fluxModule],
      entities: [component('checkout')],
      config: {
        stewardship: {
          metricSources: {
            // As the README configures one; baseUrl replaces https://api.<site>.
            dd: {
              type: 'datadog',
              baseUrl: datadogUrl,
              apiKey: 'api-key',
              applicationKey: 'app-key',
            },
            prom: { type: 'prometheus', baseUrl: 'http://127.0.0.1:9' },
            steady: { type: 'constant', errorsPerMille: 5 },
            flux: { type: 'flux' },
          },
        },
      },
    }));
  });

  afterAll(async () => {
    datadog.closeAllConnections();
    await new Promise(resolve => datadog.close(resolve));
  });

  const post = (path: string, body: object) =>
    request(server)
      .post(`/api/stewardship${path}`)
      .set('Authorization', asUser)
      .send(body);

  it('saves, previews and evaluates a Datadog SLO with Datadog queries', async () => {
    const preview = await post('/slos/preview', slo('dd', datadogQueries));
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      status: 'healthy',
      counts: { good: 998, total: 1000 },
      explanation: { queries: Object.values(datadogQueries) },
    });
    expect(queriesSent).toEqual(
      expect.arrayContaining(Object.values(datadogQueries)),
    );

    const created = await post('/slos', slo('dd', datadogQueries));
    expect(created.status).toBe(201);
    expect(created.body.sli).toEqual({ type: 'ratio', ...datadogQueries });

    queriesSent.length = 0;
    const evaluation = await post(`/slos/${created.body.id}/evaluate`, {});
    expect(evaluation.status).toBe(200);
    expect(evaluation.body).toMatchObject({
      status: 'healthy',
      sli: 0.998,
      counts: { good: 998, total: 1000 },
    });
    // Sent as written: nothing to substitute in a Datadog query.
    expect(new Set(queriesSent)).toEqual(
      new Set(Object.values(datadogQueries)),
    );

    const updated = await request(server)
      .put(`/api/stewardship/slos/${created.body.id}`)
      .set('Authorization', asUser)
      .send({
        ...slo('dd', {
          ...datadogQueries,
          total:
            'sum:trace.http.request.hits{service:checkout,env:prod}.as_count()',
        }),
        version: created.body.version,
      });
    expect(updated.status).toBe(200);
  });

  it.each([
    [
      'PromQL for a Datadog source',
      slo('dd', {
        bad: datadogQueries.bad,
        total: 'http_requests_total{job="api"}',
      }),
      'sli.total: This is PromQL (label="value" matchers or a [range]); a Datadog source expects a metric query such as sum:trace.http.request.hits{service:checkout}.as_count(), tags as key:value',
    ],
    [
      '{{.window}} for a Datadog source',
      slo('dd', {
        good: 'sum:ok{*}.as_count().rollup(sum, {{.window}})',
        total: datadogQueries.total,
      }),
      'sli.good: Datadog queries take no {{.window}}',
    ],
    [
      'Datadog queries for a Prometheus source',
      slo('prom', datadogQueries),
      'sli.bad: Write either a counter selector, a metric name optionally followed by {…} (http_requests_total{job="api"}), or a PromQL expression containing {{.window}}',
    ],
    [
      "a query a module's source refuses",
      slo('flux', { good: 'flux:ok', total: 'all' }),
      'sli.total: A flux source expects flux:<bucket>',
    ],
  ])('refuses %s, naming the field and the syntax', async (_, body, line) => {
    for (const path of ['/slos', '/slos/preview']) {
      const res = await post(path, body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(line);
    }
  });

  it('imports a Datadog SLO from OpenSLO, and refuses PromQL for it naming the document', async () => {
    const openSlo = (good: string) =>
      [
        'apiVersion: openslo/v1',
        'kind: SLO',
        'metadata:',
        '  name: checkout-hits',
        'spec:',
        '  service: checkout',
        '  indicator:',
        '    metadata:',
        '      name: checkout-hits-sli',
        '    spec:',
        '      ratioMetric:',
        '        counter: true',
        '        good:',
        '          metricSource:',
        '            type: Datadog',
        '            metricSourceRef: dd',
        '            spec:',
        `              query: '${good}'`,
        '        total:',
        '          metricSource:',
        '            type: Datadog',
        '            metricSourceRef: dd',
        '            spec:',
        `              query: '${datadogQueries.total}'`,
        '  timeWindow:',
        '    - duration: 28d',
        '      isRolling: true',
        '  budgetingMethod: Occurrences',
        '  objectives:',
        '    - target: 0.99',
        '',
      ].join('\n');
    const importYaml = (yaml: string) =>
      request(server)
        .post('/api/stewardship/slos/import?dryRun=true')
        .set('Authorization', asUser)
        .set('Content-Type', 'application/yaml')
        .send(yaml);

    const previewed = await importYaml(
      openSlo(
        'sum:trace.http.request.hits{service:checkout,!http.status_class:5xx}.as_count()',
      ),
    );
    expect(previewed.status).toBe(200);
    expect(previewed.body.items).toEqual([
      expect.objectContaining({ metricSource: 'dd', name: 'checkout-hits' }),
    ]);

    const refused = await importYaml(
      openSlo('sum(increase(ok_total[{{.window}}]))'),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain(
      'Datadog queries take no {{.window}}',
    );
    expect(refused.body.error.message).toMatch(
      /spec\.indicator\.spec\.ratioMetric\.good\.metricSource\.spec\.query/,
    );
  });

  it('lists every problem at once, the source query problems with the others', async () => {
    const res = await post('/slos', {
      ...slo('dd', { ...datadogQueries, total: 'up{job="x"}' }),
      budgetingMethod: 'timeslices',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /^Invalid SLO:\ntimeslice: Timeslices budgeting needs .*\nsli\.total: This is PromQL/,
    );
  });

  it("takes any query past the common checks for a module's source without validateQuery", async () => {
    const created = await post(
      '/slos',
      slo('steady', { good: 'ok requests', total: 'all()' }),
    );
    expect(created.status).toBe(201);
    const empty = await post(
      '/slos',
      slo('steady', { good: 'ok', total: ' ' }),
    );
    expect(empty.status).toBe(400);
  });
});
