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
import { SloDefinition } from '@stewardship/backstage-plugin-stewardship-common';
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
    expect(result.errorBudget!.secondsToExhaustion).toBeCloseTo(
      (result.errorBudget!.remaining * 30 * 86400) / burn(3600),
      3,
    );
    expect(result.explanation.queries.join('\n')).toContain(
      'increase(http_requests_total{job="api"}[2592000s])',
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
});
