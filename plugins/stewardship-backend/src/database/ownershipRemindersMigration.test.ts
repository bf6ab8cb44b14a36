/*
 * The ownership reminders migration goes up, down and up again on every test database, and the
 * store returns the last sending of each key (times round-trip as epoch milliseconds, also from
 * PostgreSQL's bigint strings), across more keys than one statement binds.
 */
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { migrateDownThrough, migrateUpTo } from '../__testUtils__/migrations';
import { StewardshipDatabase } from './StewardshipDatabase';

const databases = createTestDatabases();
const MIGRATION = '202612061100_ownership_reminders.js';

describe.each(databases.eachSupportedId())(
  'ownership reminders migration on %p',
  databaseId => {
    it('goes up, down and up again, and the store keeps the last sending per key', async () => {
      const knex = await databases.init(databaseId);
      await migrateUpTo(knex, MIGRATION);
      expect(await knex.schema.hasTable('ownership_reminders')).toBe(true);
      await migrateDownThrough(knex, MIGRATION);
      expect(await knex.schema.hasTable('ownership_reminders')).toBe(false);

      const store = (await StewardshipDatabase.forTest(knex))
        .ownershipReminders;
      const first = new Date('2026-11-01T10:00:00.000Z');
      const later = new Date('2026-11-08T10:00:00.000Z');
      const many = Array.from({ length: 1200 }, (_, i) => `k${i}`);
      await store.markSent(many, first);
      await store.markSent(['k5', 'new'], later);

      const sent = await store.lastSent([...many, 'new', 'never']);
      expect(sent.size).toBe(1201);
      expect(sent.get('k0')).toEqual(first);
      expect(sent.get('k1199')).toEqual(first);
      expect(sent.get('k5')).toEqual(later);
      expect(sent.get('new')).toEqual(later);
      expect(sent.has('never')).toBe(false);
    });
  },
);
