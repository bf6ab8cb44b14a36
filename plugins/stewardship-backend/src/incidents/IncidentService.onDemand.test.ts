/*
 * Reading an open incident asks each affected SLO's metric source for its cost: one on-demand read
 * per SLO from the reader's allowance (the one an SLO status evaluated on the spot draws on).
 * Beyond it the incident is still answered; the SLOs past the allowance are `no-data`, saying
 * why and when to retry, their sources not asked. A resolved incident's cost is stored only when
 * every figure is there: one whose read ran out partway is not stored, and is asked again.
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

/**
 * An incident service over SQLite whose budget calculator asks a source that counts 100 events in
 * any window, 1 bad (every figure computes), with the SLO service's allowance: 3 reads per caller,
 * one more every 30 s. `asked()` is how many times the source was asked.
 */
async function onDemandIncidents(
  databases: TestDatabases,
  clock: { now: number },
) {
  let asked = 0;
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
  const slos = new SloService({
    onDemandEvaluations: { burst: 3, intervalMs: 30_000 },
    now: () => new Date(clock.now),
  } as unknown as ConstructorParameters<typeof SloService>[0]);
  const store = await DatabaseIncidentStore.forTest(
    await databases.init('SQLITE_3'),
  );
  const service = new IncidentService({
    permissions: new EntityPermissions(mockServices.permissions()),
    store,
    slos: { getSlo },
    ...catalogAccess(catalogServiceMock({ entities: [component('checkout')] })),
    budget: new IncidentBudgetCalculator({
      sources: new Map([['counting', counting]]),
      slos: { getSlo },
      queryTimeoutMs: 1000,
      now: () => new Date(clock.now),
    }),
    onDemandReads: slos,
    now: () => new Date(clock.now),
  });
  return { service, store, asked: () => asked };
}

describe('IncidentService reading an open incident within the on-demand allowance', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('asks a source per SLO from the reader allowance, and answers the rest as no-data saying why', async () => {
    const clock = { now: Date.parse('2026-11-30T12:00:00Z') };
    const { service, asked: askedCount } = await onDemandIncidents(
      databases,
      clock,
    );
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
    expect(askedCount()).toBe(2);
    // Her last one goes to one SLO; the other is no-data with why, and its source is not asked.
    const used =
      'your on-demand reads of metric sources are used up (3, one more every 30 s) — retry in 30 s';
    const second = await statuses();
    expect(askedCount()).toBe(3);
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
    expect(askedCount()).toBe(3);
    // Bob's allowance is his own.
    expect((await statuses(bob)).map(([, status]) => status)).toEqual([
      'computed',
      'computed',
    ]);
    expect(askedCount()).toBe(5);
    // 30 s on, one read is back for Jane.
    clock.now += 30_000;
    expect(
      (await statuses()).filter(([, status]) => status === 'computed'),
    ).toHaveLength(1);
    expect(askedCount()).toBe(6);
  });

  it("does not store a resolved incident's cost when the read ran out partway", async () => {
    const clock = { now: Date.parse('2026-11-30T12:00:00Z') };
    const { service, store, asked } = await onDemandIncidents(databases, clock);
    const open = await service.create(
      {
        entityRef: 'checkout',
        title: 'Checkout 500s',
        severity: 'SEV2',
        detectedAt: '2026-11-30T11:00:00Z',
        affectedSloIds: [AVAILABILITY, LATENCY],
      },
      jane,
    );
    const resolved = await service.create(
      {
        entityRef: 'checkout',
        title: 'Payments timeouts',
        severity: 'SEV2',
        status: 'resolved',
        detectedAt: '2026-11-30T10:00:00Z',
        resolvedAt: '2026-11-30T10:30:00Z',
        affectedSloIds: [AVAILABILITY, LATENCY],
      },
      jane,
    );
    // The open one takes 2 of Jane's 3: 1 left for the resolved one's 2 SLOs.
    await service.get(open.id, jane);
    expect(asked()).toBe(2);
    const partial = (await service.get(resolved.id, jane)).budgetImpact!;
    expect(asked()).toBe(3);
    expect(partial.map(impact => impact.status).sort()).toEqual([
      'computed',
      'no-data',
    ]);
    expect(partial.every(impact => impact.stored === false)).toBe(true);
    expect(
      (await store.getIncident(resolved.id))!.budgetImpact,
    ).toBeUndefined();

    // Bob's read has both figures: stored, and answered from the store after (Jane's too, with
    // her allowance spent: the source is not asked).
    const whole = (await service.get(resolved.id, bob)).budgetImpact!;
    expect(asked()).toBe(5);
    expect(whole.map(impact => [impact.status, impact.stored])).toEqual([
      ['computed', true],
      ['computed', true],
    ]);
    expect(
      (await store.getIncident(resolved.id))!.budgetImpact?.map(i => i.sloId),
    ).toEqual([AVAILABILITY, LATENCY]);
    const fromStore = (await service.get(resolved.id, jane)).budgetImpact!;
    expect(asked()).toBe(5);
    expect(fromStore.map(impact => impact.status)).toEqual([
      'computed',
      'computed',
    ]);
  });
});
