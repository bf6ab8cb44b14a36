import { MetricSource } from '@stewardship/backstage-plugin-stewardship-node';
import {
  formatProblemPath,
  parseSloCorrection,
  parseSloSpec,
  parseSloUpdate,
  sliQueryProblem,
} from './sloSpecSchema';

const valid = {
  entityRef: 'component:default/checkout',
  name: 'availability',
  sli: {
    type: 'ratio',
    good: 'http_requests_total{job="checkout",code!~"5.."}',
    total: 'http_requests_total{job="checkout"}',
  },
  objective: 0.999,
  timeWindow: { type: 'rolling', duration: '28d' },
  metricSource: 'prometheus',
};

/** The paths of the problems `parseSloSpec` reports for `valid` with `changes` applied. */
function problemPaths(changes: Record<string, unknown>): string[] {
  const result = parseSloSpec({ ...valid, ...changes });
  return result.ok ? [] : result.problems.map(p => p.path);
}

describe('parseSloSpec', () => {
  it('accepts a minimal spec and fills in the defaults', () => {
    expect(parseSloSpec(valid)).toEqual({
      ok: true,
      spec: {
        ...valid,
        budgetingMethod: 'occurrences',
        alertPolicies: [],
        labels: {},
      },
    });
  });

  it('normalises short and mixed-case entity refs to lower-case full refs', () => {
    const short = parseSloSpec({ ...valid, entityRef: 'Checkout' });
    const kinded = parseSloSpec({
      ...valid,
      entityRef: 'API:Payments/Checkout',
    });
    expect(short).toMatchObject({
      spec: { entityRef: 'component:default/checkout' },
    });
    expect(kinded).toMatchObject({
      spec: { entityRef: 'api:payments/checkout' },
    });
  });

  it('accepts every documented form in one spec', () => {
    const spec = {
      ...valid,
      description: 'Checkout answers.',
      sli: {
        type: 'latency',
        thresholdSeconds: 0.3,
        good: 'sum(increase(http_request_duration_seconds_bucket{le="0.3"}[{{.window}}]))',
        total: 'http_request_duration_seconds_count',
      },
      timeWindow: {
        type: 'calendar',
        unit: 'quarter',
        timeZone: 'Europe/Berlin',
      },
      budgetingMethod: 'timeslices',
      timeslice: { duration: '5m', target: 0.95 },
      alertPolicies: [
        { preset: 'sre-workbook' },
        { severity: 'page', budgetPercent: 2, within: '1h' },
        {
          name: 'slow',
          severity: 'ticket',
          burnRate: 1,
          longWindow: '3d',
          shortWindow: '6h',
        },
      ],
      labels: { tier: 'critical' },
      minEvents: 100,
    };
    expect(parseSloSpec(spec)).toEqual({ ok: true, spec });
  });

  it.each([
    [{ entityRef: 'component:' }, ['entityRef']],
    [{ entityRef: 'a:b:c/d' }, ['entityRef']],
    [{ entityRef: 'check\u0000out' }, ['entityRef']],
    [{ entityRef: 'component:default/check\u{1F600}' }, ['entityRef']],
    [{ entityRef: 'component:de fault/checkout' }, ['entityRef']],
    [{ name: '' }, ['name']],
    [{ name: 'Has Spaces' }, ['name']],
    [{ name: 'x'.repeat(101) }, ['name']],
    [{ objective: 1 }, ['objective']],
    [{ objective: 0 }, ['objective']],
    [{ objective: '0.99' }, ['objective']],
    [
      { timeWindow: { type: 'rolling', duration: '30m' } },
      ['timeWindow.duration'],
    ],
    [
      { timeWindow: { type: 'rolling', duration: '401d' } },
      ['timeWindow.duration'],
    ],
    [
      { timeWindow: { type: 'rolling', duration: '1M' } },
      ['timeWindow.duration'],
    ],
    [
      { timeWindow: { type: 'calendar', unit: 'year', timeZone: 'UTC' } },
      ['timeWindow.unit'],
    ],
    [
      {
        timeWindow: {
          type: 'calendar',
          unit: 'month',
          timeZone: 'Mars/Olympus',
        },
      },
      ['timeWindow.timeZone'],
    ],
    [{ timeWindow: { type: 'sliding', duration: '28d' } }, ['timeWindow.type']],
    [{ budgetingMethod: 'timeslices' }, ['timeslice']],
    [{ timeslice: { duration: '5m', target: 0.9 } }, ['timeslice']],
    [
      {
        budgetingMethod: 'timeslices',
        timeslice: { duration: '5x', target: 0 },
      },
      ['timeslice.duration', 'timeslice.target'],
    ],
    [
      {
        budgetingMethod: 'timeslices',
        timeslice: { duration: '28d', target: 0.9 },
      },
      ['timeslice.duration'],
    ],
    [
      {
        budgetingMethod: 'timeslices',
        timeslice: { duration: '29d', target: 0.9 },
        timeWindow: { type: 'calendar', unit: 'month', timeZone: 'UTC' },
      },
      ['timeslice.duration'],
    ],
    [{ sli: { type: 'ratio', total: 'a' } }, ['sli.good']],
    [{ sli: { type: 'ratio', good: 'a', bad: 'b', total: 'c' } }, ['sli.bad']],
    [{ sli: { type: 'ratio', good: 'a' } }, ['sli.total']],
    [{ sli: { type: 'ratio', good: '  ', total: 'b' } }, ['sli.good']],
    [{ sli: { type: 'ratio', good: 'rate(a[5m])', total: 'b' } }, ['sli.good']],
    [
      { sli: { type: 'ratio', good: `a{${'x'.repeat(4000)}}`, total: 'b' } },
      ['sli.good'],
    ],
    [
      { sli: { type: 'latency', thresholdSeconds: 0, good: 'a', total: 'b' } },
      ['sli.thresholdSeconds'],
    ],
    [
      { sli: { type: 'latency', thresholdSeconds: 1, bad: 'a', total: 'b' } },
      ['sli.good', 'sli.bad'],
    ],
    [{ sli: { type: 'histogram' } }, ['sli.type']],
    [{ metricSource: ' ' }, ['metricSource']],
    [{ labels: { tier: 1 } }, ['labels.tier']],
    [{ labels: { 'team.io/tier': 1 } }, ['labels["team.io/tier"]']],
    [
      {
        labels: Object.fromEntries(
          Array.from({ length: 51 }, (_, i) => [`l${i}`, 'v']),
        ),
      },
      ['labels'],
    ],
    [{ minEvents: 0.5 }, ['minEvents']],
    [{ minEvents: 0 }, ['minEvents']],
    [{ alertPolicies: [{ preset: 'google' }] }, ['alertPolicies[0].preset']],
    [{ alertPolicies: [{ severity: 'page' }] }, ['alertPolicies[0]']],
    [
      { alertPolicies: [{ severity: 'sms', budgetPercent: 0, within: '1h' }] },
      ['alertPolicies[0].severity', 'alertPolicies[0].budgetPercent'],
    ],
    [
      {
        alertPolicies: [
          { severity: 'page', budgetPercent: 101, within: 'soon' },
        ],
      },
      ['alertPolicies[0].budgetPercent', 'alertPolicies[0].within'],
    ],
    [
      {
        alertPolicies: [
          { preset: 'sre-workbook' },
          { severity: 'page', burnRate: -1, longWindow: '1h' },
        ],
      },
      ['alertPolicies[1].burnRate', 'alertPolicies[1].shortWindow'],
    ],
    [
      {
        alertPolicies: [
          {
            severity: 'page',
            burnRate: 2,
            longWindow: '1h',
            shortWindow: '5m',
            extra: 1,
          },
        ],
      },
      ['alertPolicies[0].extra'],
    ],
    [{ owner: 'me' }, ['owner']],
    [{ sli: { ...valid.sli, unit: 's' } }, ['sli.unit']],
  ])('rejects %j at %j', (changes, paths) => {
    expect(problemPaths(changes)).toEqual(paths);
  });

  describe("a latency SLI's threshold and the bucket its good query counts", () => {
    const latency = (thresholdSeconds: number, good: string) =>
      parseSloSpec({
        ...valid,
        sli: {
          type: 'latency',
          thresholdSeconds,
          good,
          total: 'http_request_duration_seconds_count{job="checkout"}',
        },
      });
    const bucket = (le: string) =>
      `sum(increase(http_request_duration_seconds_bucket{job="checkout",le="${le}"}[{{.window}}]))`;

    it('must agree: the SLOs tab names the threshold the bucket measures', () => {
      expect(latency(0.3, bucket('0.5'))).toEqual({
        ok: false,
        problems: [
          {
            path: 'sli.thresholdSeconds',
            message:
              'Does not match the good query\'s histogram bucket le="0.5": give the threshold the bucket counts, or count the bucket of 0.3 s',
          },
        ],
      });
      expect(latency(0.3, bucket('+Inf'))).toMatchObject({
        ok: false,
        problems: [{ path: 'sli.thresholdSeconds' }],
      });
    });

    it.each([
      ['the same number', 0.3, bucket('0.3')],
      ['the same number written otherwise', 0.3, bucket('0.30')],
      ['a whole number', 1, bucket('1')],
      [
        'a bucket of a histogram in milliseconds',
        0.3,
        'istio_request_duration_milliseconds_bucket{le="300"}',
      ],
      [
        'a histogram whose name says no unit (nothing to compare)',
        0.3,
        'latency_bucket{le="0.5"}',
      ],
      [
        'a counter of fast requests (no bucket to compare)',
        0.25,
        'fast_requests_total',
      ],
      [
        'two buckets (no single bound to compare)',
        0.3,
        `${bucket('0.3')} + ${bucket('0.5')}`,
      ],
    ])('accepts %s', (_, thresholdSeconds, good) => {
      expect(latency(thresholdSeconds, good)).toMatchObject({ ok: true });
    });
  });

  it('reports every problem at once, the cross-field ones included', () => {
    expect(
      problemPaths({
        name: 'A',
        objective: 2,
        budgetingMethod: 'timeslices',
        typo: true,
      }),
    ).toEqual(['name', 'objective', 'typo', 'timeslice']);
  });

  it('explains the two query forms', () => {
    const result = parseSloSpec({
      ...valid,
      sli: { ...valid.sli, total: 'rate(x[5m])' },
    });
    expect(result).toEqual({
      ok: false,
      problems: [
        { path: 'sli.total', message: expect.stringContaining('{{.window}}') },
      ],
    });
  });

  it.each([['slo'], [null], [[]]])(
    'rejects %j, which is not an object',
    input => {
      expect(parseSloSpec(input)).toEqual({
        ok: false,
        problems: [
          { path: '', message: expect.stringContaining('expected object') },
        ],
      });
    },
  );
});

describe('event queries over {{.window}}', () => {
  const withBad = (bad: string) =>
    parseSloSpec({
      ...valid,
      sli: { type: 'ratio', bad, total: valid.sli.total },
    });

  it.each([
    ['rate', 'sum(rate(errors_total[{{.window}}]))'],
    ['irate', 'sum by (code) (irate (errors_total{x="y"}[{{.window}}:1m]))'],
  ])(
    'refuse %s, which gives events per second, saying to use increase',
    (name, bad) => {
      expect(withBad(bad)).toEqual({
        ok: false,
        problems: [
          {
            path: 'sli.bad',
            message: expect.stringMatching(
              new RegExp(
                `^${name}\\(…\\[\\{\\{\\.window\\}\\}\\]\\) gives events per second.*write increase\\(…\\[\\{\\{\\.window\\}\\}\\]\\)`,
              ),
            ),
          },
        ],
      });
    },
  );

  it.each([
    ['increase', 'sum(increase(errors_total[{{.window}}]))'],
    [
      'a rate over another range',
      'sum(increase(errors_total[{{.window}}])) * on() group_left sum(rate(x[5m])) * 0',
    ],
    [
      'a name ending in rate',
      'sum(increase(error_rate_total[{{.window}}])) + sum(my_rate(x[{{.window}}]))',
    ],
    [
      '"rate(" inside a label value',
      'sum(increase(errors_total{path="/rate(x[{{.window}}])"}[{{.window}}]))',
    ],
  ])('accept %s', (_, bad) => {
    expect(withBad(bad)).toMatchObject({ ok: true });
  });
});

describe('time slices', () => {
  const sliced = (duration: string, changes: Record<string, unknown> = {}) =>
    parseSloSpec({
      ...valid,
      budgetingMethod: 'timeslices',
      timeslice: { duration, target: 0.9 },
      ...changes,
    });

  it('are at least a minute long', () => {
    expect(sliced('59s')).toEqual({
      ok: false,
      problems: [
        {
          path: 'timeslice.duration',
          message:
            'Must be at least 1m: a shorter slice is finer than most scrape intervals and multiplies the queries of every evaluation',
        },
      ],
    });
    expect(sliced('1m')).toMatchObject({ ok: true });
  });

  it.each([
    // 400 d = 576,000 minutes; 34,560,000 s ÷ 50,000 = 691.2 s, 12 minutes rounded up.
    [
      'a 400d window',
      { timeWindow: { type: 'rolling', duration: '400d' } },
      '576,000 slices of 1m fit in the 400d time window; an evaluation counts at most 50,000: make the slice at least 12m',
    ],
    // 92 d 2 h = 132,600 minutes; 7,948,800 s ÷ 50,000 = 158.976 s, 3 minutes rounded up.
    [
      'a calendar quarter',
      { timeWindow: { type: 'calendar', unit: 'quarter', timeZone: 'UTC' } },
      '132,600 slices of 1m fit in the longest calendar quarter (92d2h); an evaluation counts at most 50,000: make the slice at least 3m',
    ],
    // The slices are fetched over the longest alert window too: 90 d = 129,600 minutes.
    [
      'an alert window longer than the window',
      {
        alertPolicies: [
          {
            severity: 'ticket',
            burnRate: 1,
            longWindow: '90d',
            shortWindow: '1d',
          },
        ],
      },
      '129,600 slices of 1m fit in the 90d alert window of alertPolicies[0]; an evaluation counts at most 50,000: make the slice at least 3m',
    ],
  ])('are at most 50,000 in %s', (_, changes, message) => {
    expect(sliced('1m', changes)).toEqual({
      ok: false,
      problems: [{ path: 'timeslice.duration', message }],
    });
  });

  it('may be a minute in any month: 31 days and 2 hours are 44,760 minutes', () => {
    const month = {
      type: 'calendar',
      unit: 'month',
      timeZone: 'Antarctica/Troll',
    };
    expect(sliced('1m', { timeWindow: month })).toMatchObject({ ok: true });
    expect(
      sliced('12m', { timeWindow: { type: 'rolling', duration: '400d' } }),
    ).toMatchObject({ ok: true });
  });
});

describe('alert windows', () => {
  const burnRate = (longWindow: string) =>
    parseSloSpec({
      ...valid,
      alertPolicies: [
        { severity: 'ticket', burnRate: 1, longWindow, shortWindow: '1h' },
      ],
    });

  it('are at most 400d, the longest SLO window', () => {
    expect(burnRate('400d')).toMatchObject({ ok: true });
    for (const longWindow of ['401d', '99999999999999999999d']) {
      expect(burnRate(longWindow)).toEqual({
        ok: false,
        problems: [
          {
            path: 'alertPolicies[0].longWindow',
            message:
              'Must be at most 400d, the longest time window an SLO can have',
          },
        ],
      });
    }
    expect(
      problemPaths({
        alertPolicies: [
          {
            severity: 'page',
            budgetPercent: 50,
            within: '58w',
            shortWindow: '401d',
          },
        ],
      }),
    ).toEqual(['alertPolicies[0].within', 'alertPolicies[0].shortWindow']);
  });
});

describe('time zones', () => {
  const calendar = (timeZone: string) =>
    parseSloSpec({
      ...valid,
      timeWindow: { type: 'calendar', unit: 'month', timeZone },
      schedule: { days: ['mon'], from: '09:00', to: '17:00', timeZone },
    });

  it.each([
    ['europe/BERLIN', 'Europe/Berlin'],
    ['utc', 'UTC'],
    ['america/new_york', 'America/New_York'],
    // Other names of a zone stay as written: ICU would call Asia/Kolkata by an older name.
    ['Asia/Kolkata', 'Asia/Kolkata'],
    ['US/Eastern', 'US/Eastern'],
  ])('store %s as %s', (written, stored) => {
    expect(calendar(written)).toMatchObject({
      ok: true,
      spec: {
        timeWindow: { timeZone: stored },
        schedule: { timeZone: stored },
      },
    });
  });

  // luxon takes these (the process's own zone, its offset syntax); no tz database names them, and
  // storing one under its tz spelling threw past the error path (a 500).
  it.each(['local', 'system', 'default', 'UTC+5', 'Mars/Olympus'])(
    'refuses %s with the field named, in a window, a schedule and a weekly correction',
    timeZone => {
      expect(calendar(timeZone)).toEqual({
        ok: false,
        problems: [
          {
            path: 'timeWindow.timeZone',
            message: 'Not an IANA time zone, e.g. Europe/Berlin',
          },
          {
            path: 'schedule.timeZone',
            message: `unknown time zone "${timeZone}" (use an IANA name such as Europe/Berlin)`,
          },
        ],
      });
      expect(
        parseSloCorrection({
          reason: 'maintenance',
          weekly: { days: ['sun'], from: '02:00', to: '04:00', timeZone },
        }),
      ).toEqual({
        ok: false,
        problems: [
          {
            path: 'weekly.timeZone',
            message: `unknown time zone "${timeZone}" (use an IANA name such as Europe/Berlin)`,
          },
        ],
      });
    },
  );
});

describe('a schedule', () => {
  it('names each day once', () => {
    expect(
      parseSloSpec({
        ...valid,
        schedule: {
          days: ['mon', 'mon'],
          from: '09:00',
          to: '17:00',
          timeZone: 'UTC',
        },
      }),
    ).toEqual({
      ok: false,
      problems: [
        {
          path: 'schedule.days',
          message: 'name each day once (mon named more than once)',
        },
      ],
    });
  });
});

describe('the objective', () => {
  it.each([[1], [0], [-0.5], [99.9]])(
    'says what it must be when it is %s',
    objective => {
      expect(parseSloSpec({ ...valid, objective })).toEqual({
        ok: false,
        problems: [
          {
            path: 'objective',
            message:
              'The objective is a fraction above 0 and below 1, e.g. 0.999 for 99.9 % (1 would leave no error budget)',
          },
        ],
      });
    },
  );
});

describe('parseSloCorrection', () => {
  const once = (start: string, end: string) =>
    parseSloCorrection({ reason: 'maintenance', once: { start, end } });

  it('stores a period as UTC moments', () => {
    expect(once('2026-12-06T02:00:00+01:00', '2026-12-06T03:00:00Z')).toEqual({
      ok: true,
      correction: {
        reason: 'maintenance',
        once: {
          start: '2026-12-06T01:00:00.000Z',
          end: '2026-12-06T03:00:00.000Z',
        },
      },
    });
  });

  it.each([
    [
      'a leap second',
      '2016-12-31T23:59:60Z',
      'is not a moment this server can place (a leap second such as 23:59:60, or an offset beyond 24 hours)',
    ],
    [
      'an offset past 24 hours',
      '2016-12-31T01:00:00+25:00',
      'is not a moment this server can place (a leap second such as 23:59:60, or an offset beyond 24 hours)',
    ],
    [
      'a moment before 1970',
      '0000-12-01T00:00:00Z',
      'is not a date-time from 1970 on',
    ],
  ])('refuses %s with one problem, on the field', (_, start, problem) => {
    expect(once(start, '2026-12-06T03:00:00Z')).toEqual({
      ok: false,
      problems: [{ path: 'once.start', message: `"${start}" ${problem}` }],
    });
  });

  it('still says when the end is not after the start', () => {
    expect(once('2026-12-06T03:00:00Z', '2026-12-06T01:00:00Z')).toEqual({
      ok: false,
      problems: [{ path: 'once.end', message: 'end must be after start' }],
    });
    expect(once('2026-12-06T03:00:00', '2026-12-06T04:00:00Z')).toEqual({
      ok: false,
      problems: [
        {
          path: 'once.start',
          message:
            'must be an ISO 8601 time with an offset, e.g. 2026-11-30T02:00:00Z',
        },
      ],
    });
  });

  it('refuses a weekly day named twice and stores the zone as the tz database spells it', () => {
    const weekly = (days: string[]) =>
      parseSloCorrection({
        reason: 'maintenance',
        weekly: { days, from: '02:00', to: '04:00', timeZone: 'europe/BERLIN' },
      });
    expect(weekly(['sun', 'sun'])).toEqual({
      ok: false,
      problems: [
        {
          path: 'weekly.days',
          message: 'name each day once (sun named more than once)',
        },
      ],
    });
    expect(weekly(['sun'])).toMatchObject({
      ok: true,
      correction: { weekly: { timeZone: 'Europe/Berlin' } },
    });
  });
});

describe('parseSloUpdate', () => {
  it('splits the version from the spec', () => {
    expect(parseSloUpdate({ ...valid, version: 3 })).toMatchObject({
      ok: true,
      version: 3,
      spec: { name: 'availability', budgetingMethod: 'occurrences' },
    });
  });

  it.each([[undefined], [0], [1.5], ['2']])('rejects version %j', version => {
    expect(parseSloUpdate({ ...valid, version })).toMatchObject({
      ok: false,
      problems: [{ path: 'version' }],
    });
  });
});

describe('queries checked by their metric source', () => {
  const datadog = {
    ...valid,
    metricSource: 'dd',
    sli: {
      type: 'ratio',
      bad: 'sum:trace.http.request.errors{service:checkout}.as_count()',
      total: 'sum:trace.http.request.hits{service:checkout}.as_count()',
    },
  };
  const calls: Array<[string, string]> = [];
  // Datadog's source says what Datadog rules say; here: no `=`.
  const queryProblem = (metricSource: string, query: string) => {
    calls.push([metricSource, query]);
    return query.includes('=') ? `not for ${metricSource}` : undefined;
  };

  it('leaves the query form to the source, and only to it', () => {
    // Without a source to ask (the import), queries are PromQL.
    expect(parseSloSpec(datadog)).toMatchObject({
      ok: false,
      problems: [{ path: 'sli.bad' }, { path: 'sli.total' }],
    });
    calls.length = 0;
    expect(parseSloSpec(datadog, { queryProblem })).toMatchObject({
      ok: true,
      spec: { sli: datadog.sli },
    });
    expect(calls).toEqual([
      ['dd', datadog.sli.bad],
      ['dd', datadog.sli.total],
    ]);
    expect(
      parseSloUpdate({ ...datadog, version: 2 }, { queryProblem }),
    ).toMatchObject({ ok: true, version: 2 });
  });

  it("reports the source's problem on the field, with the spec's other problems", () => {
    const input = {
      ...datadog,
      metricSource: ' dd ',
      sli: { ...datadog.sli, total: '  up{job="x"} ' },
      budgetingMethod: 'timeslices',
    };
    calls.length = 0;
    expect(parseSloSpec(input, { queryProblem })).toEqual({
      ok: false,
      problems: [
        { path: 'timeslice', message: expect.any(String) },
        { path: 'sli.total', message: 'not for dd' },
      ],
    });
    // Trimmed, as stored.
    expect(calls).toContainEqual(['dd', 'up{job="x"}']);
    expect(
      parseSloUpdate({ ...input, version: 1 }, { queryProblem }),
    ).toMatchObject({
      ok: false,
      problems: [{ path: 'timeslice' }, { path: 'sli.total' }],
    });
  });

  it('asks the source only about queries past the common checks', () => {
    calls.length = 0;
    expect(
      parseSloSpec(
        { ...datadog, sli: { ...datadog.sli, bad: ' ', total: 'ok\u0007' } },
        { queryProblem },
      ),
    ).toMatchObject({
      ok: false,
      problems: [{ path: 'sli.bad' }, { path: 'sli.total' }],
    });
    expect(calls).toEqual([]);
  });

  it("uses a source's validateQuery, bounded to one line, and nothing more without it", () => {
    const source = (validateQuery?: MetricSource['validateQuery']) =>
      ({ validateQuery } as MetricSource);
    expect(sliQueryProblem(undefined, 'x')).toBeUndefined();
    expect(sliQueryProblem(source(), 'anything at all')).toBeUndefined();
    expect(
      sliQueryProblem(
        source(() => undefined),
        'x',
      ),
    ).toBeUndefined();
    expect(
      sliQueryProblem(
        source(() => 'Write\n  flux:<b>'),
        'x',
      ),
    ).toBe('Write flux:<b>');
    expect(
      sliQueryProblem(
        source(() => 'x'.repeat(600)),
        'x',
      ),
    ).toBe(`${'x'.repeat(500)}…`);
    expect(
      sliQueryProblem(
        source(() => {
          throw new Error('boom');
        }),
        'x',
      ),
    ).toBe('The metric source could not check this query: boom');
  });
});

describe('formatProblemPath', () => {
  it('writes indexes in brackets and quotes keys that are not identifiers', () => {
    expect(formatProblemPath(['alertPolicies', 0, 'burnRate'])).toBe(
      'alertPolicies[0].burnRate',
    );
    expect(formatProblemPath(['labels', 'a b'])).toBe('labels["a b"]');
    expect(formatProblemPath([])).toBe('');
  });
});
