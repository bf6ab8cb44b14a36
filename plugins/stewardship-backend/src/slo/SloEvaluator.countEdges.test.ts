/*
 * Counts at the edges of what a source can answer: bad above total by extrapolation noise,
 * counted intervals shorter than a second, and timeslice windows without a single slice. The
 * stub sources keep the real sources' guards (`windowSeconds`, `sliceGrid`), so a window a real
 * source would refuse is refused here too.
 */
import { SloDefinition } from '@stewardship/backstage-plugin-stewardship-common';
import {
  CountWindow,
  MetricSource,
} from '@stewardship/backstage-plugin-stewardship-node';
import { apiSloDefinition } from '../__testUtils__/sloSpecs';
import { windowSeconds } from '../metricSources/countChecks';
import { sliceGrid } from '../metricSources/sliceGrid';
import { SloEvaluator } from './SloEvaluator';

type Counts = Record<string, number | null>;

/** Answers every window with `countsOf(window)`, refusing one a real source refuses. */
function windowSource(
  countsOf: (window: CountWindow) => Counts,
  asked: CountWindow[] = [],
): MetricSource {
  return {
    async countEvents({ windows }) {
      const counts: Record<string, Counts> = {};
      for (const window of windows) {
        windowSeconds('prom', window);
        asked.push(window);
        counts[window.key] = countsOf(window);
      }
      return { counts, issuedQueries: ['q'] };
    },
    countEventsPerSlice: () =>
      Promise.reject(new Error('not asked for occurrences')),
  };
}

/** Every slice of the requested grid, with `countsAt(end)`. */
function sliceSource(
  countsAt: (endMs: number) => Counts,
  asked: Array<{ start: Date; end: Date }> = [],
): MetricSource {
  return {
    countEvents: () => Promise.reject(new Error('not asked for timeslices')),
    async countEventsPerSlice({ start, end, sliceSeconds }) {
      asked.push({ start, end });
      const grid = sliceGrid('prom', start, end, sliceSeconds);
      const slices = Array.from({ length: grid.count }, (_, k) => {
        const sliceEnd = grid.firstEndMs + k * grid.sliceMs;
        return { end: new Date(sliceEnd), counts: countsAt(sliceEnd) };
      });
      return { slices, issuedQueries: ['q'] };
    },
  };
}

/** `source`, answering a whole-window count with `counts` (and noting the windows asked). */
function withWindowCounts(
  source: MetricSource,
  counts: Counts,
  asked: CountWindow[] = [],
): MetricSource {
  return {
    ...source,
    async countEvents({ windows }) {
      asked.push(...windows);
      return {
        counts: Object.fromEntries(windows.map(w => [w.key, counts])),
        issuedQueries: ['window'],
      };
    },
  };
}

const evaluate = (slo: SloDefinition, source: MetricSource, at: string) =>
  new SloEvaluator(new Map([['prom', source]]), {
    queryTimeoutMs: 5000,
  }).evaluate(slo, new Date(at));

const badSlo: SloDefinition = {
  ...apiSloDefinition('prom'),
  sli: { type: 'ratio', bad: 'errors_total', total: 'all_total' },
  objective: 0.999,
};

describe('SloEvaluator with bad counted above total', () => {
  // The default policies; page-1h: 2 % of a 30-day budget within 1 h, burn rate above 14.4.
  const countsOf = (fiveMinutes: Counts) => (window: CountWindow) =>
    ({
      slo: { bad: 1000, total: 10_000_000 },
      '5m': fiveMinutes,
      // 600 / 36,000 bad over the hour: a burn rate of (1/60) / 0.001 ≈ 16.7 > 14.4.
      '1h': { bad: 600, total: 36_000 },
    }[window.key] ?? { bad: 1, total: 1_000_000 });

  it('counts bad above total by up to 0.1 % as bad = total: every event bad', async () => {
    const result = await evaluate(
      badSlo,
      windowSource(countsOf({ bad: 3000.6, total: 3000 })),
      '2026-11-20T12:00:00Z',
    );
    const fiveMinutes = result.burnRates.find(b => b.window === '5m');
    // All 3,000 events bad: a burn rate of 1 / (1 − objective).
    expect(fiveMinutes?.burnRate).toBeCloseTo(1 / 0.001, 6);
    expect(fiveMinutes?.counts).toEqual({ good: 0, total: 3000 });
    const page1h = result.alerts.find(a => a.policy.longWindow === '1h');
    expect(page1h?.longBurnRate).toBeCloseTo(600 / 36_000 / 0.001, 6);
    expect(page1h?.firing).toBe(true);
    expect(result.status).toBe('at-risk');
    expect(result.explanation.formulas.join('\n')).toContain(
      'counted as bad = total',
    );
  });

  it('still refuses bad above total by more than 0.1 %', async () => {
    // 3,010 of 3,000: 0.33 % over, a broken SLI rather than noise.
    const result = await evaluate(
      badSlo,
      windowSource(countsOf({ bad: 3010, total: 3000 })),
      '2026-11-20T12:00:00Z',
    );
    const fiveMinutes = result.burnRates.find(b => b.window === '5m');
    expect(fiveMinutes?.burnRate).toBeUndefined();
    expect(result.explanation.formulas.join('\n')).toContain(
      'burn rate 5m: unknown (impossible counts: good -10, total 3000 include a negative count)',
    );
    expect(result.alerts.find(a => a.policy.longWindow === '1h')?.firing).toBe(
      false,
    );
  });
});

describe('SloEvaluator with a counted interval shorter than a second', () => {
  const all = (): Counts => ({ good: 100, total: 100 });

  it('counts 300 ms of business hours as no events, not a source failure', async () => {
    const businessHours: SloDefinition = {
      ...apiSloDefinition('prom'),
      schedule: {
        days: ['mon', 'tue', 'wed', 'thu', 'fri'],
        from: '09:00',
        to: '17:00',
        timeZone: 'UTC',
      },
    };
    const asked: CountWindow[] = [];
    // Monday 09:00:00.300: the 5 m window counts only 09:00:00.000–09:00:00.300.
    const result = await evaluate(
      businessHours,
      windowSource(all, asked),
      '2026-11-23T09:00:00.300Z',
    );
    expect(result.status).toBe('healthy');
    expect(result.burnRates.find(b => b.window === '5m')?.counts).toEqual({
      good: 0,
      total: 0,
    });
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every(w => w.end.getTime() - w.start.getTime() >= 1000)).toBe(
      true,
    );
  });

  it('reads a calendar month 200 ms old as no traffic', async () => {
    const monthly: SloDefinition = {
      ...apiSloDefinition('prom'),
      timeWindow: { type: 'calendar', unit: 'month', timeZone: 'UTC' },
    };
    const result = await evaluate(
      monthly,
      windowSource(all),
      '2026-12-01T00:00:00.200Z',
    );
    expect(result).toMatchObject({
      status: 'no-data',
      noDataReason: 'no-traffic',
    });
  });
});

describe('SloEvaluator with timeslices and no slice in the SLO window', () => {
  const monthly: SloDefinition = {
    ...apiSloDefinition('prom'),
    timeWindow: { type: 'calendar', unit: 'month', timeZone: 'UTC' },
    budgetingMethod: 'timeslices',
    timeslice: { duration: '1h', target: 0.99 },
  };
  const all = () => ({ good: 100, total: 100 });

  it('reads a month 30 minutes old with 1 h slices as no traffic, not a broken SLI', async () => {
    const result = await evaluate(
      monthly,
      sliceSource(all),
      '2026-12-01T00:30:00Z',
    );
    expect(result).toMatchObject({
      status: 'no-data',
      noDataReason: 'no-traffic',
    });
  });

  it('reads a business-hours month on its first Saturday as outside the schedule, as occurrences do', async () => {
    const schedule = {
      days: ['mon', 'tue', 'wed', 'thu', 'fri'] as const,
      from: '09:00',
      to: '17:00',
      timeZone: 'UTC',
    };
    // 2026-08-01 is a Saturday: nothing of the month is counted yet.
    const at = '2026-08-01T12:00:00Z';
    const slices = await evaluate(
      {
        ...monthly,
        schedule: { ...schedule, days: [...schedule.days] },
        timeslice: { duration: '5m', target: 0.99 },
      },
      sliceSource(all),
      at,
    );
    const occurrences = await evaluate(
      {
        ...monthly,
        budgetingMethod: 'occurrences',
        timeslice: undefined,
        schedule: { ...schedule, days: [...schedule.days] },
      },
      windowSource(all),
      at,
    );
    // Nothing of (1 Aug 00:00, 1 Aug 12:00] is in the schedule: excluded time, not a quiet service.
    expect(occurrences).toMatchObject({ noDataReason: 'excluded' });
    expect(slices).toMatchObject({
      status: 'no-data',
      noDataReason: 'excluded',
      reason:
        "the whole SLO window lies outside the SLO's schedule (mon, tue, wed, thu, fri 09:00–17:00 UTC), so there is nothing to judge until its next scheduled hours",
    });
  });

  it('still reads slices that all have no series as a broken SLI', async () => {
    const result = await evaluate(
      monthly,
      withWindowCounts(
        sliceSource(() => ({ good: null, total: null })),
        { good: null, total: null },
      ),
      '2026-12-01T05:30:00Z',
    );
    expect(result).toMatchObject({
      status: 'no-data',
      noDataReason: 'no-series',
    });
  });

  it('reads no slice counted while the queries match series as slices too short, not a broken SLI', async () => {
    // What Prometheus answers for slices no longer than the scrape interval: no slice at all.
    const asked: CountWindow[] = [];
    const result = await evaluate(
      monthly,
      withWindowCounts(
        {
          ...sliceSource(() => ({ good: null, total: null })),
          countEventsPerSlice: async () => ({
            slices: [],
            issuedQueries: ['slices'],
          }),
        },
        { good: 5000, total: 5000 },
        asked,
      ),
      '2026-12-01T05:30:00Z',
    );
    expect(result).toMatchObject({
      status: 'no-data',
      noDataReason: 'slices-too-short',
      reason:
        "no 1h slice held the two samples a count needs, though the queries match series in the SLO window: make slices at least twice as long as the metric's scrape interval",
    });
    expect(result.sli).toBeUndefined();
    // The one further query covers the SLO window, the month so far; the explanation lists it.
    expect(asked).toEqual([
      {
        key: 'slo',
        start: new Date('2026-12-01T00:00:00Z'),
        end: new Date('2026-12-01T05:30:00Z'),
      },
    ]);
    expect(result.explanation.queries).toEqual(['slices', 'window']);
  });

  it('asks nothing further when a slice was counted', async () => {
    const asked: CountWindow[] = [];
    // Only the slice ending 04:30 answers: the queries work and the slices are long enough.
    const result = await evaluate(
      monthly,
      withWindowCounts(
        sliceSource(end =>
          end === Date.parse('2026-12-01T04:30:00Z')
            ? { good: 100, total: 100 }
            : { good: null, total: null },
        ),
        { good: 5000, total: 5000 },
        asked,
      ),
      '2026-12-01T05:30:00Z',
    );
    expect(result.counts).toEqual({ good: 1, total: 1 });
    expect(asked).toEqual([]);
  });
});

describe('SloEvaluator with timeslices and burn windows longer than the SLO window so far', () => {
  it('counts the slices of a burn window from before the calendar month began', async () => {
    const monthly: SloDefinition = {
      ...apiSloDefinition('prom'),
      objective: 0.99,
      timeWindow: { type: 'calendar', unit: 'month', timeZone: 'UTC' },
      budgetingMethod: 'timeslices',
      timeslice: { duration: '5m', target: 0.99 },
    };
    const monthStart = Date.parse('2026-12-01T00:00:00Z');
    // Every slice ending by the month's start is bad; every one after it good.
    const result = await evaluate(
      monthly,
      sliceSource(end =>
        end <= monthStart ? { good: 0, total: 100 } : { good: 100, total: 100 },
      ),
      '2026-12-01T06:00:00Z',
    );
    const burn = (window: string) =>
      result.burnRates.find(b => b.window === window);
    // 1 d: 288 slices of 5 m, the 216 of the 18 h before the month bad.
    expect(burn('1d')?.counts).toEqual({ good: 72, total: 288 });
    expect(burn('1d')?.burnRate).toBeCloseTo(216 / 288 / 0.01, 9);
    // The SLO window still counts the month's own 72 slices, all good.
    expect(result.counts).toEqual({ good: 72, total: 72 });
    // 6 h: exactly the month so far.
    expect(burn('6h')?.counts).toEqual({ good: 72, total: 72 });
  });

  it('counts a burn window before the month only in counted time, with business hours', async () => {
    const monthly: SloDefinition = {
      ...apiSloDefinition('prom'),
      objective: 0.99,
      timeWindow: { type: 'calendar', unit: 'month', timeZone: 'UTC' },
      budgetingMethod: 'timeslices',
      timeslice: { duration: '1h', target: 0.99 },
      schedule: {
        days: ['mon', 'tue', 'wed', 'thu', 'fri'],
        from: '09:00',
        to: '17:00',
        timeZone: 'UTC',
      },
    };
    // Tuesday 1 December 12:00: the month counted 09:00–12:00 (3 slices, good); its 1 d window
    // reaches back to Monday 12:00 and counts Monday 12:00–17:00 (5 slices, all bad).
    const monthStart = Date.parse('2026-12-01T00:00:00Z');
    const result = await evaluate(
      monthly,
      sliceSource(end =>
        end <= monthStart ? { good: 0, total: 100 } : { good: 100, total: 100 },
      ),
      '2026-12-01T12:00:00Z',
    );
    expect(result.counts).toEqual({ good: 3, total: 3 });
    expect(result.burnRates.find(b => b.window === '1d')?.counts).toEqual({
      good: 3,
      total: 8,
    });
  });
});
