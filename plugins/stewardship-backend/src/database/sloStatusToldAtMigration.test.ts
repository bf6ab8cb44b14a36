/*
 * The told moment of SLO status notifications goes up, down and up again on every test database:
 * a row told before it takes the moment it was last moved, and the store moves a told state only
 * from the status and moment it read (none: "nothing told yet").
 */
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { migrateDownThrough, migrateUpTo } from '../__testUtils__/migrations';
import { StewardshipDatabase } from './StewardshipDatabase';

const databases = createTestDatabases();
const MIGRATION = '202612151000_slo_status_told_at.js';
const movedAt = Date.parse('2026-12-03T10:00:07.000Z');
const t1 = new Date('2026-12-03T10:05:00.000Z');
const t2 = new Date('2026-12-03T10:06:00.000Z');

describe.each(databases.eachSupportedId())(
  'SLO status told moment migration on %p',
  databaseId => {
    it('goes up, down and up again, and the store moves a told state only from the status and moment read', async () => {
      const knex = await databases.init(databaseId);
      const store = (await StewardshipDatabase.forTest(knex))
        .sloStatusNotifications;
      const hasToldAt = () =>
        knex.schema.hasColumn('slo_status_notifications', 'told_at');
      expect(await hasToldAt()).toBe(true);

      await migrateDownThrough(knex, MIGRATION);
      expect(await hasToldAt()).toBe(false);
      // A row told before the migration.
      await knex('slo_status_notifications').insert({
        slo_id: 'old',
        status: 'exhausted',
        updated_at: movedAt,
      });
      await migrateUpTo(knex, MIGRATION);
      expect(await hasToldAt()).toBe(true);
      expect((await store.toldStatuses(['old'])).get('old')).toEqual({
        status: 'exhausted',
        toldAt: new Date(movedAt),
      });

      const old = { status: 'exhausted', toldAt: new Date(movedAt) } as const;
      const healthyT1 = { status: 'healthy', toldAt: t1 } as const;
      // Not the moment read (another run moved it meanwhile): nothing moves.
      expect(
        await store.moveToldStatus(
          'old',
          { status: 'exhausted', toldAt: t2 },
          healthyT1,
          t2,
        ),
      ).toBe(false);
      expect(await store.moveToldStatus('old', old, healthyT1, t2)).toBe(true);
      expect(await store.moveToldStatus('old', old, healthyT1, t2)).toBe(false);

      // "Nothing told yet" (no moment) is a state of its own, moved from as read.
      expect(
        await store.moveToldStatus('old', healthyT1, { status: 'healthy' }, t2),
      ).toBe(true);
      expect((await store.toldStatuses(['old'])).get('old')).toEqual({
        status: 'healthy',
      });
      expect(await store.moveToldStatus('old', healthyT1, old, t2)).toBe(false);
      expect(
        await store.moveToldStatus('old', { status: 'healthy' }, old, t2),
      ).toBe(true);
      const [row] = await knex('slo_status_notifications').where({
        slo_id: 'old',
      });
      expect([Number(row.told_at), Number(row.updated_at)]).toEqual([
        movedAt,
        t2.getTime(),
      ]);

      // Starting statuses record their evaluation's moment.
      await store.recordStartingStatuses(
        new Map([['new', { status: 'at-risk', toldAt: t1 }]]),
        t2,
      );
      expect((await store.toldStatuses(['new'])).get('new')).toEqual({
        status: 'at-risk',
        toldAt: t1,
      });

      // Down keeps the rows, without their moments; up again fills them in.
      await migrateDownThrough(knex, MIGRATION);
      expect(
        await knex('slo_status_notifications')
          .orderBy('slo_id')
          .select('slo_id', 'status'),
      ).toEqual([
        { slo_id: 'new', status: 'at-risk' },
        { slo_id: 'old', status: 'exhausted' },
      ]);
      await migrateUpTo(knex, MIGRATION);
      expect((await store.toldStatuses(['new'])).get('new')).toEqual({
        status: 'at-risk',
        toldAt: t2,
      });
    });
  },
);
