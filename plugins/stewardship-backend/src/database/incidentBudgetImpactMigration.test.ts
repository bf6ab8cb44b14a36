import { migrateDownThrough, migrateUpTo } from '../__testUtils__/migrations';
import { createTestDatabases } from '../__testUtils__/testDatabases';

const databases = createTestDatabases();
const MIGRATION = '202612021000_incident_budget_impact.js';

describe('migration 202612021000_incident_budget_impact.js', () => {
  it.each(databases.eachSupportedId())(
    'adds budget_impact to incidents, removes it and adds it again, keeping the rows, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateUpTo(knex, '202612020900_incidents.js');
      await knex('incidents').insert({
        id: '00000000-0000-4000-8000-000000000001',
        entity_ref: 'component:default/checkout',
        affected_entity_refs: '[]',
        title: 'Kept',
        severity: 'SEV2',
        status: 'resolved',
        status_changed_at: 2,
        detected_at: 1,
        resolved_at: 2,
        affected_slo_ids: '[]',
        fire_drill: false,
        source: 'manual',
        version: 1,
        created_by: 'user:default/jane',
        created_at: 1,
        updated_at: 2,
      });
      const has = () => knex.schema.hasColumn('incidents', 'budget_impact');

      await migrateUpTo(knex, MIGRATION);
      expect(await has()).toBe(true);
      await knex('incidents').update({ budget_impact: '[]' });
      await migrateDownThrough(knex, MIGRATION);
      expect(await has()).toBe(false);
      await migrateUpTo(knex, MIGRATION);
      expect(await has()).toBe(true);
      expect(await knex('incidents').select('title', 'budget_impact')).toEqual([
        { title: 'Kept', budget_impact: null },
      ]);
    },
  );
});
