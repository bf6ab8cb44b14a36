/*
 * The metric-source extension point, proven by a backend module that adds a source type: an SLO
 * configured with that type is evaluated through the module's source, and a type registered twice
 * stops the backend.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { constantSourceModule } from './__testUtils__/constantMetricSource';
import { component } from './__testUtils__/entities';
import { inMemoryDatabaseFactory } from './__testUtils__/testDatabases';
import { startStewardshipTestBackend } from './__testUtils__/stewardshipTestBackend';

/** Each backend's plugins get their own in-memory database, closed after the tests. */
const testDatabase = inMemoryDatabaseFactory();

const config = {
  stewardship: {
    metricSources: { steady: { type: 'constant', errorsPerMille: 5 } },
  },
};

describe('the metric-source extension point', () => {
  it('lets a module add a source type that SLOs are evaluated with', async () => {
    const { server } = await startStewardshipTestBackend({
      database: testDatabase,
      features: [constantSourceModule('constant')],
      entities: [component('checkout')],
      config,
    });
    const auth = mockCredentials.user.header('user:default/jane');
    const created = await request(server)
      .post('/api/stewardship/slos')
      .set('Authorization', auth)
      .send({
        entityRef: 'component:default/checkout',
        name: 'availability',
        sli: { type: 'ratio', good: 'ok', total: 'all' },
        objective: 0.99,
        timeWindow: { type: 'rolling', duration: '30d' },
        metricSource: 'steady',
      });
    expect(created.status).toBe(201);

    const evaluation = await request(server)
      .post(`/api/stewardship/slos/${created.body.id}/evaluate`)
      .set('Authorization', auth);
    expect(evaluation.body).toMatchObject({
      status: 'healthy',
      sli: 0.995,
      counts: { good: 995, total: 1000 },
      explanation: { queries: ['const:ok', 'const:all'] },
    });
    expect(evaluation.body.errorBudget.remaining).toBeCloseTo(0.5, 12);
  });

  it('refuses a second factory for a type already registered', async () => {
    await expect(
      startStewardshipTestBackend({
        database: testDatabase,
        features: [constantSourceModule('prometheus')],
      }),
    ).rejects.toThrow(/metric source type "prometheus" is already registered/);
  });
});
