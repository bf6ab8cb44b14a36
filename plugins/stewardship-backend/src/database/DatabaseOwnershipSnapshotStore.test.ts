import { CoverageSummary } from '@stewardship/backstage-plugin-stewardship-common';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseOwnershipSnapshotStore } from './DatabaseOwnershipSnapshotStore';
import { StewardshipDatabase } from './StewardshipDatabase';

const databases = createTestDatabases();

function summary(entities: number, compliant: number): CoverageSummary {
  const counts = (ok: number) => ({
    ok,
    missing: entities - ok,
    unresolved: 0,
    invalid: 0,
    orphaned: 0,
    exempt: 0,
  });
  return {
    entities,
    compliant,
    roles: {
      business: counts(compliant),
      product: counts(compliant + 1),
      engineering: counts(entities),
    },
  };
}

describe('DatabaseOwnershipSnapshotStore', () => {
  it('runs on PostgreSQL whenever a server was given', () => {
    expect(databases.supports('POSTGRES_15')).toBe(
      Boolean(process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING),
    );
    expect(databases.supports('SQLITE_3')).toBe(true);
  });

  it.each(databases.eachSupportedId())(
    'keeps one scorecard snapshot per day and lists the trend, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseOwnershipSnapshotStore.forTest(knex);

      await store.saveScorecardSnapshot({
        day: '2026-11-20',
        summary: summary(10, 4),
        takenAt: new Date('2026-11-20T01:00:00Z'),
      });
      await store.saveScorecardSnapshot({
        day: '2026-11-22',
        summary: summary(10, 5),
        takenAt: new Date('2026-11-22T01:00:00Z'),
      });
      // A later run the same day replaces the earlier one.
      await store.saveScorecardSnapshot({
        day: '2026-11-22',
        summary: summary(11, 6),
        takenAt: new Date('2026-11-22T02:00:00Z'),
      });

      expect(
        await store.listScorecardTrend({ sinceDay: '2026-11-01' }),
      ).toEqual([
        {
          day: '2026-11-20',
          entities: 10,
          compliant: 4,
          roleOk: { business: 4, product: 5, engineering: 10 },
        },
        {
          day: '2026-11-22',
          entities: 11,
          compliant: 6,
          roleOk: { business: 6, product: 7, engineering: 11 },
        },
      ]);
      expect(
        await store.listScorecardTrend({ sinceDay: '2026-11-21' }),
      ).toHaveLength(1);
      const [row] = await knex('ownership_scorecard_snapshots').where({
        day: '2026-11-22',
      });
      expect(JSON.parse(row.summary)).toEqual(summary(11, 6));
      // Epoch milliseconds, like every time the plugin stores.
      expect(Number(row.taken_at)).toBe(Date.UTC(2026, 10, 22, 2));
    },
  );

  it.each(databases.eachSupportedId())(
    'migrates down cleanly and back up, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const directory = StewardshipDatabase.migrationsDirectory;
      await knex.migrate.latest({ directory });
      expect(await knex.schema.hasTable('ownership_scorecard_snapshots')).toBe(
        true,
      );
      await knex.migrate.rollback({ directory }, true);
      expect(await knex.schema.hasTable('ownership_scorecard_snapshots')).toBe(
        false,
      );
      await knex.migrate.latest({ directory });
      expect(await knex.schema.hasTable('ownership_scorecard_snapshots')).toBe(
        true,
      );
    },
  );
});
