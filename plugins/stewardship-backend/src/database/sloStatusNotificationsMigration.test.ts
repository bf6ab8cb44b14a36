/*
 * The SLO status notifications migration goes up, down and up again on every test database, and
 * the store moves a told status only from the status the caller read (a compare-and-set), records
 * starting statuses without overwriting told ones, and reads more ids than one statement binds.
 */
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { migrateDownThrough, migrateUpTo } from '../__testUtils__/migrations';
import { StewardshipDatabase } from './StewardshipDatabase';
import { ToldSloState } from './SloStatusNotificationStore';

const databases = createTestDatabases();
const MIGRATION = '202612111000_slo_status_notifications.js';
const at = new Date('2026-12-03T10:00:00.000Z');

describe.each(databases.eachSupportedId())(
  'SLO status notifications migration on %p',
  databaseId => {
    it('goes up, down and up again, and the store moves a told status only from the one read', async () => {
      const knex = await databases.init(databaseId);
      await migrateUpTo(knex, MIGRATION);
      expect(await knex.schema.hasTable('slo_status_notifications')).toBe(true);
      await migrateDownThrough(knex, MIGRATION);
      expect(await knex.schema.hasTable('slo_status_notifications')).toBe(
        false,
      );

      const store = (await StewardshipDatabase.forTest(knex))
        .sloStatusNotifications;
      const exhausted = { status: 'exhausted', toldAt: at } as const;
      const healthy = { status: 'healthy', toldAt: at } as const;
      const atRisk = { status: 'at-risk', toldAt: at } as const;
      // None yet: the first mover from "none" wins, a second finds it taken.
      expect(await store.moveToldStatus('a', undefined, exhausted, at)).toBe(
        true,
      );
      expect(await store.moveToldStatus('a', undefined, atRisk, at)).toBe(
        false,
      );
      // From the status read: only one of two movers from "exhausted" wins.
      expect(await store.moveToldStatus('a', exhausted, healthy, at)).toBe(
        true,
      );
      expect(await store.moveToldStatus('a', exhausted, atRisk, at)).toBe(
        false,
      );
      // Starting statuses fill gaps only.
      const many = Array.from({ length: 1200 }, (_, i) => `s${i}`);
      await store.recordStartingStatuses(
        new Map<string, Required<ToldSloState>>([
          ['a', exhausted],
          ...many.map(id => [id, atRisk] as const),
        ]),
        at,
      );
      const told = await store.toldStatuses([...many, 'a', 'never']);
      expect(told.size).toBe(1201);
      expect(told.get('a')).toEqual(healthy);
      expect(told.get('s0')).toEqual(atRisk);
      expect(told.get('s1199')).toEqual(atRisk);
      expect(told.has('never')).toBe(false);
      const [row] = await knex('slo_status_notifications').where({
        slo_id: 'a',
      });
      expect(Number(row.updated_at)).toBe(at.getTime());
    });
  },
);
