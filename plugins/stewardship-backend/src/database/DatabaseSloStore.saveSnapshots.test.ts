/*
 * `saveSnapshots`: a run's snapshots in one transaction, all or none, also past one insert batch.
 */
import { SloEvaluation } from '@stewardship/backstage-plugin-stewardship-common';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseSloStore } from './DatabaseSloStore';
import { storedEvaluation } from '../__testUtils__/evaluations';

const databases = createTestDatabases();

function evaluation(sloId: string, at: string): SloEvaluation {
  const slo = {
    id: sloId,
    entityRef: 'component:default/checkout',
    objective: 0.999,
  };
  return storedEvaluation(slo, Date.parse(at), {
    sli: 0.9995,
    remaining: 0.5,
    allowedBad: 10,
    burnRates: [{ window: '1h', burnRate: 0.5 }],
  });
}

/** More than one insert batch (500 rows), so that the transaction has to span batches. */
const RUN_SIZE = 1_201;
const AT = '2026-11-20T12:00:00.000Z';

describe('DatabaseSloStore.saveSnapshots', () => {
  it.each(databases.eachSupportedId())(
    'stores a whole run, or nothing when one row fails (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseSloStore.forTest(knex);
      const ids = Array.from({ length: RUN_SIZE }, (_, i) => `slo-${i}`);

      // The last row breaks NOT NULL (slo_id) after two full batches went in.
      const broken = [
        ...ids.slice(0, -1).map(id => evaluation(id, AT)),
        evaluation(null as unknown as string, AT),
      ];
      // Not `rejects.toThrow()`: a driver's error may come from another Jest realm's `Error`.
      const failure = await store.saveSnapshots(broken).then(
        () => 'stored',
        (error: unknown) => String((error as Error)?.message ?? error),
      );
      expect(failure).toMatch(/null/i);
      const [{ n: afterFailure }] = await knex('slo_snapshots').count({
        n: '*',
      });
      expect(Number(afterFailure)).toBe(0);

      await store.saveSnapshots(ids.map(id => evaluation(id, AT)));
      const [{ n: stored }] = await knex('slo_snapshots').count({ n: '*' });
      expect(Number(stored)).toBe(RUN_SIZE);
      const latest = await store.latestSnapshots(ids, new Date(AT));
      expect(latest.size).toBe(RUN_SIZE);
      expect(latest.get('slo-1200')).toEqual(evaluation('slo-1200', AT));

      await store.saveSnapshots([]);
      const [{ n: unchanged }] = await knex('slo_snapshots').count({ n: '*' });
      expect(Number(unchanged)).toBe(RUN_SIZE);
    },
  );
});
