import {
  SloEvaluation,
  SloSpec,
  noDataEvaluation,
} from '@stewardship/backstage-plugin-stewardship-common';
import { migrateDownThrough } from '../__testUtils__/migrations';
import {
  createTestDatabases,
  openPooledConnections,
} from '../__testUtils__/testDatabases';
import { DatabaseSloStore } from './DatabaseSloStore';
import { StewardshipDatabase } from './StewardshipDatabase';
import { storedEvaluation } from '../__testUtils__/evaluations';

const databases = createTestDatabases();

const spec = (overrides: Partial<SloSpec> = {}): SloSpec => ({
  entityRef: 'component:default/checkout',
  name: 'availability',
  sli: {
    type: 'ratio',
    good: 'http_requests_total{job="checkout",code!~"5.."}',
    total: 'http_requests_total{job="checkout"}',
  },
  objective: 0.999,
  timeWindow: { type: 'rolling', duration: '30d' },
  budgetingMethod: 'occurrences',
  metricSource: 'prometheus',
  alertPolicies: [],
  labels: { tier: 'critical' },
  ...overrides,
});

function evaluation(
  sloId: string,
  at: string,
  remaining: number,
  sloVersion = 1,
): SloEvaluation {
  const slo = {
    id: sloId,
    version: sloVersion,
    entityRef: 'component:default/checkout',
    objective: 0.999,
  };
  return storedEvaluation(slo, Date.parse(at), {
    status: remaining > 0 ? 'healthy' : 'exhausted',
    sli: 1 - (1 - remaining) * 0.001,
    remaining,
    allowedBad: 10,
    burnRates: [{ window: '1h', burnRate: 2 }],
  });
}

describe('DatabaseSloStore', () => {
  it.each(databases.eachSupportedId())(
    'takes concurrent deletes and updates of one SLO one at a time: one delete, the rest 404 or 409, every revision once, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseSloStore.forTest(
        knex,
        () => new Date('2026-11-01T10:00:00Z'),
      );
      await openPooledConnections(knex);
      for (let trial = 0; trial < 3; trial++) {
        const created = await store.createSlo(
          spec({ name: `race-${trial}` }),
          'user:default/jane',
        );
        const results = await Promise.allSettled([
          ...Array.from({ length: 5 }, () =>
            store.deleteSlo(created.id, 'user:default/sam'),
          ),
          ...Array.from({ length: 5 }, (_, i) =>
            store.updateSlo(
              created.id,
              spec({ name: `race-${trial}`, objective: 0.99 + i / 1000 }),
              1,
              'user:default/joe',
            ),
          ),
        ]);
        const reasons = results.flatMap(r =>
          r.status === 'rejected' ? [r.reason.name] : [],
        );
        // Exactly one delete stored; at most one update of version 1; everyone else told why.
        expect(
          results.slice(0, 5).filter(r => r.status === 'fulfilled'),
        ).toHaveLength(1);
        expect(
          results.slice(5).filter(r => r.status === 'fulfilled').length,
        ).toBeLessThanOrEqual(1);
        expect(
          reasons.filter(
            name => name !== 'NotFoundError' && name !== 'ConflictError',
          ),
        ).toEqual([]);
        expect(await store.getSlo(created.id)).toBeUndefined();
        const revisions = await store.listRevisions(created.id);
        expect(revisions.map(r => r.version)).toEqual(
          revisions.map((_, i) => i + 1),
        );
        expect(revisions.map(r => r.action).at(-1)).toBe('deleted');
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'creates, reads, lists, updates with optimistic concurrency and deletes softly, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      let now = new Date('2026-11-01T10:00:00Z');
      const store = await DatabaseSloStore.forTest(knex, () => now);

      const created = await store.createSlo(spec(), 'user:default/jane');
      expect(created).toMatchObject({
        ...spec(),
        version: 1,
        createdAt: '2026-11-01T10:00:00.000Z',
        updatedAt: '2026-11-01T10:00:00.000Z',
      });
      expect(await store.getSlo(created.id)).toEqual(created);

      await expect(
        store.createSlo(spec(), 'user:default/jane'),
      ).rejects.toThrow(
        // Led by the field, as a 400's problems are; the id is the SLO that has the name.
        `name: ${
          spec().entityRef
        } already has an SLO named "availability" (id ${created.id})`,
      );
      const latency = await store.createSlo(
        spec({ name: 'latency', entityRef: 'component:default/cart' }),
        'user:default/jane',
      );
      expect((await store.listSlos()).items.map(s => s.name)).toEqual([
        'latency', // component:default/cart sorts first
        'availability',
      ]);
      expect(
        await store.listSlos({ entityRefs: ['component:default/checkout'] }),
      ).toEqual({ items: [created], totalCount: 1 });
      expect(await store.listSlos({ offset: 1, limit: 1 })).toEqual({
        items: [created],
        totalCount: 2,
      });

      now = new Date('2026-11-02T10:00:00Z');
      const updated = await store.updateSlo(
        created.id,
        spec({ objective: 0.995 }),
        1,
        'user:default/sam',
      );
      expect(updated).toMatchObject({
        objective: 0.995,
        version: 2,
        createdAt: '2026-11-01T10:00:00.000Z',
        updatedAt: '2026-11-02T10:00:00.000Z',
      });
      // A writer holding version 1 has lost the race and must re-read.
      await expect(
        store.updateSlo(
          created.id,
          spec({ objective: 0.9 }),
          1,
          'user:default/x',
        ),
      ).rejects.toMatchObject({ name: 'ConflictError' });
      expect((await store.getSlo(created.id))?.objective).toBe(0.995);
      // Renaming onto another live SLO's name is a conflict too.
      await expect(
        store.updateSlo(
          latency.id,
          spec({ name: 'availability' }),
          1,
          'user:default/x',
        ),
      ).rejects.toMatchObject({ name: 'ConflictError' });

      // A deletion of the version read before the update is refused and changes nothing.
      await expect(
        store.deleteSlo(created.id, 'user:default/sam', { expectedVersion: 1 }),
      ).rejects.toMatchObject({
        name: 'ConflictError',
        message: `SLO ${created.id} is at version 2, not 1: it changed since you read it; read it again and retry`,
      });
      expect((await store.getSlo(created.id))?.version).toBe(2);
      expect(await store.listRevisions(created.id)).toHaveLength(2);

      await store.deleteSlo(created.id, 'user:default/sam', {
        expectedVersion: 2,
      });
      expect(await store.getSlo(created.id)).toBeUndefined();
      expect((await store.listSlos()).totalCount).toBe(1);
      await expect(
        store.deleteSlo(created.id, 'user:default/sam'),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
      await expect(
        store.updateSlo(created.id, spec(), 3, 'user:default/sam'),
      ).rejects.toMatchObject({ name: 'NotFoundError' });

      // Nothing is lost: the row stays and the audit log has every step with its actor.
      expect(
        (await store.listRevisions(created.id)).map(r => [
          r.version,
          r.action,
          r.actor,
          r.spec.objective,
        ]),
      ).toEqual([
        [1, 'created', 'user:default/jane', 0.999],
        [2, 'updated', 'user:default/sam', 0.995],
        [3, 'deleted', 'user:default/sam', 0.995],
      ]);
      expect(await knex('slos').where({ id: created.id })).toHaveLength(1);

      // A deleted SLO frees its name.
      const again = await store.createSlo(spec(), 'user:default/jane');
      expect(again.id).not.toBe(created.id);
    },
  );

  it.each(databases.eachSupportedId())(
    'answers the race its pre-check cannot see (the unique index) with a 409 led by the name field, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseSloStore.forTest(
        knex,
        () => new Date('2026-11-01T10:00:00Z'),
      );
      const first = await store.createSlo(spec(), 'user:default/jane');
      const other = await store.createSlo(
        spec({ name: 'latency' }),
        'user:default/jane',
      );
      // As if another request wrote the name between the check and the write: only the unique
      // index on (entity, name) of live SLOs stands in the way.
      jest
        .spyOn(
          store as unknown as { assertNameFree: () => Promise<void> },
          'assertNameFree',
        )
        .mockResolvedValue();
      const raced = `name: ${
        spec().entityRef
      } already has an SLO named "availability" (written by another request at the same time)`;
      await expect(
        store.createSlo(spec(), 'user:default/sam'),
      ).rejects.toMatchObject({ name: 'ConflictError', message: raced });
      await expect(
        store.updateSlo(
          other.id,
          spec({ name: 'availability' }),
          1,
          'user:default/sam',
        ),
      ).rejects.toMatchObject({ name: 'ConflictError', message: raced });
      // A batch cannot tell which of its SLOs clashed.
      await expect(
        store.createSlos([spec({ name: 'fresh' }), spec()], 'user:default/sam'),
      ).rejects.toMatchObject({
        name: 'ConflictError',
        message:
          'Another SLO with the same entity and name was written at the same time; retry',
      });
      // Nothing was written by the refused requests.
      expect(
        (await store.listSlos()).items.map(s => [s.id, s.name, s.version]),
      ).toEqual([
        [first.id, 'availability', 1],
        [other.id, 'latency', 1],
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'creates a batch atomically, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseSloStore.forTest(knex);
      await expect(
        store.createSlos(
          [spec({ name: 'a' }), spec({ name: 'b' }), spec({ name: 'a' })],
          'user:default/jane',
        ),
      ).rejects.toMatchObject({ name: 'ConflictError' });
      expect((await store.listSlos()).totalCount).toBe(0);
      const created = await store.createSlos(
        [spec({ name: 'a' }), spec({ name: 'b' })],
        'user:default/jane',
      );
      expect(created.map(s => s.name)).toEqual(['a', 'b']);
    },
  );

  it.each(databases.eachSupportedId())(
    'summarises the latest snapshots with exactly the fields of their evaluations, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseSloStore.forTest(knex);
      const [a, b, c] = await store.createSlos(
        [spec({ name: 'a' }), spec({ name: 'b' }), spec({ name: 'c' })],
        'user:default/j',
      );
      // a: healthy, with a reason and a remaining budget that binary fractions cannot hold.
      await store.saveSnapshot(
        evaluation(a.id, '2026-11-02T00:00:00.000Z', 0.9),
      );
      await store.saveSnapshot({
        ...evaluation(a.id, '2026-11-03T00:00:00.000Z', 0.1 + 0.2, 2),
        reason: 'Burning too fast: "page-1h" fires — 14.4× budget',
      });
      // b: no data, so no SLI and no budget, with the source's error as its reason.
      await store.saveSnapshot(
        noDataEvaluation({
          slo: b,
          at: new Date('2026-11-03T00:00:00.000Z'),
          evaluatedAt: new Date('2026-11-03T00:00:00.000Z'),
          reason: 'source-error',
          message: "Prometheus answered 503: it's restarting",
          queries: [],
        }),
      );
      // c: only evaluated after the moment asked about.
      await store.saveSnapshot(evaluation(c.id, '2026-11-09T00:00:00.000Z', 1));

      const summaries = await store.latestSnapshotSummaries(
        [a.id, b.id, c.id, 'no-such-slo'],
        new Date('2026-11-05T00:00:00Z'),
      );
      expect(Object.fromEntries(summaries)).toEqual({
        [a.id]: {
          sloVersion: 2,
          at: '2026-11-03T00:00:00.000Z',
          status: 'healthy',
          sli: 1 - (1 - (0.1 + 0.2)) * 0.001,
          errorBudget: { remaining: 0.1 + 0.2 },
          reason: 'Burning too fast: "page-1h" fires — 14.4× budget',
        },
        [b.id]: {
          sloVersion: 1,
          at: '2026-11-03T00:00:00.000Z',
          status: 'no-data',
          noDataReason: 'source-error',
          reason: "Prometheus answered 503: it's restarting",
        },
      });
      // The same snapshots latestSnapshots serves whole.
      const whole = await store.latestSnapshots(
        [a.id, b.id, c.id],
        new Date('2026-11-05T00:00:00Z'),
      );
      expect([...whole.keys()].sort()).toEqual([...summaries.keys()].sort());
    },
  );

  it.each(databases.eachSupportedId())(
    'serves the latest snapshot as of a moment, history and pruning, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseSloStore.forTest(knex);
      const a = await store.createSlo(spec({ name: 'a' }), 'user:default/j');
      const b = await store.createSlo(spec({ name: 'b' }), 'user:default/j');
      const day = (d: number) =>
        `2026-11-${String(d).padStart(2, '0')}T00:00:00.000Z`;
      for (let d = 1; d <= 10; d++) {
        await store.saveSnapshot(evaluation(a.id, day(d), 1 - d / 10));
      }
      await store.saveSnapshot(evaluation(b.id, day(3), 0.5));
      // A second evaluation as of the same moment replaces the first for readers.
      await store.saveSnapshot(evaluation(b.id, day(3), 0.25));

      const latest = await store.latestSnapshots(
        [a.id, b.id, 'no-such-slo'],
        new Date('2026-11-05T12:00:00Z'),
      );
      expect([...latest.keys()].sort()).toEqual([a.id, b.id].sort());
      expect(latest.get(a.id)?.at).toBe(day(5));
      expect(latest.get(a.id)?.errorBudget?.remaining).toBeCloseTo(0.5);
      expect(latest.get(b.id)?.errorBudget?.remaining).toBe(0.25);
      expect(
        (await store.latestSnapshots([a.id], new Date(day(1)))).get(a.id)?.at,
      ).toBe(day(1));
      expect(
        (await store.latestSnapshots([a.id], new Date('2026-10-31T00:00:00Z')))
          .size,
      ).toBe(0);

      const history = await store.snapshotHistory(a.id, {
        from: new Date(day(2)),
        to: new Date(day(9)),
        limit: 100,
      });
      expect(history.map(p => p.at)).toEqual([2, 3, 4, 5, 6, 7, 8, 9].map(day));
      expect(history[0]).toEqual({
        at: day(2),
        status: 'healthy',
        sli: expect.closeTo(0.9998, 10),
        budgetRemaining: expect.closeTo(0.8, 10),
        burnRate1h: 2,
      });
      // Thinned to the limit: 9 days in 3 buckets of 4.5 days + 1 ms from the epoch, which here
      // begin on 28 October at 00:00:04.612, 1 November at 12:00:04.613 and 6 November at
      // 00:00:04.614; the newest point of each is kept (the newest point overall among them).
      const thinned = await store.snapshotHistory(a.id, {
        from: new Date(day(1)),
        to: new Date(day(10)),
        limit: 3,
      });
      expect(thinned.map(p => p.at)).toEqual([day(1), day(6), day(10)]);

      // a's days 1–3 and both of b's day-3 snapshots.
      expect(await store.pruneSnapshots(new Date(day(4)))).toBe(5);
      expect(
        (
          await store.snapshotHistory(a.id, {
            from: new Date(day(1)),
            to: new Date(day(10)),
            limit: 100,
          })
        ).map(p => p.at),
      ).toEqual([4, 5, 6, 7, 8, 9, 10].map(day));
    },
  );

  it.each(databases.eachSupportedId())(
    'migrates the SLO tables down cleanly and back up, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const directory = StewardshipDatabase.migrationsDirectory;
      await knex.migrate.latest({ directory });
      expect(await knex.schema.hasTable('slo_snapshots')).toBe(true);
      await migrateDownThrough(knex, '202611230900_slos.js');
      expect(await knex.schema.hasTable('slos')).toBe(false);
      expect(await knex.schema.hasTable('slo_revisions')).toBe(false);
      expect(await knex.schema.hasTable('slo_snapshots')).toBe(false);
      expect(await knex.schema.hasTable('ownership_scorecard_snapshots')).toBe(
        true,
      );
      await knex.migrate.latest({ directory });
      expect(await knex.schema.hasTable('slos')).toBe(true);
    },
  );

  it.each(databases.eachSupportedId())(
    'tells when the current breach began: the first breach after the last healthy snapshot, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseSloStore.forTest(knex);
      const a = await store.createSlo(spec({ name: 'a' }), 'user:default/j');
      const never = await store.createSlo(
        spec({ name: 'b' }),
        'user:default/j',
      );
      const day = (d: number) =>
        `2026-11-${String(d).padStart(2, '0')}T00:00:00.000Z`;
      const statuses: Array<SloEvaluation['status']> = [
        'at-risk', // 1: a breach that ended…
        'healthy', // 2: …here
        'at-risk', // 3: the current breach began here
        'no-data', // 4: a source outage does not end it
        'exhausted', // 5
      ];
      for (const [i, status] of statuses.entries()) {
        await store.saveSnapshot({
          ...evaluation(a.id, day(i + 1), 0.5),
          status,
        });
      }
      await store.saveSnapshot(evaluation(never.id, day(5), 0.5)); // healthy only

      expect(await store.breachStartedAt(a.id, new Date(day(5)))).toBe(day(3));
      // As of day 1, the first breach had just begun; as of day 2 there was none.
      expect(await store.breachStartedAt(a.id, new Date(day(1)))).toBe(day(1));
      expect(
        await store.breachStartedAt(a.id, new Date(day(2))),
      ).toBeUndefined();
      expect(
        await store.breachStartedAt(never.id, new Date(day(5))),
      ).toBeUndefined();
    },
  );
});
