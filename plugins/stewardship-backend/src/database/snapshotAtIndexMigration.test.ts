/*
 * The retention's index goes up, down and up again on every test database, and the oldest
 * snapshots are found through it, not by reading the whole table or another index.
 */
import { Knex } from 'knex';
import { migrateDownThrough } from '../__testUtils__/migrations';
import { snapshotIndexes } from '../__testUtils__/snapshotIndexes';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { StewardshipDatabase } from './StewardshipDatabase';
import { queryPlan } from '../__testUtils__/queryPlan';

const databases = createTestDatabases();
const MIGRATION = '202612121000_snapshot_at_index.js';

/** The statement housekeeping's prune finds a batch of old snapshots with. */
const OLDEST =
  'SELECT id FROM slo_snapshots WHERE at < ? ORDER BY at LIMIT 5000';

/**
 * The plan of {@link OLDEST}, as text. PostgreSQL would read a table this small sequentially
 * whatever its indexes, so sequential scans are priced out for the one statement.
 */
function oldestPlan(knex: Knex): Promise<string> {
  return queryPlan(knex, OLDEST, [1000]);
}

describe(`migration ${MIGRATION}`, () => {
  it.each(databases.eachSupportedId())(
    'indexes slo_snapshots by at, which the prune reads through, and drops it on the way down, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await StewardshipDatabase.forTest(knex);

      expect((await snapshotIndexes(knex)).slo_snapshots_at_idx).toEqual([
        'at',
      ]);
      const plan = await oldestPlan(knex);
      expect(plan).toContain('slo_snapshots_at_idx');
      // SQLite: a search of the index, no scan of the table or a sort of what it read.
      expect(plan).not.toMatch(/SCAN slo_snapshots(?! USING)|TEMP B-TREE/);

      await migrateDownThrough(knex, MIGRATION);
      expect(
        (await snapshotIndexes(knex)).slo_snapshots_at_idx,
      ).toBeUndefined();
      expect(await oldestPlan(knex)).not.toContain('slo_snapshots_at_idx');

      await knex.migrate.latest({
        directory: StewardshipDatabase.migrationsDirectory,
      });
      expect((await snapshotIndexes(knex)).slo_snapshots_at_idx).toEqual([
        'at',
      ]);
    },
  );
});
