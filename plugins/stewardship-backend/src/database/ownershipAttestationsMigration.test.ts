/*
 * The ownership attestations migration goes up, down and up again on every test database, and
 * the store keeps one attestation per entity and role (the next one replaces it), with times
 * round-tripping as epoch milliseconds (also from PostgreSQL's bigint strings).
 */
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { migrateDownThrough, migrateUpTo } from '../__testUtils__/migrations';
import { StewardshipDatabase } from './StewardshipDatabase';

const databases = createTestDatabases();
const MIGRATION = '202612061000_ownership_attestations.js';

describe.each(databases.eachSupportedId())(
  'ownership attestations migration on %p',
  databaseId => {
    it('goes up, down and up again, and the store keeps the latest per role', async () => {
      const knex = await databases.init(databaseId);
      await migrateUpTo(knex, MIGRATION);
      expect(await knex.schema.hasTable('ownership_attestations')).toBe(true);
      await migrateDownThrough(knex, MIGRATION);
      expect(await knex.schema.hasTable('ownership_attestations')).toBe(false);

      const db = await StewardshipDatabase.forTest(knex);
      const store = db.ownershipAttestations;
      const first = {
        entityRef: 'component:default/a',
        role: 'business' as const,
        value: 'user:default/jane',
        attestedBy: 'user:default/jane',
        attestedAt: '2026-09-01T10:00:00.000Z',
        expiresAt: '2026-11-30T10:00:00.000Z',
      };
      const other = {
        ...first,
        entityRef: 'component:default/b',
        role: 'engineering' as const,
        value: 'group:default/team-a',
        attestedBy: 'user:default/joe',
      };
      await store.saveAttestation(first);
      await store.saveAttestation(other);
      expect(await store.entityAttestations('component:default/a')).toEqual([
        first,
      ]);

      const renewed = {
        ...first,
        value: 'user:default/joe',
        attestedBy: 'user:default/joe',
        attestedAt: '2026-11-01T10:00:00.000Z',
        expiresAt: '2027-01-30T10:00:00.000Z',
      };
      await store.saveAttestation(renewed);
      expect(await store.entityAttestations('component:default/a')).toEqual([
        renewed,
      ]);
      expect(await store.allAttestations()).toEqual([renewed, other]);
    });
  },
);
