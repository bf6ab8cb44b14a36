/*
 * The backlog figures migration goes up, down and up again on every test database, and the
 * store keeps one row per entity (the latest write wins) and reads many entities at once.
 */
import { BacklogFigures } from '@stewardship/backstage-plugin-stewardship-common';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { migrateDownThrough, migrateUpTo } from '../__testUtils__/migrations';
import { StewardshipDatabase } from './StewardshipDatabase';

const databases = createTestDatabases();
const MIGRATION = '202612050900_backlog_figures.js';

const figures = (at: string, averageAgeDays: number): BacklogFigures => ({
  at,
  top: {
    n: 20,
    count: 2,
    averageAgeDays,
    medianAgeDays: averageAgeDays,
    ageTargetDays: 90,
    meetsAgeTarget: averageAgeDays < 90,
    reliabilityCount: 1,
    reliabilityShare: 0.5,
  },
  all: { count: 2, ageHistogram: [], olderThan180Days: 0, untriaged: 0 },
  formulas: [],
});

describe.each(databases.eachSupportedId())(
  'backlog figures migration on %p',
  databaseId => {
    it('goes up, down and up again, and the store keeps the latest figures per entity', async () => {
      const knex = await databases.init(databaseId);
      await migrateUpTo(knex, MIGRATION);
      expect(await knex.schema.hasTable('backlog_figures')).toBe(true);
      await migrateDownThrough(knex, MIGRATION);
      expect(await knex.schema.hasTable('backlog_figures')).toBe(false);

      const store = (await StewardshipDatabase.forTest(knex)).backlogFigures;
      const a1 = figures('2026-11-30T10:00:00.000Z', 10);
      const a2 = figures('2026-11-30T11:00:00.000Z', 12.5);
      const b = figures('2026-11-30T09:00:00.000Z', 100);
      await store.saveBacklogFigures('component:default/a', a1);
      await store.saveBacklogFigures('component:default/b', b);
      await store.saveBacklogFigures('component:default/a', a2);
      const read = await store.latestBacklogFigures([
        'component:default/a',
        'component:default/b',
        'component:default/never-read',
      ]);
      expect([...read.keys()].sort()).toEqual([
        'component:default/a',
        'component:default/b',
      ]);
      expect(read.get('component:default/a')).toEqual(a2);
      expect(read.get('component:default/b')).toEqual(b);

      // A slower read that computed earlier figures and finishes last replaces nothing.
      await store.saveBacklogFigures('component:default/a', a1);
      expect(
        (await store.latestBacklogFigures(['component:default/a'])).get(
          'component:default/a',
        ),
      ).toEqual(a2);
      // Figures of the same moment replace (the same read saved again).
      const a2Again = figures('2026-11-30T11:00:00.000Z', 13);
      await store.saveBacklogFigures('component:default/a', a2Again);
      expect(
        (await store.latestBacklogFigures(['component:default/a'])).get(
          'component:default/a',
        ),
      ).toEqual(a2Again);
    });
  },
);
