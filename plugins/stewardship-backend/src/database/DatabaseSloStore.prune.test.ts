/*
 * Housekeeping's prune deletes old snapshots in short statements, oldest first, through the
 * index on `at`, tells each statement's count, and stops between two once its run is aborted.
 */
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { StewardshipDatabase } from './StewardshipDatabase';
import { queryPlan } from '../__testUtils__/queryPlan';

const databases = createTestDatabases();

const OLD = 12_000;
const KEPT = [20_000, 20_001, 30_000];

async function storeSnapshots(knex: Knex) {
  const ats = [...Array.from({ length: OLD }, (_, i) => i + 1), ...KEPT];
  // Shuffled by a fixed stride, so that "oldest first" is not the order of the ids.
  const order = ats.map((_, i) => ats[(i * 7_919) % ats.length]);
  await knex.batchInsert(
    'slo_snapshots',
    order.map(at => ({
      slo_id: 'a1b2c3d4-0000-4000-8000-000000000001',
      slo_version: 1,
      at,
      evaluated_at: at,
      status: 'healthy',
      evaluation: '{}',
    })),
    500,
  );
}

/** The `delete` statements the store sends while `run` runs. */
async function deletesDuring<T>(
  knex: Knex,
  run: (deletes: Knex.Sql[]) => Promise<T>,
) {
  const deletes: Knex.Sql[] = [];
  const listener = (query: Knex.Sql) => {
    if (/^delete/i.test(query.sql)) deletes.push(query);
  };
  knex.on('query', listener);
  try {
    return { result: await run(deletes), deletes };
  } finally {
    knex.removeListener('query', listener);
  }
}

const remainingAts = async (knex: Knex) =>
  (await knex('slo_snapshots').select('at').orderBy('at')).map(r =>
    Number(r.at),
  );

describe('DatabaseSloStore.pruneSnapshots', () => {
  it.each(databases.eachSupportedId())(
    'deletes in batches, oldest first, through the index on at, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { slos } = await StewardshipDatabase.forTest(knex);
      await storeSnapshots(knex);

      const counts: number[] = [];
      const { result, deletes } = await deletesDuring(knex, () =>
        slos.pruneSnapshots(new Date(20_000), {
          batchSize: 5_000,
          onDeleted: count => counts.push(count),
        }),
      );
      expect(result).toBe(OLD);
      // 5,000 + 5,000 + 2,000: the short batch says there are no more.
      expect(deletes).toHaveLength(3);
      expect(counts).toEqual([5_000, 5_000, 2_000]);
      expect(await remainingAts(knex)).toEqual(KEPT);

      // Each statement finds its batch through slo_snapshots_at_idx, not by reading the table.
      const { sql, bindings } = deletes[0];
      const plan = await queryPlan(knex, sql, bindings);
      expect(plan).toContain('slo_snapshots_at_idx');
    },
  );

  it.each(databases.eachSupportedId())(
    'stops between two batches once aborted, keeping what it deleted, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { slos } = await StewardshipDatabase.forTest(knex);
      await storeSnapshots(knex);
      const controller = new AbortController();
      const reason = new Error('the housekeeping run timed out');
      const counts: number[] = [];

      const { result, deletes } = await deletesDuring(knex, () => {
        // Aborted as a timer or a shutdown would, from the event loop, once the first statement
        // is done: seen only if the prune gives the loop a turn between statements, which
        // better-sqlite3's synchronous answers do not by themselves.
        knex.once('query-response', () =>
          setImmediate(() => controller.abort(reason)),
        );
        return slos
          .pruneSnapshots(new Date(20_000), {
            batchSize: 5_000,
            signal: controller.signal,
            onDeleted: count => counts.push(count),
          })
          .catch(e => e);
      });
      expect(result).toBe(reason);
      expect(deletes).toHaveLength(1);
      // What it deleted before it stopped, told although the prune rejected.
      expect(counts).toEqual([5_000]);
      // The 5,000 oldest went; nothing else did.
      const remaining = await remainingAts(knex);
      expect(remaining).toHaveLength(OLD - 5_000 + KEPT.length);
      expect(remaining[0]).toBe(5_001);

      // Not started at all when aborted before.
      await expect(
        slos.pruneSnapshots(new Date(20_000), { signal: controller.signal }),
      ).rejects.toBe(reason);
      expect(await remainingAts(knex)).toEqual(remaining);
    },
  );

  it.each(databases.eachSupportedId())(
    'deletes nothing and sends one statement when nothing is old enough, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { slos } = await StewardshipDatabase.forTest(knex);
      await storeSnapshots(knex);
      const { result, deletes } = await deletesDuring(knex, () =>
        slos.pruneSnapshots(new Date(1)),
      );
      expect(result).toBe(0);
      expect(deletes).toHaveLength(1);
      expect(await remainingAts(knex)).toHaveLength(OLD + KEPT.length);
    },
  );
});
