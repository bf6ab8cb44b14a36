/*
 * The SLO engine end to end against a real Prometheus: the test generates 35 days of per-minute
 * counters (with a counter reset and a fresh incident), backfills them with promtool, evaluates
 * SLOs of every kind through the real PrometheusMetricSource, and compares the engine's numbers
 * with figures computed here, independently, from the generated events.
 *
 * Evaluation moments sit on sample timestamps, where Prometheus 2.x's inclusive range selector
 * makes increase() exact: events of the minutes in (at − W, at].
 */
import { ConfigReader } from '@backstage/config';
import {
  SloDefinition,
  SloEvaluation,
} from '@stewardship/backstage-plugin-stewardship-common';
import { PrometheusMetricSource } from '../metricSources';
import {
  OpenMetricsSeries,
  TestPrometheus,
  startPrometheus,
  writeOpenMetrics,
} from '../__testUtils__/prometheus';
import { SloEvaluator } from './SloEvaluator';

const MIN = 60;
const AT = Date.parse('2026-11-20T12:00:00Z') / 1000;
const START = AT - 35 * 86400;
const RESET = AT - 12 * 86400 + 17 * MIN; // a restart: counters begin again from zero
const INCIDENT = AT - 90 * MIN; // 20 % errors from here on

/** Events of the minute ending at t, a pure function so expectations are easy to recompute. */
function minute(t: number) {
  const i = (t - START) / MIN;
  const total = 100 + ((i * 37) % 50);
  let bad = 0;
  if (t > INCIDENT) bad = Math.round(total * 0.2);
  else if (i % 97 === 0) bad = 7;
  else if (i % 13 === 0) bad = 1;
  const fast = total - (i % 11 === 0 ? 12 : 3); // under 300 ms
  return { total, bad, fast };
}

const minutes: number[] = [];
for (let t = START + MIN; t <= AT; t += MIN) minutes.push(t);

/** Independent sums over (from, to]. */
function sum(
  from: number,
  to: number,
  pick: (m: ReturnType<typeof minute>) => number,
) {
  let s = 0;
  for (const t of minutes) if (t > from && t <= to) s += pick(minute(t));
  return s;
}

function history(): OpenMetricsSeries[] {
  const series = (
    name: string,
    labels: Record<string, string>,
    pick: (m: ReturnType<typeof minute>) => number,
  ) => {
    const samples: Array<[number, number]> = [[START, 0]];
    let value = 0;
    for (const t of minutes) {
      if (t === RESET) value = 0;
      value += pick(minute(t));
      samples.push([t, value]);
    }
    return { name, labels, samples };
  };
  const quiet = (name: string, labels: Record<string, string>) => ({
    name,
    labels,
    samples: [START, ...minutes].map(t => [t, 5] as [number, number]),
  });
  return [
    series(
      'http_requests_total',
      { job: 'api', code: '200' },
      m => m.total - m.bad,
    ),
    series('http_requests_total', { job: 'api', code: '500' }, m => m.bad),
    series(
      'http_request_duration_seconds_bucket',
      { job: 'api', le: '0.3' },
      m => m.fast,
    ),
    series('http_request_duration_seconds_count', { job: 'api' }, m => m.total),
    quiet('http_requests_total', { job: 'quiet', code: '200' }),
  ];
}

const base: Omit<SloDefinition, 'name' | 'sli'> = {
  id: 'slo-1',
  version: 3,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  entityRef: 'component:default/api',
  objective: 0.99,
  timeWindow: { type: 'rolling', duration: '30d' },
  budgetingMethod: 'occurrences',
  metricSource: 'prom',
  alertPolicies: [],
  labels: {},
};

const availability = {
  type: 'ratio' as const,
  good: 'http_requests_total{job="api",code!~"5.."}',
  total: 'http_requests_total{job="api"}',
};

/** The explanation's queries per window, read back from its indexes into `queries`. */
function queriesOf({ explanation }: SloEvaluation) {
  const byWindow = explanation.queryIndexesByWindow;
  const texts = (indexes: number[]) => indexes.map(i => explanation.queries[i]);
  return (
    byWindow && {
      sloWindow: texts(byWindow.sloWindow),
      burnRates: Object.fromEntries(
        Object.entries(byWindow.burnRates).map(([w, i]) => [w, texts(i)]),
      ),
    }
  );
}

describe('SloEvaluator against a real Prometheus', () => {
  let prometheus: TestPrometheus;
  let evaluator: SloEvaluator;
  const at = new Date(AT * 1000);

  beforeAll(async () => {
    prometheus = await startPrometheus({
      openMetrics: writeOpenMetrics(history()),
    });
    const source = PrometheusMetricSource.fromConfig(
      new ConfigReader({ baseUrl: prometheus.url, timeout: '10s' }),
      { name: 'prom' },
    );
    evaluator = new SloEvaluator(new Map([['prom', source]]), {
      queryTimeoutMs: 15_000,
    });
  }, 120_000);

  afterAll(async () => {
    await prometheus?.stop();
  });

  it('computes SLI, budget, burn rates and alerts from the events, across a counter reset', async () => {
    const result = await evaluator.evaluate(
      { ...base, name: 'availability', sli: availability },
      at,
    );

    const total = sum(AT - 30 * 86400, AT, m => m.total);
    const bad = sum(AT - 30 * 86400, AT, m => m.bad);
    const sli = (total - bad) / total;
    expect(result.counts).toEqual({ good: total - bad, total });
    expect(result.sli).toBeCloseTo(sli, 12);
    expect(result.errorBudget!.remaining).toBeCloseTo(1 - (1 - sli) / 0.01, 10);
    expect(result.errorBudget!.bad).toBe(bad);

    const burn = (seconds: number) =>
      sum(AT - seconds, AT, m => m.bad) /
      sum(AT - seconds, AT, m => m.total) /
      0.01;
    const byWindow = Object.fromEntries(
      result.burnRates.map(b => [b.window, b.burnRate]),
    );
    expect(Object.keys(byWindow)).toEqual([
      '5m',
      '30m',
      '1h',
      '2h',
      '6h',
      '1d',
      '3d',
    ]);
    for (const [window, seconds] of [
      ['5m', 300],
      ['30m', 1800],
      ['1h', 3600],
      ['2h', 7200],
      ['6h', 21600],
      ['1d', 86400],
      ['3d', 259200],
    ] as const) {
      expect(byWindow[window]).toBeCloseTo(burn(seconds), 10);
    }
    // The incident burns ~20× in the last 90 minutes: the fast page fires, the 6 h one does not
    // (diluted to ~5.x), and neither does the 3 d ticket.
    expect(burn(3600)).toBeGreaterThan(14.4);
    expect(burn(21600)).toBeLessThan(6);
    const firing = Object.fromEntries(
      result.alerts.map(a => [a.policy.name, a.firing]),
    );
    expect(Object.values(firing)).toEqual([
      true,
      false,
      burn(259200) > 1 && burn(21600) > 1,
    ]);
    expect(result.status).toBe('at-risk');
    // Time to exhaustion of a rolling window = remaining × period ÷ (burn rate over 1 h − 1 +
    // remaining), from the figures above: remaining = 1 − (1 − SLI) ÷ (1 − 0.99), period = 30 d
    // = 2 592 000 s (the burn rate is above 1, so the budget runs out).
    const remaining = 1 - (1 - sli) / 0.01;
    expect(remaining).toBeGreaterThan(0); // else the time would be 0
    expect(result.errorBudget!.secondsToExhaustion).toBeCloseTo(
      (remaining * 2_592_000) / (burn(3600) - 1 + remaining),
      3,
    );
    expect(result.explanation.queries.join('\n')).toContain(
      'increase(http_requests_total{job="api"}[2592000s])',
    );
    // Each figure's queries: the SLO window's for the SLI, each burn window's for its rate.
    const promql = (seconds: number) => [
      `sum(increase(${availability.good}[${seconds}s]))`,
      `sum(increase(${availability.total}[${seconds}s]))`,
    ];
    expect(queriesOf(result)).toEqual({
      sloWindow: promql(2592000),
      burnRates: {
        '5m': promql(300),
        '30m': promql(1800),
        '1h': promql(3600),
        '2h': promql(7200),
        '6h': promql(21600),
        '1d': promql(86400),
        '3d': promql(259200),
      },
    });
    expect(result.explanation.queries).toEqual(
      [2592000, 300, 1800, 3600, 7200, 21600, 86400, 259200].flatMap(promql),
    );
  });

  it('reads bad-event queries and {{.window}} expressions the same way', async () => {
    const good = await evaluator.evaluate(
      { ...base, name: 'a', sli: availability },
      at,
    );
    const bad = await evaluator.evaluate(
      {
        ...base,
        name: 'b',
        sli: {
          type: 'ratio',
          bad: 'sum(increase(http_requests_total{job="api",code=~"5.."}[{{.window}}]))',
          total: 'sum(increase(http_requests_total{job="api"}[{{.window}}]))',
        },
      },
      at,
    );
    expect(bad.counts).toEqual(good.counts);
    expect(bad.burnRates).toEqual(good.burnRates);
    // The explanation says good was derived from the bad count, before the SLI that uses it;
    // the good/total SLI's queries count good, so it writes no such line.
    const total = sum(AT - 30 * 86400, AT, m => m.total);
    const badEvents = sum(AT - 30 * 86400, AT, m => m.bad);
    const { formulas } = bad.explanation;
    const derived = formulas.indexOf(
      `good = total − bad = ${total} − ${badEvents} = ${total - badEvents}`,
    );
    expect(derived).toBeGreaterThan(-1);
    expect(formulas[derived + 1]).toMatch(
      new RegExp(`^SLI = good / total = ${total - badEvents} / ${total} = `),
    );
    expect(
      good.explanation.formulas.filter(f => f.startsWith('good =')),
    ).toEqual([]);
  });

  it('measures a latency threshold from the histogram', async () => {
    const result = await evaluator.evaluate(
      {
        ...base,
        name: 'latency',
        objective: 0.95,
        timeWindow: { type: 'rolling', duration: '7d' },
        sli: {
          type: 'latency',
          thresholdSeconds: 0.3,
          good: 'http_request_duration_seconds_bucket{job="api",le="0.3"}',
          total: 'http_request_duration_seconds_count{job="api"}',
        },
      },
      at,
    );
    const total = sum(AT - 7 * 86400, AT, m => m.total);
    const fast = sum(AT - 7 * 86400, AT, m => m.fast);
    expect(result.counts).toEqual({ good: fast, total });
    expect(result.errorBudget!.remaining).toBeCloseTo(
      1 - (1 - fast / total) / 0.05,
      10,
    );
    // ~3 % slow against a 5 % budget is a steady burn of ~0.6: for a 7-day period the pages
    // (thresholds 3.36 and 1.4) stay quiet, but 10 % of the budget within 3 days (threshold
    // 0.1 × 7 / 3 ≈ 0.233) is exceeded, so the ticket fires.
    const burn3d =
      (1 -
        sum(AT - 3 * 86400, AT, m => m.fast) /
          sum(AT - 3 * 86400, AT, m => m.total)) /
      0.05;
    expect(burn3d).toBeGreaterThan(0.5);
    expect(burn3d).toBeLessThan(1.4);
    expect(
      result.alerts.map(a => [a.policy.name, a.policy.burnRate, a.firing]),
    ).toEqual([
      ['page-1h', expect.closeTo(3.36, 10), false],
      ['page-6h', expect.closeTo(1.4, 10), false],
      ['ticket-3d', expect.closeTo(0.7 / 3, 10), true],
    ]);
    expect(result.status).toBe('at-risk');
  });

  it('counts a calendar month from its start in the SLO time zone', async () => {
    const result = await evaluator.evaluate(
      {
        ...base,
        name: 'monthly',
        timeWindow: {
          type: 'calendar',
          unit: 'month',
          timeZone: 'Europe/Berlin',
        },
        sli: availability,
      },
      at,
    );
    // November 2026 begins at 2026-10-31T23:00Z in Berlin (CET, UTC+1).
    const monthStart = Date.parse('2026-10-31T23:00:00Z') / 1000;
    expect(result.window.start).toBe('2026-10-31T23:00:00.000Z');
    expect(result.counts).toEqual({
      good: sum(monthStart, AT, m => m.total - m.bad),
      total: sum(monthStart, AT, m => m.total),
    });
    expect(result.errorBudget!.windowElapsed).toBeCloseTo(
      (AT - monthStart) / (30 * 86400),
      10,
    );
  });

  it('counts good time slices for timeslices budgeting', async () => {
    const result = await evaluator.evaluate(
      {
        ...base,
        name: 'slices',
        timeWindow: { type: 'rolling', duration: '1d' },
        budgetingMethod: 'timeslices',
        timeslice: { duration: '5m', target: 0.99 },
        sli: availability,
      },
      at,
    );
    let good = 0;
    let slices = 0;
    for (let end = AT; end > AT - 86400; end -= 300) {
      const total = sum(end - 300, end, m => m.total);
      const bad = sum(end - 300, end, m => m.bad);
      slices += 1;
      if ((total - bad) / total >= 0.99) good += 1;
    }
    expect(result.counts).toEqual({ good, total: slices });
    expect(result.sli).toBeCloseTo(good / slices, 12);
  });

  it('tells slices shorter than the scrape interval from a broken SLI', async () => {
    // Samples are a minute apart: a 30 s slice holds one, and increase() needs two, so Prometheus
    // answers no slice at all, as it does for a selector matching nothing.
    const slices = {
      ...base,
      name: 'short slices',
      timeWindow: { type: 'rolling' as const, duration: '1d' },
      budgetingMethod: 'timeslices' as const,
      timeslice: { duration: '30s', target: 0.99 },
    };
    const short = await evaluator.evaluate(
      { ...slices, sli: availability },
      at,
    );
    expect(short).toMatchObject({
      status: 'no-data',
      noDataReason: 'slices-too-short',
    });
    expect(short.reason).toContain('no 30s slice held the two samples');
    const broken = await evaluator.evaluate(
      {
        ...slices,
        sli: {
          type: 'ratio',
          good: 'nope_total{code="200"}',
          total: 'nope_total',
        },
      },
      at,
    );
    expect(broken).toMatchObject({
      status: 'no-data',
      noDataReason: 'no-series',
    });
    // Slices of two samples and more count as before (the test above counts 5 m ones exactly).
    const long = await evaluator.evaluate(
      {
        ...slices,
        timeslice: { duration: '2m', target: 0.99 },
        sli: availability,
      },
      at,
    );
    expect(long.counts?.total).toBe(720);
  });

  it('tells a broken SLI from a quiet service and from too few events', async () => {
    const broken = await evaluator.evaluate(
      {
        ...base,
        name: 'broken',
        sli: {
          type: 'ratio',
          good: 'nope_total{job="api"}',
          total: 'nope_total',
        },
      },
      at,
    );
    expect(broken).toMatchObject({
      status: 'no-data',
      noDataReason: 'no-series',
    });
    const quiet = await evaluator.evaluate(
      {
        ...base,
        name: 'quiet',
        sli: {
          type: 'ratio',
          good: 'http_requests_total{job="quiet"}',
          total: 'http_requests_total{job="quiet"}',
        },
      },
      at,
    );
    expect(quiet).toMatchObject({
      status: 'no-data',
      noDataReason: 'no-traffic',
    });
    expect(quiet.sli).toBeUndefined();
    const few = await evaluator.evaluate(
      { ...base, name: 'few', minEvents: 10_000_000, sli: availability },
      at,
    );
    expect(few).toMatchObject({
      status: 'no-data',
      noDataReason: 'too-few-events',
    });
  });

  it('reports an SLO whose source is not configured as no-data', async () => {
    const result = await evaluator.evaluate(
      { ...base, name: 'x', metricSource: 'elsewhere', sli: availability },
      at,
    );
    expect(result).toMatchObject({
      status: 'no-data',
      noDataReason: 'unknown-source',
    });
    expect(result.reason).toContain('"elsewhere"');
  });

  describe('corrections and business hours', () => {
    const HOUR = 3600;
    const utc = (iso: string) => Date.parse(iso) / 1000;
    /** Independent sums over a list of (from, to] intervals, in seconds. */
    const sumOver = (
      intervals: Array<[number, number]>,
      pick: (m: ReturnType<typeof minute>) => number,
    ) => intervals.reduce((s, [from, to]) => s + sum(from, to, pick), 0);

    it('leaves a one-off correction out of the window and the burn rates', async () => {
      // The incident (20 % errors since AT − 90 min) is corrected away up to AT − 30 min.
      const excluded: [number, number] = [AT - 90 * MIN, AT - 30 * MIN];
      const result = await evaluator.evaluate(
        {
          ...base,
          name: 'corrected',
          sli: availability,
          corrections: [
            {
              id: 'c1',
              author: 'user:default/jane',
              createdAt: '2026-11-20T12:00:00.000Z',
              reason: 'Known-bad deploy, rolled back',
              once: {
                start: new Date(excluded[0] * 1000).toISOString(),
                end: new Date(excluded[1] * 1000).toISOString(),
              },
            },
          ],
        },
        at,
      );
      const counted: Array<[number, number]> = [
        [AT - 30 * 86400, excluded[0]],
        [excluded[1], AT],
      ];
      const total = sumOver(counted, m => m.total);
      const bad = sumOver(counted, m => m.bad);
      expect(result.counts).toEqual({ good: total - bad, total });
      expect(result.errorBudget!.bad).toBe(bad);
      // The 1 h burn window keeps only its last 30 minutes; the 5 m one is untouched.
      const burn1h =
        sum(AT - 30 * MIN, AT, m => m.bad) /
        sum(AT - 30 * MIN, AT, m => m.total) /
        0.01;
      const byWindow = Object.fromEntries(
        result.burnRates.map(b => [b.window, b.burnRate]),
      );
      expect(byWindow['1h']).toBeCloseTo(burn1h, 10);
      expect(byWindow['5m']).toBeCloseTo(
        sum(AT - 5 * MIN, AT, m => m.bad) /
          sum(AT - 5 * MIN, AT, m => m.total) /
          0.01,
        10,
      );
      expect(result.explanation.formulas.join('\n')).toContain(
        'Counted time: 719 h of the 720 h SLO window (1 correction excluded)',
      );
      // The intervals' queries say the moment they ran at.
      expect(result.explanation.queries.join('\n')).toContain(
        `(at ${new Date(excluded[0] * 1000).toISOString()})`,
      );
      // A cut window's interval queries are its own: the SLO window's two intervals, and the
      // 1 h window's one left after the correction (its last 30 minutes).
      const promql = (seconds: number, endsAt?: number) =>
        [availability.good, availability.total].map(
          q =>
            `sum(increase(${q}[${seconds}s]))${
              endsAt ? ` (at ${new Date(endsAt * 1000).toISOString()})` : ''
            }`,
        );
      const queriesByWindow = queriesOf(result);
      expect(queriesByWindow?.sloWindow).toEqual([
        ...promql(excluded[0] - (AT - 30 * 86400), excluded[0]),
        ...promql(30 * MIN),
      ]);
      expect(queriesByWindow?.burnRates['1h']).toEqual(promql(30 * MIN));
      expect(queriesByWindow?.burnRates['5m']).toEqual(promql(5 * MIN));
    });

    it('leaves out a weekly correction in its own time zone, across the end of summer time', async () => {
      const result = await evaluator.evaluate(
        {
          ...base,
          name: 'sunday-maintenance',
          sli: availability,
          corrections: [
            {
              id: 'c2',
              author: 'user:default/jane',
              createdAt: '2026-10-01T00:00:00.000Z',
              reason: 'Sunday maintenance',
              weekly: {
                days: ['sun'],
                from: '02:00',
                to: '04:00',
                timeZone: 'Europe/Berlin',
              },
            },
          ],
        },
        at,
      );
      // Sundays in (21 Oct 12:00, 20 Nov 12:00] UTC, written out by hand: on 25 October Berlin
      // falls back from UTC+2 to UTC+1 at 03:00, so 02:00–04:00 lasts three hours (00:00–03:00
      // UTC); after it, 02:00–04:00 CET is 01:00–03:00 UTC.
      const excluded: Array<[number, number]> = [
        [utc('2026-10-25T00:00Z'), utc('2026-10-25T03:00Z')],
        [utc('2026-11-01T01:00Z'), utc('2026-11-01T03:00Z')],
        [utc('2026-11-08T01:00Z'), utc('2026-11-08T03:00Z')],
        [utc('2026-11-15T01:00Z'), utc('2026-11-15T03:00Z')],
      ];
      const whole = sum(AT - 30 * 86400, AT, m => m.total);
      const total = whole - sumOver(excluded, m => m.total);
      const bad =
        sum(AT - 30 * 86400, AT, m => m.bad) - sumOver(excluded, m => m.bad);
      expect(result.counts).toEqual({ good: total - bad, total });
      expect(result.errorBudget!.bad).toBe(bad);
      expect(total).toBeLessThan(whole);
    });

    it('counts only the weekly schedule of a business-hours SLO', async () => {
      const result = await evaluator.evaluate(
        {
          ...base,
          name: 'business-hours',
          sli: availability,
          schedule: {
            days: ['mon', 'tue', 'wed', 'thu', 'fri'],
            from: '09:00',
            to: '17:00',
            timeZone: 'Europe/Berlin',
          },
        },
        at,
      );
      // Weekdays 09:00–17:00 Berlin: 07:00–15:00 UTC until 25 October, 08:00–16:00 UTC after.
      const counted: Array<[number, number]> = [];
      for (let day = utc('2026-10-21T00:00Z'); day < AT; day += 24 * HOUR) {
        const weekday = new Date(day * 1000).getUTCDay(); // 0 = Sunday
        if (weekday === 0 || weekday === 6) continue;
        const offset = day < utc('2026-10-25T00:00Z') ? 2 : 1;
        const from = Math.max(day + (9 - offset) * HOUR, AT - 30 * 86400);
        const to = Math.min(day + (17 - offset) * HOUR, AT);
        if (to > from) counted.push([from, to]);
      }
      // 21 Oct from 12:00 (3 h), 22–23 Oct, 26 Oct – 19 Nov (19 weekdays), 20 Nov to 12:00 (4 h).
      expect(counted).toHaveLength(23);
      const total = sumOver(counted, m => m.total);
      const bad = sumOver(counted, m => m.bad);
      expect(result.counts).toEqual({ good: total - bad, total });
      // AT is a Friday 12:00 UTC, inside business hours: the 1 h burn window is whole.
      const byWindow = Object.fromEntries(
        result.burnRates.map(b => [b.window, b.burnRate]),
      );
      expect(byWindow['1h']).toBeCloseTo(
        sum(AT - HOUR, AT, m => m.bad) /
          sum(AT - HOUR, AT, m => m.total) /
          0.01,
        10,
      );
      // The 1 d window (Thursday 12:00 – Friday 12:00 UTC) holds 4 + 4 business hours.
      const day: Array<[number, number]> = [
        [AT - 24 * HOUR, AT - 20 * HOUR],
        [AT - 4 * HOUR, AT],
      ];
      expect(byWindow['1d']).toBeCloseTo(
        sumOver(day, m => m.bad) / sumOver(day, m => m.total) / 0.01,
        10,
      );
    });

    it('drops the time slices that overlap excluded time', async () => {
      const excluded: [number, number] = [
        AT - 7 * HOUR - 2 * MIN,
        AT - 6 * HOUR,
      ];
      const result = await evaluator.evaluate(
        {
          ...base,
          name: 'slices-corrected',
          timeWindow: { type: 'rolling', duration: '1d' },
          budgetingMethod: 'timeslices',
          timeslice: { duration: '5m', target: 0.99 },
          sli: availability,
          corrections: [
            {
              id: 'c3',
              author: 'user:default/jane',
              createdAt: '2026-11-20T00:00:00.000Z',
              reason: 'Failover test',
              once: {
                start: new Date(excluded[0] * 1000).toISOString(),
                end: new Date(excluded[1] * 1000).toISOString(),
              },
            },
          ],
        },
        at,
      );
      let good = 0;
      let slices = 0;
      for (let end = AT; end > AT - 86400; end -= 300) {
        // A slice touching the excluded stretch (which starts 2 minutes into a slice) is dropped.
        if (end > excluded[0] && end - 300 < excluded[1]) continue;
        const total = sum(end - 300, end, m => m.total);
        const bad = sum(end - 300, end, m => m.bad);
        slices += 1;
        if ((total - bad) / total >= 0.99) good += 1;
      }
      // 288 slices a day, less the 13 that touch the 62 excluded minutes.
      expect(slices).toBe(288 - 13);
      expect(result.counts).toEqual({ good, total: slices });
    });
  });
});
