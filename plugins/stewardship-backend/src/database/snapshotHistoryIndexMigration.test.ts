import { Knex } from 'knex';
import { migrateDownThrough } from '../__testUtils__/migrations';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { StewardshipDatabase } from './StewardshipDatabase';

const databases = createTestDatabases();

const MIGRATION = '202612011200_snapshot_history_index.js';

/** The snapshot table's indexes by name, with their columns in order. */
async function snapshotIndexes(knex: Knex): Promise<Record<string, string[]>> {
  if (knex.client.config.client === 'pg') {
    const { rows } = await knex.raw(
      `SELECT i.relname AS name, a.attname AS column, k.n AS position
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
       CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, n)
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
       WHERE t.relname = 'slo_snapshots' AND NOT x.indisprimary
       ORDER BY i.relname, k.n`,
    );
    return group(rows);
  }
  const indexes: Array<{ name: string }> = await knex.raw(
    `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'slo_snapshots' AND sql IS NOT NULL`,
  );
  const rows = [];
  for (const { name } of indexes) {
    const columns: Array<{ name: string; seqno: number }> = await knex.raw(
      `PRAGMA index_info('${name}')`,
    );
    for (const c of columns) {
      rows.push({ name, column: c.name, position: c.seqno });
    }
  }
  return group(rows);
}

function group(rows: Array<{ name: string; column: string }>) {
  const byName: Record<string, string[]> = {};
  for (const row of rows) {
    (byName[row.name] ??= []).push(row.column);
  }
  return byName;
}

describe('migration 202612011200_snapshot_history_index.js', () => {
  it.each(databases.eachSupportedId())(
    'puts the id into the snapshot index, and takes it out again on the way down, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { slos } = await StewardshipDatabase.forTest(knex);
      const [slo] = await slos.createSlos(
        [
          {
            entityRef: 'component:default/checkout',
            name: 'availability',
            sli: { type: 'ratio', good: 'g{a="1"}', total: 't{a="1"}' },
            objective: 0.999,
            timeWindow: { type: 'rolling', duration: '30d' },
            budgetingMethod: 'occurrences',
            metricSource: 'prometheus',
            alertPolicies: [],
            labels: {},
          },
        ],
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
        slo_snapshots_slo_at_id_idx: ['slo_id', 'at', 'id'],
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
        slo_snapshots_slo_at_id_idx: ['slo_id', 'at', 'id'],
      });
    },
  );
});
