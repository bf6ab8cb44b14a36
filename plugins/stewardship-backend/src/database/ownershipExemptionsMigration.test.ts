/*
 * The ownership exemptions migration goes up, down and up again on every test database, and
 * the store reads what it wrote (times round-trip as epoch milliseconds, also from PostgreSQL's
 * bigint strings).
 */
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { migrateDownThrough, migrateUpTo } from '../__testUtils__/migrations';
import { StewardshipDatabase } from './StewardshipDatabase';

const databases = createTestDatabases();
const MIGRATION = '202612060900_ownership_exemptions.js';

describe.each(databases.eachSupportedId())(
  'ownership exemptions migration on %p',
  databaseId => {
    it('goes up, down and up again, and the store finds the exemptions in force', async () => {
      const knex = await databases.init(databaseId);
      await migrateUpTo(knex, MIGRATION);
      expect(await knex.schema.hasTable('ownership_exemptions')).toBe(true);
      await migrateDownThrough(knex, MIGRATION);
      expect(await knex.schema.hasTable('ownership_exemptions')).toBe(false);

      const granted = Date.parse('2026-11-30T10:00:00.000Z');
      const db = await StewardshipDatabase.forTest(knex, {
        now: () => new Date(granted),
      });
      const store = db.ownershipExemptions;
      const business = await store.createExemption({
        entityRef: 'component:default/a',
        role: 'business',
        reason: 'reorganisation',
        grantedBy: 'user:default/jane',
        expiresAt: '2026-12-30T10:00:00.000Z',
      });
      const product = await store.createExemption({
        entityRef: 'component:default/a',
        role: 'product',
        reason: 'hiring',
        grantedBy: 'user:default/joe',
        expiresAt: '2026-12-01T10:00:00.000Z',
      });
      const other = await store.createExemption({
        entityRef: 'component:default/b',
        role: 'engineering',
        reason: 'sunset',
        grantedBy: 'user:default/joe',
        expiresAt: '2026-12-05T10:00:00.000Z',
      });
      expect(business).toEqual({
        id: expect.any(String),
        entityRef: 'component:default/a',
        role: 'business',
        reason: 'reorganisation',
        grantedBy: 'user:default/jane',
        grantedAt: '2026-11-30T10:00:00.000Z',
        expiresAt: '2026-12-30T10:00:00.000Z',
      });

      const during = new Date('2026-11-30T11:00:00Z');
      // Expiring first first.
      expect(
        await store.entityExemptions('component:default/a', during),
      ).toEqual([product, business]);
      expect(await store.exemptionsInForce(during)).toEqual([
        product,
        other,
        business,
      ]);
      // Before the grant and at the exact expiry: not in force.
      expect(
        await store.entityExemptions(
          'component:default/a',
          new Date('2026-11-30T09:59:59.999Z'),
        ),
      ).toEqual([]);
      expect(
        await store.entityExemptions(
          'component:default/a',
          new Date('2026-12-01T10:00:00.000Z'),
        ),
      ).toEqual([business]);

      // Deleting needs the right entity.
      expect(
        await store.deleteExemption('component:default/b', product.id),
      ).toBe(false);
      expect(
        await store.deleteExemption('component:default/a', product.id),
      ).toBe(true);
      expect(
        await store.entityExemptions('component:default/a', during),
      ).toEqual([business]);
    });
  },
);
