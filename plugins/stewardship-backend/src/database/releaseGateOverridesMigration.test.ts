/*
 * The release-gate overrides migration goes up, down and up again on every test database, and
 * the store reads what it wrote (times round-trip as epoch milliseconds, also from PostgreSQL's
 * bigint strings).
 */
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { migrateDownThrough, migrateUpTo } from '../__testUtils__/migrations';
import { StewardshipDatabase } from './StewardshipDatabase';

const databases = createTestDatabases();
const MIGRATION = '202612030900_release_gate_overrides.js';

describe.each(databases.eachSupportedId())(
  'release gate overrides migration on %p',
  databaseId => {
    it('goes up, down and up again, and the store finds the override in force', async () => {
      const knex = await databases.init(databaseId);
      await migrateUpTo(knex, MIGRATION);
      expect(await knex.schema.hasTable('release_gate_overrides')).toBe(true);
      await migrateDownThrough(knex, MIGRATION);
      expect(await knex.schema.hasTable('release_gate_overrides')).toBe(false);

      const created = Date.parse('2026-11-30T10:00:00.000Z');
      const db = await StewardshipDatabase.forTest(knex, {
        now: () => new Date(created),
      });
      const store = db.releaseGateOverrides;
      const short = await store.createOverride({
        entityRef: 'component:default/a',
        justification: 'hotfix',
        createdBy: 'user:default/jane',
        expiresAt: '2026-11-30T12:00:00.000Z',
      });
      const long = await store.createOverride({
        entityRef: 'component:default/a',
        justification: 'freeze exception',
        createdBy: 'user:default/joe',
        expiresAt: '2026-12-01T10:00:00.000Z',
      });
      expect(short.createdAt).toBe('2026-11-30T10:00:00.000Z');
      // Of two in force, the one expiring last.
      expect(
        await store.activeOverride(
          'component:default/a',
          new Date('2026-11-30T11:00:00Z'),
        ),
      ).toEqual(long);
      // Before creation, at the exact expiry, and for another entity: none.
      for (const [ref, at] of [
        ['component:default/a', '2026-11-30T09:59:59.999Z'],
        ['component:default/a', '2026-12-01T10:00:00.000Z'],
        ['component:default/b', '2026-11-30T11:00:00.000Z'],
      ]) {
        expect(await store.activeOverride(ref, new Date(at))).toBeUndefined();
      }
    });
  },
);
