import { migrateDownThrough } from '../__testUtils__/migrations';
import { snapshotIndexes } from '../__testUtils__/snapshotIndexes';
import { checkoutSloSpec } from '../__testUtils__/sloSpecs';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { StewardshipDatabase } from './StewardshipDatabase';

const databases = createTestDatabases();

const MIGRATION = '202612011200_snapshot_history_index.js';
const REVIEW_INDEX = ['slo_id', 'at', 'budget_remaining', 'burn_rate_1h'];

/**
 * The history index at the latest migration: later ones carry the columns a history point shows
 * (202612081000_snapshot_history_covering_index.js on PostgreSQL, 202612091000_…_sqlite.js).
 */
const LATEST_HISTORY_INDEX = {
  slo_snapshots_history_idx: [
    'slo_id',
    'at',
    'id',
    'status',
    'sli',
    'budget_remaining',
    'burn_rate_1h',
  ],
};

describe('migration 202612011200_snapshot_history_index.js', () => {
  it.each(databases.eachSupportedId())(
    'puts the id into the snapshot index, and takes it out again on the way down, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { slos } = await StewardshipDatabase.forTest(knex);
      const [slo] = await slos.createSlos(
        [checkoutSloSpec('availability')],
        'user:default/j',
      );
      await knex('slo_snapshots').insert({
        slo_id: slo.id,
        slo_version: 1,
        at: 1_000,
        evaluated_at: 1_000,
        status: 'healthy',
        evaluation: '{}',
      });
      expect(await snapshotIndexes(knex)).toEqual({
        ...LATEST_HISTORY_INDEX,
        // later migrations' (202612050930_snapshot_review_index.js, 202612121000_snapshot_at_index.js)
        slo_snapshots_review_idx: REVIEW_INDEX,
        slo_snapshots_at_idx: ['at'],
      });

      await migrateDownThrough(knex, MIGRATION);
      expect(await snapshotIndexes(knex)).toEqual({
        slo_snapshots_slo_at_idx: ['slo_id', 'at'],
      });
      expect(await knex('slo_snapshots').count({ n: '*' })).toEqual([
        { n: databaseId === 'SQLITE_3' ? 1 : '1' },
      ]);

      await knex.migrate.latest({
        directory: StewardshipDatabase.migrationsDirectory,
      });
      expect(await snapshotIndexes(knex)).toEqual({
        ...LATEST_HISTORY_INDEX,
        // later migrations' (202612050930_snapshot_review_index.js, 202612121000_snapshot_at_index.js)
        slo_snapshots_review_idx: REVIEW_INDEX,
        slo_snapshots_at_idx: ['at'],
      });
    },
  );
});
