import { ConflictError, NotFoundError } from '@backstage/errors';
import { Knex } from 'knex';
import {
  createTestDatabases,
  openPooledConnections,
} from '../__testUtils__/testDatabases';
import { DatabaseIncidentStore } from './DatabaseIncidentStore';
import { IncidentRecord } from './IncidentStore';

const databases = createTestDatabases();

const record = (fields: Partial<IncidentRecord> = {}): IncidentRecord => ({
  entityRef: 'component:default/checkout',
  affectedEntityRefs: ['component:default/cart'],
  title: 'Checkout returns 500s',
  severity: 'SEV2',
  status: 'triggered',
  statusChangedAt: '2026-09-10T10:05:00.000Z',
  startedAt: '2026-09-10T10:00:00.000Z',
  detectedAt: '2026-09-10T10:05:00.000Z',
  affectedSloIds: ['7c9e6679-7425-40de-944b-e07fc1f90ae7'],
  fireDrill: false,
  source: 'manual',
  ...fields,
});

const entry = (message: string, at = '2026-09-10T10:05:00.000Z') => ({
  at,
  type: 'note' as const,
  actor: 'user:default/jane',
  message,
});

describe.each(databases.eachSupportedId())(
  'DatabaseIncidentStore on %p',
  id => {
    let knex: Knex;
    let store: DatabaseIncidentStore;
    const now = new Date('2026-09-10T12:00:00.000Z');

    beforeAll(async () => {
      knex = await databases.init(id);
      store = await DatabaseIncidentStore.forTest(knex, () => now);
    });

    beforeEach(async () => {
      await knex('incident_webhook_events').delete();
      await knex('incident_action_items').delete();
      await knex('incident_timeline').delete();
      await knex('incidents').delete();
    });

    it('stores an incident and reads it back with its timeline, times exact to the millisecond', async () => {
      const created = await store.createIncident(
        record({
          acknowledgedAt: '2026-09-10T10:06:00.123Z',
          status: 'acknowledged',
        }),
        'user:default/jane',
        [{ ...entry('Opened'), type: 'created' }],
      );
      expect(created).toMatchObject({
        version: 1,
        createdAt: now.toISOString(),
        acknowledgedAt: '2026-09-10T10:06:00.123Z',
      });
      expect('resolvedAt' in created).toBe(false);
      const read = await store.getIncident(created.id);
      expect(read).toEqual({
        ...created,
        timeline: [{ ...entry('Opened'), type: 'created' }],
        actionItems: [],
      });
      expect(await store.getIncident('nope')).toBeUndefined();
    });

    it('filters and pages, newest detected first', async () => {
      const day = (d: number) =>
        `2026-09-${String(d).padStart(2, '0')}T10:00:00.000Z`;
      for (const [d, severity, fireDrill, entityRef] of [
        [1, 'SEV1', false, 'component:default/checkout'],
        [2, 'SEV2', false, 'component:default/checkout'],
        [3, 'SEV2', true, 'component:default/checkout'],
        [4, 'SEV3', false, 'component:default/cart'],
      ] as const) {
        await store.createIncident(
          record({
            severity,
            fireDrill,
            entityRef,
            startedAt: day(d),
            detectedAt: day(d),
            statusChangedAt: day(d),
          }),
          'user:default/jane',
        );
      }
      const all = await store.listIncidents({});
      expect(all.totalCount).toBe(4);
      expect(all.items.map(i => i.detectedAt)).toEqual([
        day(4),
        day(3),
        day(2),
        day(1),
      ]);
      expect(all.items[0].timeline).toBeUndefined();

      const checkout = await store.listIncidents({
        entityRef: 'component:default/checkout',
        fireDrill: false,
      });
      expect(checkout.items.map(i => i.severity)).toEqual(['SEV2', 'SEV1']);
      const range = await store.listIncidents({
        from: new Date(day(2)),
        to: new Date(day(4)),
      });
      expect(range.items.map(i => i.detectedAt)).toEqual([day(3), day(2)]);
      const page = await store.listIncidents({
        severity: 'SEV2',
        offset: 1,
        limit: 1,
      });
      expect(page).toMatchObject({ totalCount: 2 });
      expect(page.items.map(i => i.detectedAt)).toEqual([day(2)]);
      expect(
        (await store.listIncidents({ status: 'resolved' })).totalCount,
      ).toBe(0);
    });

    it('updates only the version read: a stale write is a ConflictError and changes nothing', async () => {
      const created = await store.createIncident(record(), 'user:default/jane');
      const updated = await store.updateIncident(
        created.id,
        1,
        record({ title: 'Renamed', severity: 'SEV1' }),
        [entry('renamed')],
      );
      expect(updated).toMatchObject({
        version: 2,
        title: 'Renamed',
        severity: 'SEV1',
      });
      await expect(
        store.updateIncident(created.id, 1, record({ title: 'Stale' }), [
          entry('stale'),
        ]),
      ).rejects.toThrow(ConflictError);
      const read = await store.getIncident(created.id);
      expect(read).toMatchObject({ version: 2, title: 'Renamed' });
      expect(read?.timeline?.map(t => t.message)).toEqual(['renamed']);
      await expect(
        store.updateIncident('missing', 1, record(), []),
      ).rejects.toThrow(NotFoundError);
    });

    it('refuses a second incident with the same source and external id', async () => {
      await store.createIncident(
        record({ source: 'api', externalId: 'INC-1' }),
        'service:tool',
      );
      await expect(
        store.createIncident(
          record({ source: 'api', externalId: 'INC-1' }),
          'service:tool',
        ),
      ).rejects.toThrow(ConflictError);
      // Manual incidents have no external id and never clash.
      await store.createIncident(record(), 'user:default/jane');
      await store.createIncident(record(), 'user:default/jane');
      expect((await store.listIncidents({})).totalCount).toBe(3);
    });

    it('adds and changes action items, with timeline entries, leaving the version alone', async () => {
      const created = await store.createIncident(record(), 'user:default/jane');
      const item = await store.addActionItem(
        created.id,
        {
          title: 'Add a canary',
          status: 'open',
          ownerRef: 'group:default/payments',
          dueDate: '2026-10-01',
        },
        { ...entry('Action item added'), type: 'action-item' },
      );
      expect(item).toMatchObject({
        incidentId: created.id,
        title: 'Add a canary',
        dueDate: '2026-10-01',
        status: 'open',
      });
      const done = await store.updateActionItem(
        created.id,
        item.id,
        current => ({
          item: {
            ...current,
            status: 'done',
            link: 'https://jira.example.com/X-1',
          },
          entry: { ...entry('done'), type: 'action-item' },
        }),
      );
      expect(done).toMatchObject({
        status: 'done',
        link: 'https://jira.example.com/X-1',
      });
      const read = await store.getIncident(created.id);
      expect(read?.version).toBe(1);
      expect(read?.actionItems).toEqual([done]);
      expect(read?.timeline?.map(t => t.type)).toEqual([
        'action-item',
        'action-item',
      ]);

      // A change that sets what is stored: nothing written, the item as it is.
      const before = await store.getIncident(created.id);
      const same = await store.updateActionItem(
        created.id,
        item.id,
        () => undefined,
      );
      expect(same).toEqual(done);
      const after = await store.getIncident(created.id);
      expect(after?.timeline).toEqual(before?.timeline);
      expect(after?.updatedAt).toBe(before?.updatedAt);

      await expect(
        store.updateActionItem(created.id, 'nope', c => ({
          item: c,
          entry: entry('x'),
        })),
      ).rejects.toThrow(NotFoundError);
      await expect(
        store.addActionItem('nope', { title: 'x', status: 'open' }, entry('x')),
      ).rejects.toThrow(NotFoundError);
    });

    it('lets exactly one of 20 parallel updates of one version win', async () => {
      const created = await store.createIncident(record(), 'user:default/jane');
      await openPooledConnections(knex);
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          store.updateIncident(created.id, 1, record({ title: `T${i}` }), [
            entry(`update ${i}`),
          ]),
        ),
      );
      const won = results.filter(r => r.status === 'fulfilled');
      expect(won).toHaveLength(1);
      for (const lost of results.filter(r => r.status === 'rejected')) {
        expect((lost as PromiseRejectedResult).reason).toBeInstanceOf(
          ConflictError,
        );
        // Naming the version the winner stored, not the one all of them read.
        expect((lost as PromiseRejectedResult).reason.message).toMatch(
          /^Incident \S+ is at version 2, not 1: it changed since you read it; read it again and retry$/,
        );
      }
      const read = await store.getIncident(created.id);
      expect(read).toMatchObject({
        version: 2,
        title: (won[0] as PromiseFulfilledResult<any>).value.title,
      });
      expect(read?.timeline).toHaveLength(1);
    });

    it('applies 10 parallel deliveries of one new event, and 10 different first events, to one incident', async () => {
      const event = {
        source: 'pagerduty' as const,
        eventId: 'EVPAR',
        eventType: 'incident.triggered',
        occurredAt: new Date('2026-09-10T10:05:00.000Z'),
        externalId: 'PDPAR',
      };
      const decide = (current: unknown) =>
        current
          ? { action: 'none' as const }
          : {
              action: 'create' as const,
              record: record({ source: 'pagerduty', externalId: 'PDPAR' }),
              timeline: [],
            };
      const same = await Promise.all(
        Array.from({ length: 10 }, () =>
          store.applyExternalEvent(event, decide),
        ),
      );
      expect(same.filter(r => r.outcome === 'created')).toHaveLength(1);
      expect(same.filter(r => r.outcome === 'duplicate')).toHaveLength(9);
      const different = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          store.applyExternalEvent(
            { ...event, eventId: `EVPAR${i}`, externalId: 'PDPAR2' },
            current =>
              current
                ? { action: 'none' as const }
                : {
                    action: 'create' as const,
                    record: record({
                      source: 'pagerduty',
                      externalId: 'PDPAR2',
                    }),
                    timeline: [],
                  },
          ),
        ),
      );
      expect(different.filter(r => r.outcome === 'created')).toHaveLength(1);
      expect(different.filter(r => r.outcome === 'unchanged')).toHaveLength(9);
      expect(
        (await store.listIncidents({})).items.map(i => i.externalId).sort(),
      ).toEqual(['PDPAR', 'PDPAR2']);
    });

    it('applies parallel events for one incident one after the other, each deciding from what the previous one wrote', async () => {
      const event = (eventId: string) => ({
        source: 'pagerduty' as const,
        eventId,
        eventType: 'incident.annotated',
        occurredAt: new Date('2026-09-10T10:05:00.000Z'),
        externalId: 'PDSEQ',
      });
      await store.applyExternalEvent(event('EVSEQ'), () => ({
        action: 'create',
        record: record({ source: 'pagerduty', externalId: 'PDSEQ' }),
        timeline: [],
      }));
      await openPooledConnections(knex);
      // Each event appends its number to the title and says how many events it saw applied.
      const seen: number[] = [];
      const appendTo = (i: number) => (current: any, applied: unknown[]) => {
        seen.push(applied.length);
        return {
          action: 'update' as const,
          record: record({
            source: 'pagerduty',
            externalId: 'PDSEQ',
            title: `${current.title} ${i}`,
          }),
          timeline: [entry(`event ${i}`)],
        };
      };
      const outcomes = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          store.applyExternalEvent(event(`EVSEQ${i}`), appendTo(i)),
        ),
      );
      expect(outcomes.map(o => o.outcome)).toEqual(Array(10).fill('updated'));
      // Deciding once each from 1, 2, … 10 applied events (retries would decide again).
      expect([...seen].sort((a, b) => a - b)).toEqual(
        Array.from({ length: 10 }, (_, i) => i + 1),
      );
      const [incident] = (await store.listIncidents({})).items;
      const read = await store.getIncident(incident.id);
      expect(read?.version).toBe(11);
      expect(
        read?.title
          .split(' ')
          .slice(3)
          .map(Number)
          .sort((a, b) => a - b),
      ).toEqual(Array.from({ length: 10 }, (_, i) => i));
      expect(read?.timeline).toHaveLength(10);

      // The same delivery ten times at once: applied once, the others duplicates.
      const redelivered = await Promise.all(
        Array.from({ length: 10 }, () =>
          store.applyExternalEvent(event('EVSEQX'), appendTo(99)),
        ),
      );
      expect(redelivered.map(o => o.outcome).sort()).toEqual([
        ...Array(9).fill('duplicate'),
        'updated',
      ]);
      expect((await store.getIncident(incident.id))?.version).toBe(12);
    });

    it('applies two parallel changes of one action item both, and an identical pair once', async () => {
      const created = await store.createIncident(record(), 'user:default/jane');
      const item = await store.addActionItem(
        created.id,
        { title: 'Add a canary', status: 'open' },
        { ...entry('Action item added'), type: 'action-item' },
      );
      await openPooledConnections(knex);
      const change =
        (fields: { status?: 'done'; title?: string }) => (current: any) =>
          Object.entries(fields).every(([k, v]) => current[k] === v)
            ? undefined
            : {
                item: { ...current, ...fields },
                entry: {
                  ...entry(JSON.stringify(fields)),
                  type: 'action-item' as const,
                },
              };
      for (let trial = 0; trial < 3; trial++) {
        const title = `Add a canary ${trial}`;
        await Promise.all([
          store.updateActionItem(
            created.id,
            item.id,
            change({ status: 'done' }),
          ),
          store.updateActionItem(created.id, item.id, change({ title })),
          store.updateActionItem(created.id, item.id, change({ title })),
        ]);
        const [read] = (await store.getIncident(created.id))!.actionItems!;
        expect(read).toMatchObject({ status: 'done', title });
      }
      // One entry for the status, one per new title: an identical change found nothing to do.
      expect(
        (await store.getIncident(created.id))?.timeline
          ?.map(t => t.message)
          .sort(),
      ).toEqual(
        [
          'Action item added',
          ...[0, 1, 2].flatMap(trial => [
            ...(trial === 0 ? ['{"status":"done"}'] : []),
            JSON.stringify({ title: `Add a canary ${trial}` }),
          ]),
        ].sort(),
      );
    });

    it('applies an external event once, and not at all when told to ignore it', async () => {
      const event = {
        source: 'pagerduty' as const,
        eventId: 'EV1',
        eventType: 'incident.triggered',
        occurredAt: new Date('2026-09-10T10:05:00.000Z'),
        externalId: 'PD1',
      };
      const decide = jest.fn(() => ({
        action: 'create' as const,
        record: record({ source: 'pagerduty', externalId: 'PD1' }),
        timeline: [
          {
            ...entry('Triggered'),
            type: 'created' as const,
            actor: 'pagerduty',
          },
        ],
      }));
      const first = await store.applyExternalEvent(event, decide);
      expect(first).toMatchObject({ outcome: 'created' });
      expect(await store.applyExternalEvent(event, decide)).toEqual({
        outcome: 'duplicate',
      });
      expect((await store.listIncidents({})).totalCount).toBe(1);

      const ignored = await store.applyExternalEvent(
        { ...event, eventId: 'EV2', externalId: 'PD2' },
        () => ({ action: 'ignore' }),
      );
      expect(ignored).toEqual({ outcome: 'ignored' });
      // EV1 once (its duplicate delivery is not stored again), EV2 not at all (ignored): 1 row.
      const counted = await knex('incident_webhook_events').count({ n: '*' });
      expect(Number(counted[0].n)).toBe(1);
      expect(
        (await knex('incident_webhook_events').select('event_id')).map(
          r => r.event_id,
        ),
      ).toEqual(['EV1']);

      // A later event sees the stored incident.
      const seen = jest.fn(() => ({ action: 'none' as const }));
      await store.applyExternalEvent(
        {
          ...event,
          eventId: 'EV3',
          eventType: 'incident.acknowledged',
          occurredAt: new Date('2026-09-10T10:01:00.000Z'),
        },
        seen,
      );
      expect(seen).toHaveBeenCalledWith(
        expect.objectContaining({ externalId: 'PD1', source: 'pagerduty' }),
        [
          {
            eventType: 'incident.triggered',
            occurredAt: '2026-09-10T10:05:00.000Z',
          },
        ],
      );
      // With the events already applied to it, in the order received (not the order occurred).
      await store.applyExternalEvent({ ...event, eventId: 'EV4' }, seen);
      expect(seen).toHaveBeenLastCalledWith(expect.anything(), [
        {
          eventType: 'incident.triggered',
          occurredAt: '2026-09-10T10:05:00.000Z',
        },
        {
          eventType: 'incident.acknowledged',
          occurredAt: '2026-09-10T10:01:00.000Z',
        },
      ]);
    });

    it('keeps a stored cost through a change that leaves what it is computed from, and clears it otherwise', async () => {
      const resolved = await store.createIncident(
        record({
          status: 'resolved',
          statusChangedAt: '2026-09-10T11:00:00.000Z',
          resolvedAt: '2026-09-10T11:00:00.000Z',
        }),
        'user:default/jane',
      );
      const impacts = [
        {
          sloId: resolved.affectedSloIds[0],
          status: 'computed' as const,
          incidentWindow: {
            start: '2026-09-10T10:00:00.000Z',
            end: '2026-09-10T11:00:00.000Z',
          },
          consumedPercent: 2.5,
          computedAt: '2026-09-10T12:00:00.000Z',
          stored: true,
        },
      ];
      expect(
        await store.saveBudgetImpact(resolved.id, resolved.version, impacts),
      ).toBe(true);
      const { version, ...fields } = (await store.getIncident(resolved.id))!;
      const incidentId = resolved.id;
      const base = record({
        status: 'resolved',
        statusChangedAt: '2026-09-10T11:00:00.000Z',
        resolvedAt: '2026-09-10T11:00:00.000Z',
      });
      expect(fields.budgetImpact).toEqual(impacts);

      // A note, another title and severity: the cost is still the incident's.
      const noted = await store.updateIncident(
        incidentId,
        version,
        { ...base, title: 'Checkout returned 500s', severity: 'SEV1' },
        [entry('Postmortem scheduled')],
      );
      expect((await store.getIncident(incidentId))!.budgetImpact).toEqual(
        impacts,
      );

      // Each of what it is computed from clears it.
      const changes: Array<Partial<IncidentRecord>> = [
        { startedAt: '2026-09-10T09:59:00.000Z' },
        { detectedAt: '2026-09-10T10:04:00.000Z' },
        { resolvedAt: '2026-09-10T11:01:00.000Z' },
        { affectedSloIds: [] },
        {
          status: 'mitigated',
          resolvedAt: undefined,
          mitigatedAt: '2026-09-10T10:30:00.000Z',
        },
      ];
      let current = noted;
      for (const change of changes) {
        // Back to the costed incident, its cost stored again.
        current = await store.updateIncident(
          incidentId,
          current.version,
          base,
          [],
        );
        await store.saveBudgetImpact(incidentId, current.version, impacts);
        current = await store.updateIncident(
          incidentId,
          current.version,
          { ...base, ...change },
          [],
        );
        expect([
          change,
          (await store.getIncident(incidentId))!.budgetImpact,
        ]).toEqual([change, undefined]);
      }
    });

    it('lists resolved incidents with affected SLOs and no stored cost, the latest resolved first', async () => {
      const resolved = (title: string, resolvedAt: string, fields = {}) =>
        store.createIncident(
          record({
            title,
            status: 'resolved',
            statusChangedAt: resolvedAt,
            resolvedAt,
            ...fields,
          }),
          'user:default/jane',
        );
      await resolved('early', '2026-09-10T11:00:00.000Z');
      const late = await resolved('late', '2026-09-10T11:30:00.000Z');
      const costed = await resolved('costed', '2026-09-10T11:40:00.000Z');
      await resolved('no SLOs', '2026-09-10T11:50:00.000Z', {
        affectedSloIds: [],
      });
      await store.createIncident(
        record({ title: 'open' }),
        'user:default/jane',
      );
      expect(
        await store.saveBudgetImpact(costed.id, costed.version, [
          {
            sloId: costed.affectedSloIds[0],
            status: 'computed',
            incidentWindow: {
              start: '2026-09-10T10:00:00.000Z',
              end: '2026-09-10T11:40:00.000Z',
            },
            consumedPercent: 1.5,
            computedAt: '2026-09-10T12:00:00.000Z',
            stored: false,
          },
        ]),
      ).toBe(true);

      const titles = async (offset: number, limit: number) =>
        (await store.listResolvedWithoutBudgetImpact({ offset, limit })).map(
          incident => incident.title,
        );
      expect(await titles(0, 10)).toEqual(['late', 'early']);
      // Paged: the second page starts where the first ended.
      expect(await titles(0, 1)).toEqual(['late']);
      expect(await titles(1, 1)).toEqual(['early']);
      expect(await titles(2, 1)).toEqual([]);
      // As the incident stands, with what the backfill needs to cost it.
      const [first] = await store.listResolvedWithoutBudgetImpact({
        offset: 0,
        limit: 1,
      });
      expect(first).toMatchObject({
        id: late.id,
        version: late.version,
        affectedSloIds: late.affectedSloIds,
        resolvedAt: '2026-09-10T11:30:00.000Z',
      });
    });
  },
);
