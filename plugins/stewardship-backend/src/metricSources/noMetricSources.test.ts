/*
 * A backend without `stewardship.metricSources` (app-config.yaml alone: the demo's source is in
 * app-config.demo.yaml) starts, lists no sources, and refuses an SLO naming a source with a 400
 * that names the field and says none is configured, storing nothing.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { component } from '../__testUtils__/entities';
import { startStewardshipTestBackend } from '../__testUtils__/stewardshipTestBackend';
import { inMemoryDatabaseFactory } from '../__testUtils__/testDatabases';

const testDatabase = inMemoryDatabaseFactory();
const asUser = mockCredentials.user.header('user:default/jane');

const slo = {
  entityRef: 'component:default/checkout',
  name: 'availability',
  sli: { type: 'ratio', good: 'ok_total', total: 'all_total' },
  objective: 0.99,
  timeWindow: { type: 'rolling', duration: '30d' },
  metricSource: 'demo-prometheus',
};

describe('a backend without metric sources', () => {
  let app: any;

  beforeAll(async () => {
    const backend = await startStewardshipTestBackend({
      database: testDatabase,
      entities: [component('checkout')],
    });
    app = backend.server;
  });

  it('starts and lists no metric sources', async () => {
    const res = await request(app)
      .get('/api/stewardship/metric-sources')
      .set('Authorization', asUser);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [] });
  });

  it('refuses an SLO naming a source, saying none is configured, and stores nothing', async () => {
    const res = await request(app)
      .post('/api/stewardship/slos')
      .set('Authorization', asUser)
      .send(slo);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toContain(
      `metricSource: no metric source "${slo.metricSource}" is configured under stewardship.metricSources (configured: none)`,
    );

    const imported = await request(app)
      .post('/api/stewardship/slos/import')
      .set('Authorization', asUser)
      .set('Content-Type', 'application/yaml')
      .send(
        [
          'apiVersion: openslo/v1',
          'kind: SLO',
          'metadata: { name: availability }',
          'spec:',
          '  service: checkout',
          '  budgetingMethod: Occurrences',
          '  indicator:',
          '    metadata: { name: availability }',
          '    spec:',
          '      ratioMetric:',
          '        counter: true',
          '        good: { metricSource: { metricSourceRef: demo-prometheus, type: Prometheus, spec: { query: ok_total } } }',
          '        total: { metricSource: { metricSourceRef: demo-prometheus, type: Prometheus, spec: { query: all_total } } }',
          '  timeWindow: [{ duration: 30d, isRolling: true }]',
          '  objectives: [{ target: 0.99 }]',
        ].join('\n'),
      );
    expect(imported.status).toBe(400);
    expect(imported.body.error.message).toContain('(configured: none)');

    const list = await request(app)
      .get('/api/stewardship/slos')
      .set('Authorization', asUser);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([]);
  });
});
