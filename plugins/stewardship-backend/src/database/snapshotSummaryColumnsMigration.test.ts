/*
 * The snapshot summary columns go up, down and up again on every test database, keeping every
 * row and index; snapshots stored before them (summarised = false) are still summarised with
 * their reason, read from their JSON, and new ones from the columns.
 */
import {
  SloDefinition,
  noDataEvaluation,
} from '@stewardship/backstage-plugin-stewardship-common';
import { migrateDownThrough } from '../__testUtils__/migrations';
import { snapshotIndexes } from '../__testUtils__/snapshotIndexes';
import { checkoutSloSpec } from '../__testUtils__/sloSpecs';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { StewardshipDatabase } from './StewardshipDatabase';

const databases = createTestDatabases();
const MIGRATION = '202612071000_snapshot_summary_columns.js';
const COLUMNS = ['reason', 'no_data_reason', 'summarised'];

/** A no-data evaluation of `slo` as of `at`, whose reason is `message`. */
const noData = (slo: SloDefinition, at: string, message: string) =>
  noDataEvaluation({
    slo,
    at: new Date(at),
    evaluatedAt: new Date(at),
    reason: 'no-series',
    message,
    queries: [],
  });

describe(`migration ${MIGRATION}`, () => {
  it.each(databases.eachSupportedId())(
    'adds reason, no_data_reason and summarised, drops them on the way down, and summarises rows from before it, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { slos } = await StewardshipDatabase.forTest(knex);
      const [old, fresh] = await slos.createSlos(
        [checkoutSloSpec('old'), checkoutSloSpec('fresh')],
        'user:default/j',
      );
      const hasColumns = async () =>
        Promise.all(
          COLUMNS.map(c => knex.schema.hasColumn('slo_snapshots', c)),
        );
      expect(await hasColumns()).toEqual([true, true, true]);
      const indexesLatest = await snapshotIndexes(knex);
      // The indexes as this migration found and left them: before later ones carried the
      // history's columns in the history index (migrating down through the first undoes both).
      await migrateDownThrough(
        knex,
        '202612081000_snapshot_history_covering_index.js',
      );
      const indexesBefore = await snapshotIndexes(knex);

      // A row as the store wrote it before the migration: the reason only in the JSON.
      await migrateDownThrough(knex, MIGRATION);
      expect(await hasColumns()).toEqual([false, false, false]);
      expect(await snapshotIndexes(knex)).toEqual(indexesBefore);
      const before = noData(old, '2026-11-01T00:00:00.000Z', 'no series');
      await knex('slo_snapshots').insert({
        slo_id: old.id,
        slo_version: 1,
        at: Date.parse(before.at),
        evaluated_at: Date.parse(before.at),
        status: 'no-data',
        evaluation: JSON.stringify(before),
      });

      await knex.migrate.latest({
        directory: StewardshipDatabase.migrationsDirectory,
      });
      expect(await hasColumns()).toEqual([true, true, true]);
      expect(await snapshotIndexes(knex)).toEqual(indexesLatest);
      const [row] = await knex('slo_snapshots').where({ slo_id: old.id });
      expect(row).toMatchObject({ reason: null, no_data_reason: null });
      expect(Boolean(row.summarised)).toBe(false);

      const after = noData(fresh, '2026-11-02T00:00:00.000Z', 'no traffic');
      await slos.saveSnapshot(after);
      const [written] = await knex('slo_snapshots').where({ slo_id: fresh.id });
      expect(written).toMatchObject({
        reason: 'no traffic',
        no_data_reason: 'no-series',
      });
      expect(Boolean(written.summarised)).toBe(true);

      const summaries = await slos.latestSnapshotSummaries(
        [old.id, fresh.id],
        new Date('2026-11-05T00:00:00Z'),
      );
      for (const evaluation of [before, after]) {
        expect(summaries.get(evaluation.sloId)).toEqual({
          sloVersion: 1,
          at: evaluation.at,
          status: 'no-data',
          noDataReason: 'no-series',
          reason: evaluation.reason,
        });
      }
    },
  );
});
