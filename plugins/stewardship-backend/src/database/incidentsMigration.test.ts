import { migrateDownThrough, migrateUpTo } from '../__testUtils__/migrations';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseIncidentStore } from './DatabaseIncidentStore';

const databases = createTestDatabases();

const MIGRATION = '202612020900_incidents.js';
const TABLES = [
  'incidents',
  'incident_timeline',
  'incident_action_items',
  'incident_webhook_events',
];

describe('migration 202612020900_incidents.js', () => {
  it.each(databases.eachSupportedId())(
    'creates the incident tables, drops them, and creates them again, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const exists = () =>
        Promise.all(TABLES.map(table => knex.schema.hasTable(table)));

      await migrateUpTo(knex, MIGRATION);
      expect(await exists()).toEqual([true, true, true, true]);
      expect(await knex('incidents').columnInfo('detected_at')).toMatchObject({
        type: 'bigint',
        nullable: false,
      });

      await migrateDownThrough(knex, MIGRATION);
      expect(await exists()).toEqual([false, false, false, false]);
      // The earlier tables are untouched.
      expect(await knex.schema.hasTable('slos')).toBe(true);

      await migrateUpTo(knex, MIGRATION);
      expect(await exists()).toEqual([true, true, true, true]);

      // And the store works on what the migration left.
      const store = await DatabaseIncidentStore.forTest(knex);
      const created = await store.createIncident(
        {
          entityRef: 'component:default/checkout',
          affectedEntityRefs: [],
          title: 'Checkout down',
          severity: 'SEV2',
          status: 'triggered',
          statusChangedAt: '2026-09-10T10:00:00.000Z',
          detectedAt: '2026-09-10T10:00:00.000Z',
          affectedSloIds: [],
          fireDrill: false,
          source: 'manual',
        },
        'user:default/jane',
      );
      expect((await store.getIncident(created.id))?.title).toBe(
        'Checkout down',
      );
    },
  );
});
