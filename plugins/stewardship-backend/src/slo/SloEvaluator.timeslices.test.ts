/*
 * Timeslices budgeting with a stub source that answers every slice of the grid it is asked for:
 * which slices a burn-rate window takes, and per-slice counts that cannot be. The slice
 * arithmetic against a real Prometheus is in SloEvaluator.prometheus.test.ts.
 */
import { SloDefinition } from '@stewardship/backstage-plugin-stewardship-common';
import { MetricSource } from '@stewardship/backstage-plugin-stewardship-node';
import { apiSloDefinition } from '../__testUtils__/sloSpecs';
import { sliceGrid } from '../metricSources/sliceGrid';
import { SloEvaluator } from './SloEvaluator';

const at = new Date('2026-11-20T12:00:00Z');
const SLICE_MS = 5 * 60_000;

const slo: SloDefinition = {
  ...apiSloDefinition('prom'),
  budgetingMethod: 'timeslices',
  timeslice: { duration: '5m', target: 0.99 },
};

/** Every slice of the requested grid: 100 events, `countsAt(end)` or all 100 good. */
function sliceSource(
  countsAt: (endMs: number) => { good: number; total: number } | undefined,
): MetricSource {
  return {
    countEvents: () => Promise.reject(new Error('not asked for timeslices')),
    async countEventsPerSlice({ start, end, sliceSeconds }) {
      const grid = sliceGrid('prom', start, end, sliceSeconds);
      const slices = Array.from({ length: grid.count }, (_, k) => {
        const sliceEnd = grid.firstEndMs + k * grid.sliceMs;
        return {
          end: new Date(sliceEnd),
          counts: countsAt(sliceEnd) ?? { good: 100, total: 100 },
        };
      });
      return { slices, issuedQueries: [] };
    },
  };
}

const evaluate = (source: MetricSource) =>
  new SloEvaluator(new Map([['prom', source]]), {
    queryTimeoutMs: 5000,
  }).evaluate(slo, at);

describe('SloEvaluator with timeslices budgeting', () => {
  it("counts a burn window's slices (end − w, end], not the one ending at its start", async () => {
    // The only bad slice ends at 11:00, the 1 h window's start: (10:55, 11:00] is not in
    // (11:00, 12:00]. 1 h: its 12 slices, all good. 2 h: 24 slices, that one bad: 23 / 24.
    const badEnd = at.getTime() - 12 * SLICE_MS;
    const result = await evaluate(
      sliceSource(end =>
        end === badEnd ? { good: 0, total: 100 } : undefined,
      ),
    );
    const countsOf = (window: string) =>
      result.burnRates.find(b => b.window === window)?.counts;
    expect(countsOf('1h')).toEqual({ good: 12, total: 12 });
    expect(countsOf('2h')).toEqual({ good: 23, total: 24 });
  });

  it('takes a negative per-slice count for a source error, not a bad slice', async () => {
    const result = await evaluate(
      sliceSource(end =>
        end === at.getTime() ? { good: -5, total: 100 } : undefined,
      ),
    );
    expect(result).toMatchObject({
      status: 'no-data',
      noDataReason: 'source-error',
    });
    expect(result.reason).toContain('invalid count');
    expect(result.sli).toBeUndefined();
  });
});
