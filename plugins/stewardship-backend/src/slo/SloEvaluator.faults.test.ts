import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { MetricSource } from '@stewardship/backstage-plugin-stewardship-node';
import { DatabaseSloStore } from '../database/DatabaseSloStore';
import { PrometheusMetricSource } from '../metricSources';
import {
  FaultMode,
  FaultyServer,
  startFaultyServer,
} from '../__testUtils__/faultyServer';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { SloEvaluationRunner } from './SloEvaluationRunner';
import { SloEvaluator } from './SloEvaluator';
import { apiSloDefinition } from '../__testUtils__/sloSpecs';

const slo = apiSloDefinition('prom');
const at = new Date('2026-11-20T12:00:00Z');

function prometheusAt(url: string, timeout = '2s') {
  return PrometheusMetricSource.fromConfig(
    new ConfigReader({ baseUrl: url, timeout }),
    { name: 'prom' },
  );
}

describe('SloEvaluator when the source misbehaves', () => {
  const servers: FaultyServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map(s => s.stop()));
  });

  it.each<[FaultMode, RegExp]>([
    ['down', /prom/],
    ['slow', /did not answer|timed out|timeout/i],
    ['malformed', /JSON|json/],
    ['nan', /NaN|invalid|not a finite/i],
    ['error', /error/i],
    ['http500', /500/],
    ['wrongShape', /shape|expected|invalid/i],
  ])('%s → no-data with the reason, never a number', async (mode, reason) => {
    const server = await startFaultyServer(mode, {
      metric: { stewardship_query: '0' },
    });
    servers.push(server);
    const evaluator = new SloEvaluator(
      new Map([['prom', prometheusAt(server.url, '500ms')]]),
      { queryTimeoutMs: 1500 },
    );
    const result = await evaluator.evaluate(slo, at);
    expect(result).toMatchObject({
      status: 'no-data',
      noDataReason: 'source-error',
    });
    expect(result.reason).toMatch(reason);
    expect(result.sli).toBeUndefined();
    expect(result.errorBudget).toBeUndefined();
  });

  it('gives up on a source that ignores the abort signal at the per-SLO deadline', async () => {
    const hanging: MetricSource = {
      countEvents: () => new Promise(() => {}),
      countEventsPerSlice: () => new Promise(() => {}),
    };
    const evaluator = new SloEvaluator(new Map([['prom', hanging]]), {
      queryTimeoutMs: 200,
    });
    const started = Date.now();
    const result = await evaluator.evaluate(slo, at);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result.reason).toBe(
      'Metric source "prom" did not answer within 200 ms',
    );
  });

  it("stores a module source's failure as one line of at most 1,000 characters", async () => {
    const thrower: MetricSource = {
      countEvents: async () => {
        throw new Error(`first\nsecond ${'y'.repeat(50_000)}`);
      },
      countEventsPerSlice: async () => ({ slices: [], issuedQueries: [] }),
    };
    const evaluator = new SloEvaluator(new Map([['prom', thrower]]), {
      queryTimeoutMs: 1000,
    });
    const result = await evaluator.evaluate(slo, at);
    expect(result.reason).toBe(
      `Metric source "prom" failed: ${`first second ${'y'.repeat(
        50_000,
      )}`.slice(0, 1000)}…`,
    );
  });

  it('rejects negative or impossible counts as a source error', async () => {
    const liar: MetricSource = {
      countEvents: async ({ windows }) => ({
        counts: Object.fromEntries(
          windows.map(w => [w.key, { good: -5, total: 10 }]),
        ),
        issuedQueries: [],
      }),
      countEventsPerSlice: async () => ({ slices: [], issuedQueries: [] }),
    };
    const evaluator = new SloEvaluator(new Map([['prom', liar]]), {
      queryTimeoutMs: 1000,
    });
    expect(await evaluator.evaluate(slo, at)).toMatchObject({
      status: 'no-data',
      noDataReason: 'source-error',
    });
  });
});

describe('SloEvaluationRunner', () => {
  const databases = createTestDatabases();

  it('evaluates every SLO, bounded per source, and goes on past a broken source', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseSloStore.forTest(knex);
    let inFlight = 0;
    let maxInFlight = 0;
    const healthy: MetricSource = {
      async countEvents({ windows }) {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise(r => setTimeout(r, 20));
        inFlight -= 1;
        return {
          counts: Object.fromEntries(
            windows.map(w => [w.key, { good: 9999, total: 10000 }]),
          ),
          issuedQueries: ['q'],
        };
      },
      countEventsPerSlice: async () => ({ slices: [], issuedQueries: [] }),
    };
    const broken: MetricSource = {
      countEvents: async () => {
        throw new Error('connection refused');
      },
      countEventsPerSlice: async () => {
        throw new Error('connection refused');
      },
    };
    const { id: _id, version: _v, createdAt: _c, updatedAt: _u, ...spec } = slo;
    for (let i = 0; i < 12; i++) {
      await store.createSlo(
        { ...spec, name: `good-${i}`, metricSource: 'good' },
        'user:default/a',
      );
    }
    await store.createSlo(
      { ...spec, name: 'down', metricSource: 'down' },
      'user:default/a',
    );

    const runner = new SloEvaluationRunner(
      store,
      new SloEvaluator(
        new Map([
          ['good', healthy],
          ['down', broken],
        ]),
        { queryTimeoutMs: 1000 },
      ),
      { concurrencyPerSource: 3 },
    );
    const summary = await runner.evaluateAll(at, mockServices.logger.mock());
    expect(summary).toMatchObject({
      evaluated: 13,
      byStatus: { healthy: 12, 'no-data': 1, 'at-risk': 0, exhausted: 0 },
    });
    expect(maxInFlight).toBe(3);
    const { items } = await store.listSlos();
    const latest = await store.latestSnapshots(
      items.map(s => s.id),
      at,
    );
    expect(latest.size).toBe(13);
    const down = items.find(s => s.name === 'down')!;
    expect(latest.get(down.id)?.reason).toContain('connection refused');
  });
});
