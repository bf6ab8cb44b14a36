/*
 * The release gate's last known state of an SLO without data: of its snapshots as of a moment
 * whose status is not no-data, the latest (of two as of the same moment, the one stored last),
 * read in one statement per 500 SLOs through the history index, on every test database.
 */
import {
  SloEvaluation,
  SloStatus,
} from '@stewardship/backstage-plugin-stewardship-common';
import { Knex } from 'knex';
import { storedEvaluation } from '../__testUtils__/evaluations';
import { checkoutSloSpec } from '../__testUtils__/sloSpecs';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { StewardshipDatabase } from './StewardshipDatabase';
import { queryPlan } from '../__testUtils__/queryPlan';

const databases = createTestDatabases();

const T0 = Date.parse('2026-11-30T10:00:00Z');
const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

function snapshot(
  sloId: string,
  at: number,
  status: SloStatus,
  remaining?: number,
): SloEvaluation {
  const slo = {
    id: sloId,
    entityRef: 'component:default/checkout',
    objective: 0.999,
  };
  return storedEvaluation(slo, at, { status, remaining });
}

/** The statements the store sends while `run` runs. */
async function queriesDuring<T>(knex: Knex, run: () => Promise<T>) {
  const queries: Knex.Sql[] = [];
  const listener = (query: Knex.Sql) => queries.push(query);
  knex.on('query', listener);
  try {
    return { result: await run(), queries };
  } finally {
    knex.removeListener('query', listener);
  }
}

describe('DatabaseSloStore.lastKnownStates', () => {
  it.each(databases.eachSupportedId())(
    'reads the latest snapshot with data as of a moment, skipping no-data ones, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { slos: store } = await StewardshipDatabase.forTest(knex);
      const [outage, dark, never, noBudget, fine, other] =
        await store.createSlos(
          ['outage', 'dark', 'never', 'no-budget', 'fine', 'other'].map(
            checkoutSloSpec,
          ),
          'user:default/j',
        );
      await store.saveSnapshots([
        // outage: healthy, then at T0+5 twice (at risk, then exhausted stored last), then no data.
        snapshot(outage.id, T0, 'healthy', 0.8),
        snapshot(outage.id, T0 + 5 * MINUTE, 'at-risk', 0.1),
        snapshot(outage.id, T0 + 5 * MINUTE, 'exhausted', -1.413),
        snapshot(outage.id, T0 + 10 * MINUTE, 'no-data'),
        snapshot(outage.id, T0 + 15 * MINUTE, 'no-data'),
        snapshot(outage.id, T0 + 15 * MINUTE, 'no-data'),
        // dark: never any data.
        snapshot(dark.id, T0, 'no-data'),
        snapshot(dark.id, T0 + 15 * MINUTE, 'no-data'),
        // no-budget: exhausted without a budget figure, then no data.
        snapshot(noBudget.id, T0 + 5 * MINUTE, 'exhausted'),
        snapshot(noBudget.id, T0 + 10 * MINUTE, 'no-data'),
        // fine: its latest snapshot has data, so it is its own last known state.
        snapshot(fine.id, T0 + 15 * MINUTE, 'healthy', 0.5),
        // other: data, but not asked about.
        snapshot(other.id, T0 + 15 * MINUTE, 'healthy', 0.9),
      ]);
      const asked = [outage.id, dark.id, never.id, noBudget.id, fine.id];
      const read = async (at: number) =>
        Object.fromEntries(await store.lastKnownStates(asked, new Date(at)));

      expect(await read(T0 + 20 * MINUTE)).toEqual({
        [outage.id]: {
          status: 'exhausted',
          budgetRemaining: -1.413,
          at: iso(T0 + 5 * MINUTE),
        },
        [noBudget.id]: { status: 'exhausted', at: iso(T0 + 5 * MINUTE) },
        [fine.id]: {
          status: 'healthy',
          budgetRemaining: 0.5,
          at: iso(T0 + 15 * MINUTE),
        },
      });
      // As of the exhausted moment itself (`at` is inclusive), then a millisecond before it.
      expect((await read(T0 + 5 * MINUTE))[outage.id]).toEqual({
        status: 'exhausted',
        budgetRemaining: -1.413,
        at: iso(T0 + 5 * MINUTE),
      });
      expect(await read(T0 + 5 * MINUTE - 1)).toEqual({
        [outage.id]: { status: 'healthy', budgetRemaining: 0.8, at: iso(T0) },
      });
      expect(await read(T0 - 1)).toEqual({});
      expect(await store.lastKnownStates([], new Date(T0))).toEqual(new Map());
    },
  );

  it.each(databases.eachSupportedId())(
    'reads 501 SLOs in two statements of 500 and 1, each walking the history index, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { slos: store } = await StewardshipDatabase.forTest(knex);
      const [first, fiveHundredth, last] = await store.createSlos(
        ['first', 'five-hundredth', 'last'].map(checkoutSloSpec),
        'user:default/j',
      );
      await store.saveSnapshots([
        snapshot(first.id, T0, 'at-risk', 0.25),
        snapshot(fiveHundredth.id, T0, 'healthy', 1),
        snapshot(last.id, T0, 'exhausted', -0.5),
        snapshot(last.id, T0 + MINUTE, 'no-data'),
      ]);
      // 498 ids without snapshots between the first and the 500th (the first statement's last);
      // `last` is the 501st, alone in the second statement.
      const missing = Array.from(
        { length: 498 },
        (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      );
      const { result, queries } = await queriesDuring(knex, () =>
        store.lastKnownStates(
          [first.id, ...missing, fiveHundredth.id, last.id],
          new Date(T0 + MINUTE),
        ),
      );
      expect(Object.fromEntries(result)).toEqual({
        [first.id]: { status: 'at-risk', budgetRemaining: 0.25, at: iso(T0) },
        [fiveHundredth.id]: {
          status: 'healthy',
          budgetRemaining: 1,
          at: iso(T0),
        },
        [last.id]: { status: 'exhausted', budgetRemaining: -0.5, at: iso(T0) },
      });
      expect(queries).toHaveLength(2);

      const { sql, bindings } = queries[0];
      const plan = await queryPlan(knex, sql, bindings);
      expect(plan).toContain('slo_snapshots_history_idx');
    },
  );
});
