/*
 * The ownership exemptions migration goes up, down and up again on every test database, and
 * the store reads what it wrote (times round-trip as epoch milliseconds, also from PostgreSQL's
 * bigint strings).
 */
import {
  createTestDatabases,
  openPooledConnections,
} from '../__testUtils__/testDatabases';
import { migrateDownThrough, migrateUpTo } from '../__testUtils__/migrations';
import { StewardshipDatabase } from './StewardshipDatabase';
import { OwnershipExemptionStore } from './OwnershipExemptionStore';

const databases = createTestDatabases();
const MIGRATION = '202612060900_ownership_exemptions.js';

/** The exemption a grant stored; fails the test when the role was already exempt. */
async function created(
  stored: ReturnType<OwnershipExemptionStore['createExemption']>,
) {
  const result = await stored;
  if (!('created' in result)) throw new Error('expected the grant stored');
  return result.created;
}

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
      const business = await created(
        store.createExemption({
          entityRef: 'component:default/a',
          role: 'business',
          reason: 'reorganisation',
          grantedBy: 'user:default/jane',
          expiresAt: '2026-12-30T10:00:00.000Z',
        }),
      );
      const product = await created(
        store.createExemption({
          entityRef: 'component:default/a',
          role: 'product',
          reason: 'hiring',
          grantedBy: 'user:default/joe',
          expiresAt: '2026-12-01T10:00:00.000Z',
        }),
      );
      const other = await created(
        store.createExemption({
          entityRef: 'component:default/b',
          role: 'engineering',
          reason: 'sunset',
          grantedBy: 'user:default/joe',
          expiresAt: '2026-12-05T10:00:00.000Z',
        }),
      );
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

      // Deleting needs the right entity, and returns what it deleted (its role for the audit).
      expect(
        await store.deleteExemption('component:default/b', product.id),
      ).toBeUndefined();
      expect(
        await store.deleteExemption('component:default/a', product.id),
      ).toEqual(product);
      expect(
        await store.deleteExemption('component:default/a', product.id),
      ).toBeUndefined();
      expect(
        await store.entityExemptions('component:default/a', during),
      ).toEqual([business]);
    });

    it('stores one of twenty concurrent grants for one role and answers the others with it', async () => {
      const knex = await databases.init(databaseId);
      const db = await StewardshipDatabase.forTest(knex, {
        now: () => new Date('2026-11-30T10:00:00.000Z'),
      });
      await openPooledConnections(knex);
      for (const entityRef of ['component:default/a', 'component:default/b']) {
        const grants = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            db.ownershipExemptions.createExemption({
              entityRef,
              role: 'engineering',
              reason: `grant ${i}`,
              grantedBy: 'user:default/jane',
              expiresAt: '2026-12-30T10:00:00.000Z',
            }),
          ),
        );
        const stored = grants.flatMap(g => ('created' in g ? [g.created] : []));
        expect(stored).toHaveLength(1);
        expect(grants.filter(g => 'inForce' in g)).toEqual(
          Array(19).fill({ inForce: stored[0] }),
        );
        const [{ n }] = await knex('ownership_exemptions')
          .where({ entity_ref: entityRef })
          .count({ n: '*' });
        expect(Number(n)).toBe(1);
      }
      // Another role is not held up by it.
      expect(
        await db.ownershipExemptions.createExemption({
          entityRef: 'component:default/a',
          role: 'product',
          reason: 'hiring',
          grantedBy: 'user:default/jane',
          expiresAt: '2026-12-30T10:00:00.000Z',
        }),
      ).toEqual({ created: expect.objectContaining({ role: 'product' }) });
    });
  },
);
