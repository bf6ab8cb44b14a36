/*
 * GET /metric-sources through a real backend: a real Prometheus is `ok`, a dead port and a server
 * that never answers are `down` with their reasons, a module's source type without a probe is
 * `unknown`; probes are cached (a second page view does not reach the source); 401 without
 * credentials; every body matches the spec's MetricSourceList.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { stewardshipMetricSourcesExtensionPoint } from '@stewardship/backstage-plugin-stewardship-node';
import request from 'supertest';
import { FaultyServer, startFaultyServer } from '../__testUtils__/faultyServer';
import { loadOpenApiValidator } from '../__testUtils__/openApiValidator';
import {
  TestPrometheus,
  startPrometheus,
  writeOpenMetrics,
} from '../__testUtils__/prometheus';
import { inMemoryDatabaseFactory } from '../__testUtils__/testDatabases';
import { startStewardshipTestBackend } from '../__testUtils__/stewardshipTestBackend';

/** Each backend's plugins get their own in-memory database, closed after the tests. */
const testDatabase = inMemoryDatabaseFactory();

const openApi = loadOpenApiValidator();
const asUser = mockCredentials.user.header('user:default/jane');

/** A source type whose sources have no `checkHealth`. */
const unprobedModule = createBackendModule({
  pluginId: 'stewardship',
  moduleId: 'unprobed-metric-source',
  register(env) {
    env.registerInit({
      deps: { sources: stewardshipMetricSourcesExtensionPoint },
      async init({ sources }) {
        sources.addMetricSourceFactory({
          type: 'unprobed',
          create: () => ({
            countEvents: async () => ({ counts: {}, issuedQueries: [] }),
            countEventsPerSlice: async () => ({
              slices: [],
              issuedQueries: [],
            }),
          }),
        });
      },
    });
  },
});

describe('GET /metric-sources', () => {
  let app: any;
  let prometheus: TestPrometheus;
  let dead: FaultyServer;
  let slow: FaultyServer;
  let broken: FaultyServer;

  beforeAll(async () => {
    [prometheus, dead, slow, broken] = await Promise.all([
      // One sample: the probe needs a running server, not data.
      startPrometheus({
        openMetrics: writeOpenMetrics([
          { name: 'up', labels: { job: 'x' }, samples: [[1_700_000_000, 1]] },
        ]),
      }),
      startFaultyServer('down'),
      startFaultyServer('slow'),
      startFaultyServer('http500'),
    ]);
    const backend = await startStewardshipTestBackend({
      database: testDatabase,
      features: [unprobedModule],
      config: {
        stewardship: {
          metricSources: {
            prom: { type: 'prometheus', baseUrl: prometheus.url },
            dead: { type: 'prometheus', baseUrl: dead.url },
            hanging: {
              type: 'prometheus',
              baseUrl: slow.url,
              timeout: '1s',
            },
            proxy: { type: 'prometheus', baseUrl: broken.url },
            custom: { type: 'unprobed' },
          },
        },
      },
    });
    app = backend.server;
  }, 120_000);

  afterAll(async () => {
    await Promise.all([
      prometheus?.stop(),
      dead?.stop(),
      slow?.stop(),
      broken?.stop(),
    ]);
  });

  const list = () =>
    request(app)
      .get('/api/stewardship/metric-sources')
      .set('Authorization', asUser);

  it('needs credentials', async () => {
    const res = await request(app).get('/api/stewardship/metric-sources');
    expect(res.status).toBe(401);
    openApi.assertMatches('Error', res.body);
  });

  it('lists every configured source by name with its type and probed health', async () => {
    const before = Date.now();
    const started = Date.now();
    const res = await list();
    const tookMs = Date.now() - started;
    expect(res.status).toBe(200);
    openApi.assertMatches('MetricSourceList', res.body);

    const items: Array<{ name: string; type: string; health: any }> =
      res.body.items;
    expect(items.map(i => [i.name, i.type, i.health.status])).toEqual([
      ['custom', 'unprobed', 'unknown'],
      ['dead', 'prometheus', 'down'],
      ['hanging', 'prometheus', 'down'],
      ['prom', 'prometheus', 'ok'],
      ['proxy', 'prometheus', 'down'],
    ]);
    const byName = Object.fromEntries(items.map(i => [i.name, i.health]));
    expect(byName.dead.reason).toMatch(
      new RegExp(
        `^Prometheus source "dead" at ${dead.url}: could not be reached: .*ECONNREFUSED`,
      ),
    );
    expect(byName.hanging.reason).toBe(
      `Prometheus source "hanging" at ${slow.url}: no answer within the 1s timeout`,
    );
    expect(byName.proxy.reason).toBe(
      `Prometheus source "proxy" at ${broken.url}: /api/v1/status/buildinfo answered HTTP 500 Internal Server Error: upstream connect error or disconnect/reset`,
    );
    expect(byName.custom.reason).toMatch(/cannot be probed/);
    for (const name of ['dead', 'hanging', 'prom', 'proxy']) {
      const checkedAt = Date.parse(byName[name].checkedAt);
      expect(checkedAt).toBeGreaterThanOrEqual(before - 1);
      expect(checkedAt).toBeLessThanOrEqual(Date.now());
    }
    // The hanging source is cut at its own 1 s deadline, not waited for.
    expect(tookMs).toBeLessThan(3_000);
  });

  it('keeps a probe result for its TTL: a second page view sends no request to the source', async () => {
    const first = await list();
    const requestsAfterFirst = broken.requests;
    const second = await list();
    expect(second.status).toBe(200);
    expect(broken.requests).toBe(requestsAfterFirst);
    expect(second.body.items).toEqual(first.body.items);
  });
});
