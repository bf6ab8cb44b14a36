/*
 * Reading an open incident asks each affected SLO's metric source for its cost: one on-demand read
 * per SLO from the reader's allowance (the one an SLO status evaluated on the spot draws on).
 * Beyond it the incident is still answered; the SLOs past the allowance are `no-data`, saying
 * why and when to retry, their sources not asked.
 */
import {
  TestDatabases,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { SloDefinition } from '@stewardship/backstage-plugin-stewardship-common';
import { MetricSource } from '@stewardship/backstage-plugin-stewardship-node';
import { catalogAccess } from '../__testUtils__/catalogReadPolicy';
import { component } from '../__testUtils__/entities';
import { DatabaseIncidentStore } from '../database/DatabaseIncidentStore';
import { EntityPermissions } from '../lib/EntityPermissions';
import { SloService } from '../slo/SloService';
import { IncidentBudgetCalculator } from './IncidentBudgetCalculator';
import { IncidentService } from './IncidentService';

const AVAILABILITY = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const LATENCY = '9b2f6d1e-3c4a-4e5b-8f7a-1d2c3b4a5e6f';
const jane = mockCredentials.user('user:default/jane');
const bob = mockCredentials.user('user:default/bob');

const slo = (id: string, name: string): SloDefinition => ({
  id,
  name,
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  entityRef: 'component:default/checkout',
  sli: { type: 'ratio', good: 'good', total: 'total' },
  objective: 0.99,
  timeWindow: { type: 'rolling', duration: '30d' },
  budgetingMethod: 'occurrences',
  metricSource: 'counting',
  alertPolicies: [],
  labels: {},
});
const SLOS = new Map([
  [AVAILABILITY, slo(AVAILABILITY, 'availability')],
  [LATENCY, slo(LATENCY, 'latency')],
]);

describe('IncidentService reading an open incident within the on-demand allowance', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('asks a source per SLO from the reader allowance, and answers the rest as no-data saying why', async () => {
    const clock = { now: Date.parse('2026-11-30T12:00:00Z') };
    let asked = 0;
    // 100 events in any window, 1 bad: every figure computes.
    const counting: MetricSource = {
      async countEvents({ queries, windows }) {
        asked++;
        const counts: Record<string, Record<string, number>> = {};
        for (const { key } of windows) {
          counts[key] = Object.fromEntries(
            Object.keys(queries).map(name => [
              name,
              { good: 99, total: 100, bad: 1 }[name]!,
            ]),
          );
        }
        return { counts, issuedQueries: Object.values(queries) };
      },
      countEventsPerSlice: () => Promise.reject(new Error('not asked here')),
    };
    const getSlo = async (id: string) => SLOS.get(id);
    // The allowance is the SLO service's: 3, one more every 30 s.
    const slos = new SloService({
      onDemandEvaluations: { burst: 3, intervalMs: 30_000 },
      now: () => new Date(clock.now),
    } as unknown as ConstructorParameters<typeof SloService>[0]);
    const service = new IncidentService({
      permissions: new EntityPermissions(mockServices.permissions()),
      store: await DatabaseIncidentStore.forTest(
        await databases.init('SQLITE_3'),
      ),
      slos: { getSlo },
      ...catalogAccess(
        catalogServiceMock({ entities: [component('checkout')] }),
      ),
      budget: new IncidentBudgetCalculator({
        sources: new Map([['counting', counting]]),
        slos: { getSlo },
        queryTimeoutMs: 1000,
        now: () => new Date(clock.now),
      }),
      onDemandReads: slos,
      now: () => new Date(clock.now),
    });
    const created = await service.create(
      {
        entityRef: 'checkout',
        title: 'Checkout 500s',
        severity: 'SEV2',
        detectedAt: '2026-11-30T11:00:00Z',
        affectedSloIds: [AVAILABILITY, LATENCY],
      },
      jane,
    );
    const statuses = async (credentials = jane) =>
      (await service.get(created.id, credentials)).budgetImpact!.map(impact => [
        impact.sloId,
        impact.status,
        impact.reason,
      ]);

    // 2 of Jane's 3.
    expect(await statuses()).toEqual([
      [AVAILABILITY, 'computed', undefined],
      [LATENCY, 'computed', undefined],
    ]);
    expect(asked).toBe(2);
    // Her last one goes to one SLO; the other is no-data with why, and its source is not asked.
    const used =
      'your on-demand reads of metric sources are used up (3, one more every 30 s) — retry in 30 s';
    const second = await statuses();
    expect(asked).toBe(3);
    expect(second.map(([, status]) => status).sort()).toEqual([
      'computed',
      'no-data',
    ]);
    expect(second.find(([, status]) => status === 'no-data')![2]).toBe(used);
    // Spent: the incident is still answered, both SLOs no-data.
    expect(await statuses()).toEqual([
      [AVAILABILITY, 'no-data', used],
      [LATENCY, 'no-data', used],
    ]);
    expect(asked).toBe(3);
    // Bob's allowance is his own.
    expect((await statuses(bob)).map(([, status]) => status)).toEqual([
      'computed',
      'computed',
    ]);
    expect(asked).toBe(5);
    // 30 s on, one read is back for Jane.
    clock.now += 30_000;
    expect(
      (await statuses()).filter(([, status]) => status === 'computed'),
    ).toHaveLength(1);
    expect(asked).toBe(6);
  });
});
