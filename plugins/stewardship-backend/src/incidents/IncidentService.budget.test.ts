/*
 * When the budget an incident cost is computed, stored and computed again: stored once the
 * incident is resolved and every figure is there, computed for each read while it is open or a
 * source had no data, cleared by any change of the incident. The calculator is a stand-in here;
 * its figures are tested against a real Prometheus in IncidentBudgetCalculator.prometheus.test.ts.
 */
import { EntityPermissions } from '../lib/EntityPermissions';
import {
  TestDatabases,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  Incident,
  IncidentBudgetImpact,
} from '@stewardship/backstage-plugin-stewardship-common';
import { DatabaseIncidentStore } from '../database/DatabaseIncidentStore';
import { component } from '../__testUtils__/entities';
import { IncidentBudgetCalculator } from './IncidentBudgetCalculator';
import { IncidentService } from './IncidentService';
import { catalogAccess } from '../__testUtils__/catalogReadPolicy';

const SLO_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const jane = mockCredentials.user('user:default/jane');

describe('IncidentService budget impact', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let service: IncidentService;
  let status: IncidentBudgetImpact['status'];
  const impacts = jest.fn(
    async (
      incident: Incident,
      _options?: { until?: Date },
    ): Promise<IncidentBudgetImpact[]> => [
      {
        sloId: SLO_ID,
        status,
        incidentWindow: {
          start: incident.detectedAt,
          end: incident.resolvedAt ?? incident.detectedAt,
        },
        computedAt: new Date().toISOString(),
        stored: false,
        ...(status === 'computed' && { badEvents: 6, consumedPercent: 12 }),
      },
    ],
  );

  beforeAll(async () => {
    const store = await DatabaseIncidentStore.forTest(
      await databases.init('SQLITE_3'),
    );
    service = new IncidentService({
      permissions: new EntityPermissions(mockServices.permissions()),
      store,
      slos: {
        getSlo: async () =>
          ({ id: SLO_ID, entityRef: 'component:default/checkout' } as any),
      },
      ...catalogAccess(
        catalogServiceMock({ entities: [component('checkout')] }),
      ),
      budget: { impacts } as unknown as IncidentBudgetCalculator,
    });
  });

  beforeEach(() => impacts.mockClear());

  it('computes an open incident on every read and stores it once resolved with every figure', async () => {
    status = 'computed';
    const created = await service.create(
      {
        entityRef: 'checkout',
        title: 'Checkout 500s',
        severity: 'SEV2',
        affectedSloIds: [SLO_ID],
      },
      jane,
    );
    await service.get(created.id, jane);
    const open = await service.get(created.id, jane);
    expect(impacts).toHaveBeenCalledTimes(2);
    expect(open.budgetImpact).toEqual([
      expect.objectContaining({ consumedPercent: 12, stored: false }),
    ]);

    // Resolved, but the source had no data: not stored, asked again.
    status = 'no-data';
    await service.update(created.id, { version: 1, status: 'resolved' }, jane);
    expect((await service.get(created.id, jane)).budgetImpact).toEqual([
      expect.objectContaining({ status: 'no-data', stored: false }),
    ]);
    status = 'computed';
    const first = await service.get(created.id, jane);
    expect(first.budgetImpact).toEqual([
      expect.objectContaining({ consumedPercent: 12, stored: true }),
    ]);
    impacts.mockClear();
    const again = await service.get(created.id, jane);
    expect(impacts).not.toHaveBeenCalled();
    expect(again.budgetImpact).toEqual(first.budgetImpact);

    // A change (here a reopening) clears it: computed again.
    await service.update(
      created.id,
      { version: 2, status: 'triggered', resolvedAt: null },
      jane,
    );
    await service.get(created.id, jane);
    expect(impacts).toHaveBeenCalledTimes(1);
  });

  it('as of a past moment, computes the cost up to it while the incident was open then, and never stores it', async () => {
    status = 'computed';
    const created = await service.create(
      {
        entityRef: 'checkout',
        title: 'Slow checkout',
        severity: 'SEV3',
        affectedSloIds: [SLO_ID],
        startedAt: '2026-11-01T10:00:00.000Z',
        detectedAt: '2026-11-01T10:05:00.000Z',
      },
      jane,
    );
    const resolved = await service.update(
      created.id,
      {
        version: 1,
        status: 'resolved',
        resolvedAt: '2026-11-01T11:00:00.000Z',
      },
      jane,
    );
    const until = () => impacts.mock.calls.at(-1)![1]?.until;

    // Open at 10:30: up to then, computed for this read, not stored.
    const then = await service.get(created.id, jane, {
      at: new Date('2026-11-01T10:30:00.000Z'),
    });
    expect(until()).toEqual(new Date('2026-11-01T10:30:00.000Z'));
    expect(then.budgetImpact).toEqual([
      expect.objectContaining({ stored: false }),
    ]);
    // The record is the current one.
    expect(then.status).toBe('resolved');
    expect(then.version).toBe(resolved.version);
    // …so a read without `at` still computes and stores the whole cost.
    impacts.mockClear();
    const whole = await service.get(created.id, jane);
    expect(impacts).toHaveBeenCalledTimes(1);
    expect(until()).toBeUndefined();
    expect(whole.budgetImpact).toEqual([
      expect.objectContaining({ stored: true }),
    ]);

    // Resolved by the moment: its whole cost, the stored one, not computed again.
    impacts.mockClear();
    const after = await service.get(created.id, jane, {
      at: new Date('2026-11-01T11:00:00.000Z'),
    });
    expect(impacts).not.toHaveBeenCalled();
    expect(after.budgetImpact).toEqual(whole.budgetImpact);

    // Still stored: the as-of read before did not replace it.
    impacts.mockClear();
    await service.get(created.id, jane, {
      at: new Date('2026-11-01T10:45:00.000Z'),
    });
    await service.get(created.id, jane);
    expect(impacts).toHaveBeenCalledTimes(1);
  });

  it('refuses, naming "at", a moment before the incident started or in the future', async () => {
    const created = await service.create(
      {
        entityRef: 'checkout',
        title: 'Queue backlog',
        severity: 'SEV3',
        affectedSloIds: [SLO_ID],
        startedAt: '2026-11-02T10:00:00.000Z',
      },
      jane,
    );
    await expect(
      service.get(created.id, jane, {
        at: new Date('2026-11-02T09:59:59.999Z'),
      }),
    ).rejects.toMatchObject({
      name: 'InputError',
      message:
        'Invalid query parameter "at": the incident started at 2026-11-02T10:00:00.000Z, after that moment',
    });
    await expect(
      service.get(created.id, jane, {
        at: new Date(Date.now() + 3_600_000),
      }),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: 'Invalid query parameter "at": must not be in the future',
    });
    // Its start itself is a moment it was open (at no cost yet).
    impacts.mockClear();
    await service.get(created.id, jane, {
      at: new Date('2026-11-02T10:00:00.000Z'),
    });
    expect(impacts).toHaveBeenCalledTimes(1);
  });

  it('reports nothing for an incident without affected SLOs', async () => {
    const created = await service.create(
      { entityRef: 'checkout', title: 'No SLO', severity: 'SEV4' },
      jane,
    );
    expect((await service.get(created.id, jane)).budgetImpact).toBeUndefined();
    expect(impacts).not.toHaveBeenCalled();
  });
});

describe('IncidentService reading an open incident', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('reads each affected SLO once for the visibility check and the budget together', async () => {
    const SECOND_SLO_ID = '9b2f6d1e-3c4a-4e5b-8f7a-1d2c3b4a5e6f';
    const getSlo = jest.fn(
      async (id: string) =>
        ({
          id,
          name: id === SLO_ID ? 'availability' : 'latency',
          entityRef: 'component:default/checkout',
          metricSource: 'nowhere',
        } as any),
    );
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
        sources: new Map(),
        slos: { getSlo },
        queryTimeoutMs: 1000,
      }),
    });
    const created = await service.create(
      {
        entityRef: 'checkout',
        title: 'Checkout 500s',
        severity: 'SEV2',
        affectedSloIds: [SLO_ID, SECOND_SLO_ID],
      },
      jane,
    );
    getSlo.mockClear();
    const read = await service.get(created.id, jane);
    expect(read.budgetImpact).toEqual([
      expect.objectContaining({ sloId: SLO_ID, sloName: 'availability' }),
      expect.objectContaining({ sloId: SECOND_SLO_ID, sloName: 'latency' }),
    ]);
    expect(getSlo.mock.calls.map(([id]) => id).sort()).toEqual(
      [SLO_ID, SECOND_SLO_ID].sort(),
    );
  });
});
