/*
 * What "the SLO window ending when the incident ends" is for a rolling and for a calendar SLO,
 * with a stand-in source whose counts are worked out by hand: 100 requests a minute at all times,
 * 10 of them failing (10 %) during the incident. (The arithmetic against a real Prometheus is in
 * IncidentBudgetCalculator.prometheus.test.ts.)
 */
import {
  Incident,
  SloDefinition,
} from '@stewardship/backstage-plugin-stewardship-common';
import {
  EventCountsRequest,
  MetricSource,
} from '@stewardship/backstage-plugin-stewardship-node';
import { IncidentBudgetCalculator } from './IncidentBudgetCalculator';

const MINUTE = 60_000;
const PER_MINUTE = 100;
const BAD_PER_MINUTE = 10;

/** Counts over each window `(start, end]`: 100 a minute, 10 of them bad while `failing`. */
function steadySource(failing: { start: Date; end: Date }): MetricSource {
  return {
    async countEvents({ queries, windows }: EventCountsRequest) {
      const counts: Record<string, Record<string, number>> = {};
      for (const { key, start, end } of windows) {
        const total = ((end.getTime() - start.getTime()) / MINUTE) * PER_MINUTE;
        const overlap = Math.max(
          0,
          Math.min(end.getTime(), failing.end.getTime()) -
            Math.max(start.getTime(), failing.start.getTime()),
        );
        const bad = (overlap / MINUTE) * BAD_PER_MINUTE;
        counts[key] = Object.fromEntries(
          Object.keys(queries).map(name => [
            name,
            { good: total - bad, bad, total }[name]!,
          ]),
        );
      }
      return { counts, issuedQueries: Object.values(queries) };
    },
    countEventsPerSlice: () => Promise.reject(new Error('not asked here')),
  };
}

const slo = (timeWindow: SloDefinition['timeWindow']): SloDefinition => ({
  id: 'slo-1',
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  entityRef: 'component:default/checkout',
  name: 'availability',
  sli: { type: 'ratio', good: 'req_total{code="200"}', total: 'req_total' },
  objective: 0.999,
  timeWindow,
  budgetingMethod: 'occurrences',
  metricSource: 'steady',
  alertPolicies: [],
  labels: {},
});

const incident = (startedAt: string, resolvedAt: string): Incident => ({
  id: 'i-1',
  version: 1,
  entityRef: 'component:default/checkout',
  affectedEntityRefs: [],
  title: 'Checkout 500s',
  severity: 'SEV2',
  status: 'resolved',
  statusChangedAt: resolvedAt,
  startedAt,
  detectedAt: startedAt,
  resolvedAt,
  affectedSloIds: ['slo-1'],
  fireDrill: false,
  source: 'manual',
  createdAt: startedAt,
  updatedAt: resolvedAt,
});

async function impactOf(
  timeWindow: SloDefinition['timeWindow'],
  startedAt: string,
  resolvedAt: string,
  until?: string,
) {
  const calculator = new IncidentBudgetCalculator({
    sources: new Map([
      [
        'steady',
        steadySource({ start: new Date(startedAt), end: new Date(resolvedAt) }),
      ],
    ]),
    slos: { getSlo: async () => slo(timeWindow) },
    queryTimeoutMs: 1000,
    now: () => new Date('2027-01-01T00:00:00Z'),
  });
  const [impact] = await calculator.impacts(incident(startedAt, resolvedAt), {
    until: until === undefined ? undefined : new Date(until),
  });
  return impact;
}

const calendarMonth = {
  type: 'calendar',
  unit: 'month',
  timeZone: 'UTC',
} as const;

describe('IncidentBudgetCalculator windows', () => {
  it('measures a rolling SLO against its whole rolling window ending with the incident', async () => {
    const impact = await impactOf(
      { type: 'rolling', duration: '30d' },
      '2026-12-01T00:30:00.000Z',
      '2026-12-01T01:00:00.000Z',
    );
    // Bad: 30 min × 10 = 300. The 30 days ending at 01:00 hold 30 × 1,440 min × 100 = 4,320,000
    // events and allow 0.001 × 4,320,000 = 4,320 bad: 300 ÷ 4,320 = 6.944… %.
    expect(impact).toMatchObject({
      status: 'computed',
      badEvents: 300,
      sloWindow: {
        start: '2026-11-01T01:00:00.000Z',
        end: '2026-12-01T01:00:00.000Z',
      },
    });
    expect(impact.allowedBadEvents).toBeCloseTo(4_320, 6);
    expect(impact.consumedPercent).toBeCloseTo(6.944444, 5);
  });

  it('measures a calendar SLO against its month so far: early in the month a short incident costs many budgets', async () => {
    const impact = await impactOf(
      calendarMonth,
      '2026-12-01T00:30:00.000Z',
      '2026-12-01T01:00:00.000Z',
    );
    // Bad: 300 as above. The window is 1 Dec 00:00 to 01:00 (the month to the incident's end):
    // 60 min × 100 = 6,000 events allowing 0.001 × 6,000 = 6 bad: 300 ÷ 6 = 5,000 %.
    expect(impact).toMatchObject({
      status: 'computed',
      badEvents: 300,
      sloWindow: {
        start: '2026-12-01T00:00:00.000Z',
        end: '2026-12-01T01:00:00.000Z',
      },
    });
    expect(impact.allowedBadEvents).toBeCloseTo(6, 9);
    expect(impact.consumedPercent).toBeCloseTo(5_000, 6);
  });

  it('measures the same incident at the end of a month against nearly the whole month', async () => {
    const impact = await impactOf(
      calendarMonth,
      '2026-11-30T23:00:00.000Z',
      '2026-11-30T23:30:00.000Z',
    );
    // The window is 1 Nov 00:00 to 30 Nov 23:30: 29 × 1,440 + 1,410 = 43,170 min × 100 =
    // 4,317,000 events allowing 4,317 bad: 300 ÷ 4,317 = 6.9493… %.
    expect(impact.sloWindow).toEqual({
      start: '2026-11-01T00:00:00.000Z',
      end: '2026-11-30T23:30:00.000Z',
    });
    expect(impact.allowedBadEvents).toBeCloseTo(4_317, 6);
    expect(impact.consumedPercent).toBeCloseTo(6.94927, 5);
  });

  it('counts only the part of an incident inside the month it ends in, when it began in the month before', async () => {
    const impact = await impactOf(
      calendarMonth,
      '2026-11-30T23:45:00.000Z',
      '2026-12-01T00:15:00.000Z',
    );
    // 30 min × 10 = 300 bad, 150 of them in November, which December's budget does not pay for.
    // The window is 1 Dec 00:00 to 00:15: 15 min × 100 = 1,500 events allowing 1.5 bad; the
    // incident's 15 minutes in it: 150 bad. 150 ÷ 1.5 = 10,000 %.
    expect(impact).toMatchObject({
      badEvents: 150,
      incidentWindow: {
        start: '2026-12-01T00:00:00.000Z',
        end: '2026-12-01T00:15:00.000Z',
      },
      sloWindow: {
        start: '2026-12-01T00:00:00.000Z',
        end: '2026-12-01T00:15:00.000Z',
      },
    });
    expect(impact.allowedBadEvents).toBeCloseTo(1.5, 9);
    expect(impact.consumedPercent).toBeCloseTo(10_000, 5);
  });

  it('counts only the part of an incident longer than a rolling window inside it', async () => {
    // 40 days of incident against a 30-day window: the first 10 days are outside the window.
    const impact = await impactOf(
      { type: 'rolling', duration: '30d' },
      '2026-10-22T00:00:00.000Z',
      '2026-12-01T00:00:00.000Z',
    );
    // The window is the 30 days before 1 Dec: 30 × 1,440 min × 100 = 4,320,000 events, allowing
    // 4,320 bad; the incident inside it: 30 × 1,440 min × 10 = 432,000 bad, 10,000 %.
    expect(impact).toMatchObject({
      badEvents: 432_000,
      incidentWindow: {
        start: '2026-11-01T00:00:00.000Z',
        end: '2026-12-01T00:00:00.000Z',
      },
    });
    expect(impact.allowedBadEvents).toBeCloseTo(4_320, 6);
    expect(impact.consumedPercent).toBeCloseTo(10_000, 5);
  });
});

describe('IncidentBudgetCalculator up to a moment (as of a past moment)', () => {
  it('counts the incident up to the moment, against the window ending then', async () => {
    const impact = await impactOf(
      { type: 'rolling', duration: '30d' },
      '2026-12-01T00:30:00.000Z',
      '2026-12-01T01:00:00.000Z',
      '2026-12-01T00:45:00.000Z',
    );
    // Bad up to 00:45: 15 min × 10 = 150, of the 4,320 the 30 days ending at 00:45 allow
    // (30 × 1,440 min × 100 × 0.001): 150 ÷ 4,320 = 3.472… %.
    expect(impact).toMatchObject({
      status: 'computed',
      badEvents: 150,
      incidentWindow: {
        start: '2026-12-01T00:30:00.000Z',
        end: '2026-12-01T00:45:00.000Z',
      },
      sloWindow: {
        start: '2026-11-01T00:45:00.000Z',
        end: '2026-12-01T00:45:00.000Z',
      },
    });
    expect(impact.consumedPercent).toBeCloseTo((150 / 4_320) * 100, 6);
  });

  it('counts the whole incident when it ended before the moment', async () => {
    const whole = await impactOf(
      { type: 'rolling', duration: '30d' },
      '2026-12-01T00:30:00.000Z',
      '2026-12-01T01:00:00.000Z',
    );
    const later = await impactOf(
      { type: 'rolling', duration: '30d' },
      '2026-12-01T00:30:00.000Z',
      '2026-12-01T01:00:00.000Z',
      '2026-12-01T02:00:00.000Z',
    );
    expect(later).toMatchObject({
      badEvents: 300,
      incidentWindow: { end: '2026-12-01T01:00:00.000Z' },
    });
    expect(later.consumedPercent).toBe(whole.consumedPercent);
  });
});

describe('IncidentBudgetCalculator counts', () => {
  const HOUR_SLO = { type: 'rolling', duration: '1h' } as const;
  const calculatorWith = (source: MetricSource, definition: SloDefinition) =>
    new IncidentBudgetCalculator({
      sources: new Map([['steady', source]]),
      slos: { getSlo: async () => definition },
      queryTimeoutMs: 1000,
      now: () => new Date('2027-01-01T00:00:00Z'),
    });

  it('counts a bad-events query without series as 0 bad, not as no data', async () => {
    // SLI bad / total; the bad query matched nothing (null) in both windows: 0 bad of 6,000 in
    // the incident, 0 ÷ (0.001 × 6,000) = 0 %.
    const source: MetricSource = {
      async countEvents({ windows }: EventCountsRequest) {
        return {
          counts: Object.fromEntries(
            windows.map(w => [w.key, { bad: null, total: 6_000 }]),
          ),
          issuedQueries: [],
        };
      },
      countEventsPerSlice: () => Promise.reject(new Error('not asked here')),
    };
    const [impact] = await calculatorWith(source, {
      ...slo(HOUR_SLO),
      sli: { type: 'ratio', bad: 'req_total{code="500"}', total: 'req_total' },
    }).impacts(
      incident('2026-12-01T00:30:00.000Z', '2026-12-01T00:40:00.000Z'),
    );
    expect(impact).toMatchObject({
      status: 'computed',
      badEvents: 0,
      consumedPercent: 0,
    });
  });

  it('counts the bad time slices overlapping the incident, not the one ending as it starts', async () => {
    // 5-minute slices of the hour ending 00:40: (23:40, 23:45] … (00:35, 00:40], 12 with
    // traffic. Bad (good 0 of 100): those ending 00:30, 00:35 and 00:40; good: the other 9.
    // The incident (00:30, 00:40] overlaps the slices ending 00:35 and 00:40 only: (00:25, 00:30]
    // ended as it started. Bad 2; allowed (1 − 0.9) × 12 = 1.2; consumed 2 ÷ 1.2 = 166.67 %.
    const end = Date.parse('2026-12-01T00:40:00.000Z');
    const badEnds = new Set([end - 10 * MINUTE, end - 5 * MINUTE, end]);
    const source: MetricSource = {
      countEvents: () => Promise.reject(new Error('not asked here')),
      async countEventsPerSlice() {
        const slices = Array.from({ length: 12 }, (_, k) => {
          const sliceEnd = end - (11 - k) * 5 * MINUTE;
          return {
            end: new Date(sliceEnd),
            counts: { good: badEnds.has(sliceEnd) ? 0 : 100, total: 100 },
          };
        });
        return { slices, issuedQueries: [] };
      },
    };
    const [impact] = await calculatorWith(source, {
      ...slo(HOUR_SLO),
      objective: 0.9,
      budgetingMethod: 'timeslices',
      timeslice: { duration: '5m', target: 0.99 },
    }).impacts(
      incident('2026-12-01T00:30:00.000Z', '2026-12-01T00:40:00.000Z'),
    );
    expect(impact).toMatchObject({ status: 'computed', badEvents: 2 });
    expect(impact.allowedBadEvents).toBeCloseTo(1.2, 12);
    expect(impact.consumedPercent).toBeCloseTo(166.666667, 5);
    // In slices, not events, with what makes a slice bad (2 ÷ 1.2 = 166.6666667 to 10 digits).
    expect(impact.formula).toBe(
      'consumed = bad slices overlapping the incident ÷ ((1 − objective) × slices with traffic in the SLO window) = ' +
        '2 ÷ ((1 − 0.9) × 12) = 166.6666667 %; counting 5m slices, a slice is bad when its good / total < 0.99',
    );
  });
});

describe('IncidentBudgetCalculator with a bad/total SLI', () => {
  /** Every window: `bad` of 3,000 events during the incident, 1 bad in 1,000,000 for the SLO window. */
  const badSource = (incidentBad: number): MetricSource => ({
    async countEvents({ windows }: EventCountsRequest) {
      const counts: Record<string, Record<string, number>> = {};
      for (const { key } of windows) {
        counts[key] =
          key === 'incident'
            ? { bad: incidentBad, total: 3000 }
            : { bad: 1, total: 1_000_000 };
      }
      return { counts, issuedQueries: [] };
    },
    countEventsPerSlice: () => Promise.reject(new Error('not asked here')),
  });

  const impactWith = (incidentBad: number) =>
    new IncidentBudgetCalculator({
      sources: new Map([['steady', badSource(incidentBad)]]),
      slos: {
        getSlo: async () => ({
          ...slo({ type: 'rolling', duration: '30d' }),
          sli: {
            type: 'ratio',
            bad: 'req_total{code="500"}',
            total: 'req_total',
          },
        }),
      },
      queryTimeoutMs: 1000,
      now: () => new Date('2027-01-01T00:00:00Z'),
    })
      .impacts(incident('2026-12-01T00:30:00.000Z', '2026-12-01T00:35:00.000Z'))
      .then(([impact]) => impact);

  it('counts bad above total by extrapolation noise (0.02 %) as every event bad', async () => {
    const impact = await impactWith(3000.6);
    // 3,000 bad against 0.001 × 1,000,000 = 1,000 allowed: 300 %.
    expect(impact).toMatchObject({ status: 'computed', badEvents: 3000 });
    expect(impact.consumedPercent).toBeCloseTo(300, 6);
  });

  it('still answers no-data for bad above total by more (0.33 %)', async () => {
    const impact = await impactWith(3010);
    expect(impact.status).toBe('no-data');
  });
});
