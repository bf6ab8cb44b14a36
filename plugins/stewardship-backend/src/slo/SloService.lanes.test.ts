/*
 * One caller's on-demand reads of metric sources run at most onDemandReadsPerCaller (here 2)
 * at once on an instance; the rest wait in that caller's lane. Another caller's reads do not wait
 * behind them. Statuses evaluated on the spot, stored evaluations and incident budget costs all
 * run in the lane. The sources here answer only when the test releases them.
 */
import {
  TestDatabases,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  SloDefinition,
  SloEvaluation,
} from '@stewardship/backstage-plugin-stewardship-common';
import { MetricSource } from '@stewardship/backstage-plugin-stewardship-node';
import { catalogAccess } from '../__testUtils__/catalogReadPolicy';
import { component } from '../__testUtils__/entities';
import { StewardshipDatabase } from '../database/StewardshipDatabase';
import { IncidentBudgetCalculator } from '../incidents/IncidentBudgetCalculator';
import { IncidentService } from '../incidents/IncidentService';
import { EntityPermissions } from '../lib/EntityPermissions';
import { SloService } from './SloService';
import { SloEvaluationRunner } from './SloEvaluationRunner';
import { SloEvaluator } from './SloEvaluator';

const jane = mockCredentials.user('user:default/jane');
const bob = mockCredentials.user('user:default/bob');

const SPEC = {
  entityRef: 'component:default/checkout',
  name: 'availability',
  sli: { type: 'ratio' as const, good: 'good', total: 'total' },
  objective: 0.99,
  timeWindow: { type: 'rolling' as const, duration: '30d' },
  budgetingMethod: 'occurrences' as const,
  metricSource: 'held',
  alertPolicies: [],
  labels: {},
};

/** Reads that start when asked and end when the test releases them, in order. */
function heldReads() {
  const started: string[] = [];
  const waiting: Array<() => void> = [];
  return {
    started,
    async hold<T>(name: string, answer: T): Promise<T> {
      started.push(name);
      await new Promise<void>(resolve => waiting.push(resolve));
      return answer;
    },
    releaseAll() {
      waiting.splice(0).forEach(release => release());
    },
  };
}

/** Lets pending promise callbacks and timers of 0 ms run. */
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise(r => setImmediate(r));
};

describe('SloService on-demand reads per caller', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function setup() {
    const knex = await databases.init('SQLITE_3');
    const db = await StewardshipDatabase.forTest(knex);
    const reads = heldReads();
    const now = new Date('2026-11-30T12:00:00Z');
    const evaluation = (slo: SloDefinition, at: Date) =>
      ({ sloId: slo.id, at: at.toISOString() } as SloEvaluation);
    const slos = new SloService({
      store: db.slos,
      evaluator: {
        sourceNames: ['held'],
        source: () => undefined,
        evaluate: (slo: SloDefinition, at: Date) =>
          reads.hold(`status ${at.toISOString()}`, evaluation(slo, at)),
        withQueryLinks: (_: SloDefinition, e: SloEvaluation) => e,
      } as unknown as SloEvaluator,
      runner: {
        evaluateAndStore: (slo: SloDefinition, at: Date) =>
          reads.hold(`evaluate ${at.toISOString()}`, evaluation(slo, at)),
      } as unknown as SloEvaluationRunner,
      ...catalogAccess(
        catalogServiceMock({ entities: [component('checkout')] }),
      ),
      permissions: new EntityPermissions(mockServices.permissions()),
      stalenessMs: 600_000,
      onDemandReadsPerCaller: 2,
      now: () => now,
    });
    const slo = await db.slos.createSlo(SPEC, 'test');
    const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
    return { db, slos, slo, reads, now, hoursAgo };
  }

  it('runs two of a caller’s statuses at once and the rest as those end, without holding up another caller', async () => {
    const { slos, slo, reads, hoursAgo } = await setup();
    // No snapshot: each past moment is evaluated on the spot.
    const janes = [1, 2, 3, 4, 5].map(h =>
      slos.status(slo.id, hoursAgo(h), jane),
    );
    await settle();
    expect(reads.started).toHaveLength(2);
    // Bob's read starts at once, beside Jane's two.
    const bobs = slos.status(slo.id, hoursAgo(6), bob);
    await settle();
    expect(reads.started).toHaveLength(3);
    expect(reads.started[2]).toBe(`status ${hoursAgo(6).toISOString()}`);
    // As reads end, Jane's next ones start, two at a time, in the order asked.
    reads.releaseAll();
    await settle();
    expect(reads.started).toHaveLength(5);
    reads.releaseAll();
    await settle();
    expect(reads.started).toHaveLength(6);
    reads.releaseAll();
    const answers = await Promise.all([...janes, bobs]);
    expect(answers.map(a => a.at)).toEqual(
      [1, 2, 3, 4, 5, 6].map(h => hoursAgo(h).toISOString()),
    );
    expect(reads.started.slice(3)).toEqual(
      [3, 4, 5].map(h => `status ${hoursAgo(h).toISOString()}`),
    );
  });

  it('puts stored evaluations and SLI previews in the same lane as statuses', async () => {
    const { slos, slo, reads, hoursAgo, now } = await setup();
    const status = slos.status(slo.id, hoursAgo(1), jane);
    const evaluations = [2, 3].map(h =>
      slos.evaluate(slo.id, hoursAgo(h), jane),
    );
    const preview = slos.preview({ ...SPEC, name: 'draft' }, jane);
    await settle();
    // Two of the four at once (the status reads the store first, so it may start later).
    expect(reads.started).toHaveLength(2);
    reads.releaseAll();
    await settle();
    expect(reads.started).toHaveLength(4);
    reads.releaseAll();
    await Promise.all([status, ...evaluations, preview]);
    expect([...reads.started].sort()).toEqual(
      [
        `evaluate ${hoursAgo(2).toISOString()}`,
        `evaluate ${hoursAgo(3).toISOString()}`,
        `status ${hoursAgo(1).toISOString()}`,
        `status ${now.toISOString()}`,
      ].sort(),
    );
  });

  it('reads the costs of an incident’s SLOs in the reader’s lane', async () => {
    const { db, slos, slo, reads } = await setup();
    const second = await db.slos.createSlo({ ...SPEC, name: 'latency' }, 'x');
    const third = await db.slos.createSlo({ ...SPEC, name: 'errors' }, 'x');
    const held: MetricSource = {
      countEvents: ({ queries, windows }) =>
        reads.hold('cost', {
          counts: Object.fromEntries(
            windows.map(({ key }) => [
              key,
              { good: 99, total: 100, bad: 1 } as Record<string, number>,
            ]),
          ),
          issuedQueries: Object.values(queries),
        }),
      countEventsPerSlice: () => Promise.reject(new Error('not asked here')),
    };
    const getSlo = (id: string) => db.slos.getSlo(id);
    const incidents = new IncidentService({
      permissions: new EntityPermissions(mockServices.permissions()),
      store: db.incidents,
      slos: { getSlo },
      ...catalogAccess(
        catalogServiceMock({ entities: [component('checkout')] }),
      ),
      budget: new IncidentBudgetCalculator({
        sources: new Map([['held', held]]),
        slos: { getSlo },
        queryTimeoutMs: 60_000,
        now: () => new Date('2026-11-30T12:00:00Z'),
      }),
      onDemandReads: slos,
      now: () => new Date('2026-11-30T12:00:00Z'),
    });
    const incident = await incidents.create(
      {
        entityRef: 'checkout',
        title: 'Checkout 500s',
        severity: 'SEV2',
        detectedAt: '2026-11-30T11:00:00Z',
        affectedSloIds: [slo.id, second.id, third.id],
      },
      jane,
    );
    const read = incidents.get(incident.id, jane);
    await settle();
    // Three SLOs, two at once.
    expect(reads.started).toEqual(['cost', 'cost']);
    reads.releaseAll();
    await settle();
    expect(reads.started).toHaveLength(3);
    reads.releaseAll();
    const { budgetImpact } = await read;
    expect(budgetImpact!.map(impact => impact.status)).toEqual([
      'computed',
      'computed',
      'computed',
    ]);
  });
});
