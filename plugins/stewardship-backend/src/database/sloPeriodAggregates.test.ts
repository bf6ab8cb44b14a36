/*
 * The planning review's per-SLO read: one grouped query over the snapshots of a period, checked
 * against hand-worked figures and against the common package's reference (aggregateSloSnapshots)
 * over the same snapshots.
 */
import {
  SloEvaluation,
  aggregateSloSnapshots,
} from '@stewardship/backstage-plugin-stewardship-common';
import { checkoutSloSpec } from '../__testUtils__/sloSpecs';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { StewardshipDatabase } from './StewardshipDatabase';
import { storedEvaluation } from '../__testUtils__/evaluations';

const databases = createTestDatabases();

const spec = checkoutSloSpec;

const T0 = Date.parse('2026-11-01T00:00:00Z');
const HOUR = 3_600_000;

function snapshot(
  sloId: string,
  at: number,
  remaining?: number,
  burn?: number,
): SloEvaluation {
  const slo = {
    id: sloId,
    entityRef: 'component:default/checkout',
    objective: 0.999,
  };
  return storedEvaluation(slo, at, {
    status: remaining === undefined ? 'no-data' : 'healthy',
    remaining,
    allowedBad: 1,
    burnRates: burn === undefined ? [] : [{ window: '1h', burnRate: burn }],
  });
}

describe('sloPeriodAggregates', () => {
  it.each(databases.eachSupportedId())(
    'aggregates each SLO over [from, to] in one read, %p',
    async databaseId => {
      const db = await StewardshipDatabase.forTest(
        await databases.init(databaseId),
      );
      const [a, b, c] = await db.slos.createSlos(
        [spec('a'), spec('b'), spec('c')],
        'test',
      );
      const from = new Date(T0);
      const to = new Date(T0 + 10 * HOUR);
      const stored = [
        snapshot(a.id, T0 - HOUR, -1, 99), // before the period
        snapshot(a.id, T0, 0.5, 1), // on `from`: in
        snapshot(a.id, T0 + HOUR, 0, 3.25), // 0 meets
        snapshot(a.id, T0 + 2 * HOUR, -0.2, 2),
        snapshot(a.id, T0 + 3 * HOUR), // no data: in neither count
        snapshot(a.id, T0 + 10 * HOUR, 0.1), // on `to`: in
        snapshot(a.id, T0 + 11 * HOUR, -1, 50), // after
        snapshot(b.id, T0 + HOUR), // only no data
        snapshot(c.id, T0 + 11 * HOUR, 0.9, 1), // only after
      ];
      await db.slos.saveSnapshots(stored);

      const aggregates = await db.slos.sloPeriodAggregates([a.id, b.id, c.id], {
        from,
        to,
      });
      // a: 4 with a budget in the period (0.5, 0, −0.2, 0.1), 3 of them ≥ 0; worst burn 3.25.
      expect(aggregates.get(a.id)).toEqual({
        evaluated: 4,
        meeting: 3,
        worstBurnRate1h: 3.25,
      });
      expect(aggregates.get(b.id)).toEqual({ evaluated: 0, meeting: 0 });
      expect(aggregates.has(c.id)).toBe(false);

      // The same as the common reference over the same points.
      for (const slo of [a, b]) {
        const points = stored
          .filter(s => s.sloId === slo.id)
          .map(s => ({
            at: s.at,
            budgetRemaining: s.errorBudget?.remaining,
            burnRate1h: s.burnRates[0]?.burnRate,
          }));
        expect(aggregates.get(slo.id)).toEqual(
          aggregateSloSnapshots(points, { from, to }),
        );
      }
    },
  );
});
