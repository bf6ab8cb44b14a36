/*
 * The planning review's covering index goes up, down and up again on every test database, and
 * the review's aggregate reads the same figures with and without it.
 */
import { migrateDownThrough } from '../__testUtils__/migrations';
import { snapshotIndexes } from '../__testUtils__/snapshotIndexes';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { StewardshipDatabase } from './StewardshipDatabase';

const databases = createTestDatabases();
const MIGRATION = '202612050930_snapshot_review_index.js';

describe(`migration ${MIGRATION}`, () => {
  it.each(databases.eachSupportedId())(
    'adds (slo_id, at, budget_remaining, burn_rate_1h) and drops it on the way down, %p',
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
      for (const [at, remaining, burn] of [
        [1_000, 0.5, 2],
        [2_000, -0.5, 7],
        [3_000, null, null],
      ]) {
        await knex('slo_snapshots').insert({
          slo_id: slo.id,
          slo_version: 1,
          at,
          evaluated_at: at,
          status: 'healthy',
          budget_remaining: remaining,
          burn_rate_1h: burn,
          evaluation: '{}',
        });
      }
      const range = { from: new Date(0), to: new Date(5_000) };
      const expected = { evaluated: 2, meeting: 1, worstBurnRate1h: 7 };
      expect((await snapshotIndexes(knex)).slo_snapshots_review_idx).toEqual([
        'slo_id',
        'at',
        'budget_remaining',
        'burn_rate_1h',
      ]);
      expect(
        (await slos.sloPeriodAggregates([slo.id], range)).get(slo.id),
      ).toEqual(expected);

      await migrateDownThrough(knex, MIGRATION);
      expect(
        (await snapshotIndexes(knex)).slo_snapshots_review_idx,
      ).toBeUndefined();
      expect(
        (await slos.sloPeriodAggregates([slo.id], range)).get(slo.id),
      ).toEqual(expected);

      await knex.migrate.latest({
        directory: StewardshipDatabase.migrationsDirectory,
      });
      expect((await snapshotIndexes(knex)).slo_snapshots_review_idx).toEqual([
        'slo_id',
        'at',
        'budget_remaining',
        'burn_rate_1h',
      ]);
    },
  );
});
