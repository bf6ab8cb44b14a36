import { Knex } from 'knex';
import { migrateDownThrough } from '../__testUtils__/migrations';
import { snapshotIndexes } from '../__testUtils__/snapshotIndexes';
import { checkoutSloSpec } from '../__testUtils__/sloSpecs';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { StewardshipDatabase } from './StewardshipDatabase';

const databases = createTestDatabases();

/** How many of an index's columns are its key (the rest are INCLUDEd, PostgreSQL only). */
async function keyColumnCount(knex: Knex, index: string): Promise<number> {
  if (knex.client.config.client === 'pg') {
    const { rows } = await knex.raw(
      `SELECT x.indnkeyatts AS keys FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid WHERE i.relname = ?`,
      [index],
    );
    return rows[0].keys;
  }
  // index_xinfo lists the key columns (key = 1) and the rowid it ends with (key = 0).
  const columns: Array<{ key: number }> = await knex.raw(
    `PRAGMA index_xinfo('${index}')`,
  );
  return columns.filter(c => c.key === 1).length;
}

const MIGRATION = '202612081000_snapshot_history_covering_index.js';
const SQLITE_MIGRATION =
  '202612091000_snapshot_history_covering_index_sqlite.js';
const KEY = ['slo_id', 'at', 'id'];
const CARRIED = ['status', 'sli', 'budget_remaining', 'burn_rate_1h'];

describe(`migrations ${MIGRATION} and ${SQLITE_MIGRATION}`, () => {
  it.each(databases.eachSupportedId())(
    'carry the columns a history point shows in the history index (PostgreSQL, then SQLite), and take them out on the way down, %p',
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
        sli: 0.9995,
        evaluation: '{}',
      });
      const postgres = databaseId !== 'SQLITE_3';
      const historyIndex = async () => {
        const indexes = await snapshotIndexes(knex);
        // Later migrations' (the review's, the retention's), tested on their own.
        delete indexes.slo_snapshots_review_idx;
        delete indexes.slo_snapshots_at_idx;
        return indexes;
      };

      expect(await historyIndex()).toEqual({
        slo_snapshots_history_idx: [...KEY, ...CARRIED],
      });
      // On PostgreSQL only the three key columns order the index and the other four ride along
      // (INCLUDE); SQLite has no INCLUDE, so all seven are key columns there.
      expect(await keyColumnCount(knex, 'slo_snapshots_history_idx')).toBe(
        postgres ? KEY.length : KEY.length + CARRIED.length,
      );

      // The SQLite migration is SQLite's alone: PostgreSQL keeps its index through it.
      await migrateDownThrough(knex, SQLITE_MIGRATION);
      expect(await historyIndex()).toEqual(
        postgres
          ? { slo_snapshots_history_idx: [...KEY, ...CARRIED] }
          : { slo_snapshots_slo_at_id_idx: KEY },
      );

      await migrateDownThrough(knex, MIGRATION);
      expect(await historyIndex()).toEqual({
        slo_snapshots_slo_at_id_idx: KEY,
      });
      expect(await knex('slo_snapshots').select('sli')).toEqual([
        { sli: 0.9995 },
      ]);

      await knex.migrate.latest({
        directory: StewardshipDatabase.migrationsDirectory,
      });
      expect(await historyIndex()).toEqual({
        slo_snapshots_history_idx: [...KEY, ...CARRIED],
      });
      expect(await knex('slo_snapshots').select('sli')).toEqual([
        { sli: 0.9995 },
      ]);
    },
  );
});
