/*
 * The failed backlog reads migration goes up, down and up again on every test database, and the
 * store keeps one failed read per entity (a later one replaces it, an earlier one does not) and
 * reads many entities at once, apart from the figures.
 */
import { BacklogReadFailure } from '@stewardship/backstage-plugin-stewardship-common';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { migrateDownThrough, migrateUpTo } from '../__testUtils__/migrations';
import { StewardshipDatabase } from './StewardshipDatabase';

const databases = createTestDatabases();
const MIGRATION = '202612141000_backlog_read_failures.js';

const failure = (
  at: string,
  kind?: BacklogReadFailure['providers'][number]['kind'],
): BacklogReadFailure => ({
  at,
  providers: [{ provider: 'jira', title: 'Jira', ...(kind && { kind }) }],
});

describe.each(databases.eachSupportedId())(
  'backlog read failures migration on %p',
  databaseId => {
    it('goes up, down and up again, and the store keeps the latest failed read per entity', async () => {
      const knex = await databases.init(databaseId);
      await migrateUpTo(knex, MIGRATION);
      expect(await knex.schema.hasTable('backlog_read_failures')).toBe(true);
      // The figures' table is not touched.
      expect(await knex.schema.hasTable('backlog_figures')).toBe(true);
      await migrateDownThrough(knex, MIGRATION);
      expect(await knex.schema.hasTable('backlog_read_failures')).toBe(false);
      expect(await knex.schema.hasTable('backlog_figures')).toBe(true);

      const store = (await StewardshipDatabase.forTest(knex)).backlogFigures;
      const a1 = failure('2026-12-05T10:00:00.000Z', 'unreachable');
      const a2 = failure('2026-12-05T11:00:00.000Z', 'rate-limited');
      const b = failure('2026-12-05T09:00:00.000Z');
      await store.saveBacklogReadFailure('component:default/a', a1);
      await store.saveBacklogReadFailure('component:default/b', b);
      await store.saveBacklogReadFailure('component:default/a', a2);
      const read = await store.latestBacklogReadFailures([
        'component:default/a',
        'component:default/b',
        'component:default/never-failed',
      ]);
      expect([...read.keys()].sort()).toEqual([
        'component:default/a',
        'component:default/b',
      ]);
      expect(read.get('component:default/a')).toEqual(a2);
      // Without a kind, none is made up.
      expect(read.get('component:default/b')).toEqual({
        at: '2026-12-05T09:00:00.000Z',
        providers: [{ provider: 'jira', title: 'Jira' }],
      });

      // A slower read that failed earlier and finishes last replaces nothing.
      await store.saveBacklogReadFailure('component:default/a', a1);
      expect(
        (await store.latestBacklogReadFailures(['component:default/a'])).get(
          'component:default/a',
        ),
      ).toEqual(a2);
      // The figures are kept apart: none stored for a failed read.
      expect(await store.latestBacklogFigures(['component:default/a'])).toEqual(
        new Map(),
      );
    });
  },
);
