import { evaluateSlo, SloEvaluationInput } from './evaluateSlo';
import { countGoodSlices } from './timeslices';
import { EventCounts, SloDefinition } from './types';

const DAY = 86400;

const baseSlo: SloDefinition = {
  id: 'slo-1',
  version: 3,
  entityRef: 'component:default/checkout',
  name: 'availability',
  sli: {
    type: 'ratio',
    good: 'http_requests_total{job="checkout",code!~"5.."}',
    total: 'http_requests_total{job="checkout"}',
  },
  objective: 0.995,
  timeWindow: { type: 'rolling', duration: '30d' },
  budgetingMethod: 'occurrences',
  metricSource: 'prometheus',
  alertPolicies: [],
  labels: {},
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

const queries = ['sum(increase(http_requests_total{job="checkout"}[30d]))'];

function input(
  overrides: Omit<Partial<SloEvaluationInput>, 'slo'> & {
    slo?: Partial<SloDefinition>;
  },
): SloEvaluationInput {
  return {
    at: new Date('2026-03-31T00:00:00Z'),
    evaluatedAt: new Date('2026-03-31T00:00:07Z'),
    windowCounts: { good: 9990, total: 10000 },
    burnCounts: {},
    queries,
    ...overrides,
    slo: { ...baseSlo, ...overrides.slo },
  };
}

/** Burn-window counts from `{ window: [good, total] }`. */
function burns(
  counts: Record<string, [number, number]>,
): Record<string, EventCounts> {
  return Object.fromEntries(
    Object.entries(counts).map(([w, [good, total]]) => [w, { good, total }]),
  );
}

function firingNames(evaluation: ReturnType<typeof evaluateSlo>) {
  return evaluation.alerts.filter(a => a.firing).map(a => a.policy.name);
}

describe('evaluateSlo', () => {
  it('evaluates a healthy SLO, with formulas a reader can check', () => {
    const evaluation = evaluateSlo(
      input({
        burnCounts: burns({
          '5m': [100, 100],
          '30m': [600, 600],
          '1h': [999, 1000],
          '2h': [1998, 2000],
          '6h': [5994, 6000],
          '1d': [23976, 24000],
        }),
      }),
    );

    expect(evaluation).toMatchObject({
      sloId: 'slo-1',
      sloVersion: 3,
      entityRef: 'component:default/checkout',
      at: '2026-03-31T00:00:00.000Z',
      evaluatedAt: '2026-03-31T00:00:07.000Z',
      status: 'healthy',
      window: {
        start: '2026-03-01T00:00:00.000Z',
        end: '2026-03-31T00:00:00.000Z',
      },
      sli: 0.999,
      counts: { good: 9990, total: 10000 },
      objective: 0.995,
    });
    expect(evaluation.noDataReason).toBeUndefined();

    // 10 bad of 10 000 against 0.5 % × 10 000 = 50 allowed: a fifth of the budget spent.
    const budget = evaluation.errorBudget!;
    expect(budget.remaining).toBeCloseTo(0.8, 12);
    expect(budget.consumed).toBeCloseTo(0.2, 12);
    expect(budget.allowedBad).toBeCloseTo(50, 9);
    expect(budget.bad).toBe(10);
    // 1 h burns at (1 / 1000) / 0.005 = 0.2, below 1: a rolling window's events leaving at its
    // average (burn 0.2 too) keep the remaining 0.8 where it is, so it never runs out.
    expect(budget.secondsToExhaustion).toBeUndefined();
    expect(budget.windowElapsed).toBeUndefined();

    expect(evaluation.burnRates.map(b => b.window)).toEqual([
      '5m',
      '30m',
      '1h',
      '2h',
      '6h',
      '1d',
      '3d',
    ]);
    expect(evaluation.burnRates[2]).toEqual({
      window: '1h',
      burnRate: expect.closeTo(0.2, 12),
      errorRatio: 0.001,
      counts: { good: 999, total: 1000 },
    });
    // No counts for 3d: unknown, not zero.
    expect(evaluation.burnRates[6]).toEqual({ window: '3d' });

    expect(firingNames(evaluation)).toEqual([]);
    expect(evaluation.alerts[2]).toEqual({
      policy: expect.objectContaining({ name: 'ticket-3d', burnRate: 1 }),
      firing: false,
      shortBurnRate: expect.closeTo(0.2, 12),
    });

    expect(evaluation.explanation.queries).toEqual(queries);
    expect(evaluation.explanation.formulas).toEqual(
      expect.arrayContaining([
        'window = rolling 30d: 2026-03-01T00:00:00.000Z to 2026-03-31T00:00:00.000Z (period 2592000 s)',
        'SLI = good / total = 9990 / 10000 = 0.999',
        'budget remaining = 1 − (1 − SLI) / (1 − objective) = 1 − (1 − 0.999) / (1 − 0.995) = 0.8',
        'allowed bad = (1 − objective) × total = (1 − 0.995) × 10000 = 50',
        'bad = total − good = 10000 − 9990 = 10',
        'burn rate 1h = ((total − good) / total) / (1 − objective) = ((1000 − 999) / 1000) / (1 − 0.995) = 0.2',
        'burn rate 3d: unknown (no counts)',
        'page-1h threshold = budget fraction × period / long window = 0.02 × 2592000 s / 1h = 14.4',
        'page-1h is quiet: burn rate 1h 0.2 ≤ 14.4, burn rate 5m 0 ≤ 14.4',
        'time to exhaustion: none, at burn rate 1h 0.2 < 1 the remaining budget settles at 1 − 0.2',
        // 0.8 budget left and all three policies quiet.
        'status = healthy, as budget remaining = 0.8 > 0 and no alert policy fires',
      ]),
    );
  });

  it('derives good from the counted bad events of a bad/total SLI, and says so before the SLI', () => {
    // The source counted 9 033 bad of 17 278 080 events; the evaluator hands over good = total − bad.
    const total = 17_278_080;
    const bad = 9_033;
    const evaluation = evaluateSlo(
      input({
        slo: {
          sli: {
            type: 'ratio',
            bad: 'http_requests_total{job="checkout",code=~"5.."}',
            total: 'http_requests_total{job="checkout"}',
          },
        },
        windowCounts: { good: total - bad, total },
        // 1h: 12 bad of 36 000 → (12 / 36000) / (1 − 0.995) = 1/15.
        burnCounts: burns({ '1h': [36_000 - 12, 36_000] }),
      }),
    );
    const { formulas } = evaluation.explanation;
    const derived = formulas.indexOf(
      'good = total − bad = 17278080 − 9033 = 17269047',
    );
    expect(derived).toBeGreaterThanOrEqual(0);
    expect(formulas[derived + 1]).toBe(
      `SLI = good / total = 17269047 / 17278080 = ${Number(
        ((total - bad) / total).toPrecision(10),
      )}`,
    );
    // The bad count is the query's, not derived back from good (which would read circularly),
    // and burn rates are written in the same terms.
    expect(formulas).toContain(
      "bad = 9033, as the SLI's bad-events query counted it",
    );
    expect(formulas.filter(f => f.startsWith('bad = total'))).toEqual([]);
    expect(formulas).toContain(
      `burn rate 1h = (bad / total) / (1 − objective) = (12 / 36000) / (1 − 0.995) = ${Number(
        (12 / 36_000 / 0.005).toPrecision(10),
      )}`,
    );
  });

  it('writes no derived good for a good/total SLI, whose first query counts good events', () => {
    const { formulas } = evaluateSlo(input({})).explanation;
    expect(formulas.filter(f => f.startsWith('good ='))).toEqual([]);
  });

  it('keeps which query counted which window in the explanation, and nothing when the source gave none', () => {
    const [slo30d, x1h, x5m] = [
      'sum(increase(x[2592000s]))',
      'sum(increase(x[3600s]))',
      'sum(increase(x[300s]))',
    ];
    const evaluation = evaluateSlo(
      input({
        queries: [slo30d, x5m, x1h],
        queriesByWindow: {
          sloWindow: [slo30d],
          burnRates: { '5m': [x5m], '1h': [x1h, 'not issued'] },
        },
      }),
    );
    // Indexes into the queries, so a stored snapshot does not repeat the texts.
    expect(evaluation.explanation.queries).toEqual([slo30d, x5m, x1h]);
    expect(evaluation.explanation.queryIndexesByWindow).toEqual({
      sloWindow: [0],
      burnRates: { '5m': [1], '1h': [2] },
    });
    expect(evaluateSlo(input({})).explanation).not.toHaveProperty(
      'queryIndexesByWindow',
    );
  });

  it('is exhausted when the budget is overspent, even while alerts fire', () => {
    // 100 bad of 10 000 against 50 allowed: spent twice over.
    const evaluation = evaluateSlo(
      input({
        windowCounts: { good: 9900, total: 10000 },
        burnCounts: burns({ '1h': [900, 1000], '5m': [80, 100] }),
      }),
    );
    expect(evaluation.status).toBe('exhausted');
    expect(evaluation.sli).toBe(0.99);
    expect(evaluation.errorBudget).toEqual({
      remaining: expect.closeTo(-1, 12),
      consumed: expect.closeTo(2, 12),
      allowedBad: expect.closeTo(50, 9),
      bad: 100,
      secondsToExhaustion: 0,
    });
    expect(firingNames(evaluation)).toEqual(['page-1h']);
    expect(evaluation.reason).toBe(
      'The error budget is spent: 100 bad events against 50 allowed.',
    );
    // The rule that decided, with the budget it compared: spent twice over, 1 − 2 = −1.
    expect(evaluation.explanation.formulas).toContain(
      'status = exhausted, as budget remaining = -1 ≤ 0',
    );
  });

  it('is exhausted when exactly the whole budget is used', () => {
    const evaluation = evaluateSlo(
      input({ windowCounts: { good: 9950, total: 10000 } }),
    );
    expect(evaluation.status).toBe('exhausted');
    expect(evaluation.errorBudget!.remaining).toBe(0);
  });

  it('writes the counts of its exhausted reason as the SLOs tab does: an allowance under 1 is not 0', () => {
    const reason = (good: number, total: number) =>
      evaluateSlo(
        input({ slo: { objective: 0.999 }, windowCounts: { good, total } }),
      ).reason;
    // 0.1 % of 300 events allows 0.3 bad; 1 was bad.
    expect(reason(299, 300)).toBe(
      'The error budget is spent: 1 bad event against 0.3 allowed.',
    );
    // 0.1 % of 10 allows 0.01 bad, below the one decimal a count gets.
    expect(reason(9, 10)).toBe(
      'The error budget is spent: 1 bad event against 0.01 allowed.',
    );
    // 0.1 % of 9,960 allows 9.96 bad: to one decimal it would read "10 against 10".
    expect(reason(9950, 9960)).toBe(
      'The error budget is spent: 10 bad events against 9.96 allowed.',
    );
  });

  it('says the budget left in its healthy reason as the SLOs tab writes it, never 0 % or 100 % unless exactly', () => {
    const reason = (good: number) =>
      evaluateSlo(
        input({
          slo: { objective: 0.999 },
          windowCounts: { good, total: 10_000_000 },
        }),
      ).reason;
    // 99.9 % of 10,000,000 allows 10,000 bad. 9,996 bad leave 4 ÷ 10,000 = 0.04 % (0.0 % to one
    // decimal); 4 bad leave 9,996 ÷ 10,000 = 99.96 % (100.0 % to one decimal); 2,500 bad leave
    // 75 % (one decimal, its trailing zero off); none leaves exactly 100 %.
    expect(reason(9_990_004)).toBe(
      '0.04 % of the error budget left and no alert policy fires.',
    );
    expect(reason(9_999_996)).toBe(
      '99.96 % of the error budget left and no alert policy fires.',
    );
    expect(reason(9_997_500)).toBe(
      '75 % of the error budget left and no alert policy fires.',
    );
    expect(reason(10_000_000)).toBe(
      '100 % of the error budget left and no alert policy fires.',
    );
    // One decimal, not whole percents: 6,250 bad leave 3,750 ÷ 10,000 = 37.5 % (not 38 %), and
    // 6,254 bad leave 3,746 ÷ 10,000 = 37.46 %, 37.5 % to one decimal (not 37.46 %).
    expect(reason(9_993_750)).toBe(
      '37.5 % of the error budget left and no alert policy fires.',
    );
    expect(reason(9_993_746)).toBe(
      '37.5 % of the error budget left and no alert policy fires.',
    );
  });

  it('is at risk when the 1h/5m page policy fires', () => {
    // 99.9 % over 30 d; half the budget left, and the last hour burns at 20 (> 14.4).
    const evaluation = evaluateSlo(
      input({
        slo: { objective: 0.999 },
        windowCounts: { good: 999_500, total: 1_000_000 },
        burnCounts: burns({
          '5m': [80, 100], // 200
          '30m': [495, 500], // 10 > 6, but 6 h only burns at 5: page-6h stays quiet
          '1h': [980, 1000], // 20
          '2h': [1970, 2000],
          '6h': [5970, 6000], // 5
          '1d': [23_900, 24_000],
          '3d': [71_950, 72_000], // 0.69 < 1: ticket-3d stays quiet
        }),
      }),
    );
    expect(evaluation.status).toBe('at-risk');
    expect(firingNames(evaluation)).toEqual(['page-1h']);
    expect(evaluation.alerts[0]).toEqual({
      policy: expect.objectContaining({ name: 'page-1h', burnRate: 14.4 }),
      firing: true,
      longBurnRate: expect.closeTo(20, 9),
      shortBurnRate: expect.closeTo(200, 9),
    });
    // remaining × period / (burn − 1 + remaining) = 0.5 × 30 d / 19.5 = 10/13 d.
    expect(evaluation.errorBudget!.remaining).toBeCloseTo(0.5, 9);
    expect(evaluation.errorBudget!.secondsToExhaustion).toBeCloseTo(
      (10 / 13) * DAY,
      3,
    );
    expect(evaluation.reason).toBe(
      'Burning the error budget too fast: page-1h fires.',
    );
    expect(evaluation.explanation.formulas).toContain(
      'page-1h fires: burn rate 1h 20 > 14.4, burn rate 5m 200 > 14.4',
    );
    // Half the budget left, so not exhausted; at risk because page-1h fires.
    expect(evaluation.explanation.formulas).toContain(
      'status = at-risk, as budget remaining = 0.5 > 0 and page-1h fires',
    );
  });

  it('raises only the ticket on a slow burn, and nothing once the short window calms down', () => {
    const evaluation = evaluateSlo(
      input({
        slo: { objective: 0.999 },
        windowCounts: { good: 999_500, total: 1_000_000 },
        burnCounts: burns({
          '5m': [100, 100],
          '30m': [499, 500], // 2 ≤ 6
          '1h': [998, 1000], // 2 ≤ 14.4
          '6h': [5990, 6000], // 1.67 > 1, ≤ 6
          '3d': [71_900, 72_000], // 1.39 > 1
        }),
      }),
    );
    expect(evaluation.status).toBe('at-risk');
    expect(firingNames(evaluation)).toEqual(['ticket-3d']);

    // The same 3 d burn with a quiet last 6 h: the burn has stopped, so no ticket.
    const calm = evaluateSlo(
      input({
        slo: { objective: 0.999 },
        windowCounts: { good: 999_500, total: 1_000_000 },
        burnCounts: burns({ '6h': [6000, 6000], '3d': [71_900, 72_000] }),
      }),
    );
    expect(calm.status).toBe('healthy');
    expect(firingNames(calm)).toEqual([]);
  });

  it('does not fire when the short window is unknown', () => {
    const evaluation = evaluateSlo(
      input({ burnCounts: burns({ '1h': [0, 1000], '5m': [0, 0] }) }),
    );
    expect(evaluation.alerts[0]).toEqual({
      policy: expect.objectContaining({ name: 'page-1h' }),
      firing: false,
      longBurnRate: expect.closeTo(200, 9),
    });
    expect(evaluation.burnRates[0]).toEqual({
      window: '5m',
      counts: { good: 0, total: 0 },
    });
    expect(evaluation.status).toBe('healthy');
  });

  it('fires only when both windows burn strictly above the threshold, not at it exactly', () => {
    // Objective 0.5: 1 − objective = 0.5, so burn rates are exact binary fractions.
    // 3 bad of 4:   (3 / 4) / 0.5   = 0.75 / 0.5   = 1.5   (exactly the threshold)
    // 13 bad of 16: (13 / 16) / 0.5 = 0.8125 / 0.5 = 1.625 (just above it)
    const AT: [number, number] = [1, 4];
    const ABOVE: [number, number] = [3, 16];
    const evaluate = (long: [number, number], short: [number, number]) =>
      evaluateSlo(
        input({
          slo: {
            objective: 0.5,
            alertPolicies: [
              {
                severity: 'page',
                burnRate: 1.5,
                longWindow: '1h',
                shortWindow: '5m',
              },
            ],
          },
          burnCounts: burns({ '1h': long, '5m': short }),
        }),
      );

    const bothAt = evaluate(AT, AT);
    expect(bothAt.alerts).toEqual([
      {
        policy: expect.objectContaining({ name: 'page-1h', burnRate: 1.5 }),
        firing: false,
        longBurnRate: 1.5,
        shortBurnRate: 1.5,
      },
    ]);
    expect(bothAt.status).toBe('healthy');
    expect(bothAt.explanation.formulas).toContain(
      'page-1h is quiet: burn rate 1h 1.5 ≤ 1.5, burn rate 5m 1.5 ≤ 1.5',
    );

    // Either window exactly at the threshold keeps the policy quiet.
    const longAt = evaluate(AT, ABOVE);
    expect(longAt.alerts[0]).toMatchObject({
      firing: false,
      longBurnRate: 1.5,
      shortBurnRate: 1.625,
    });
    expect(longAt.status).toBe('healthy');
    const shortAt = evaluate(ABOVE, AT);
    expect(shortAt.alerts[0]).toMatchObject({
      firing: false,
      longBurnRate: 1.625,
      shortBurnRate: 1.5,
    });
    expect(shortAt.status).toBe('healthy');

    // Both just above: it fires.
    const bothAbove = evaluate(ABOVE, ABOVE);
    expect(bothAbove.alerts[0]).toMatchObject({
      firing: true,
      longBurnRate: 1.625,
      shortBurnRate: 1.625,
    });
    expect(bothAbove.status).toBe('at-risk');
    expect(bothAbove.explanation.formulas).toContain(
      'page-1h fires: burn rate 1h 1.625 > 1.5, burn rate 5m 1.625 > 1.5',
    );
  });

  it('looks up policy windows by their normalised key', () => {
    const evaluation = evaluateSlo(
      input({
        slo: {
          alertPolicies: [
            {
              severity: 'ticket',
              burnRate: 2,
              longWindow: '24h',
              shortWindow: '120m',
            },
          ],
        },
        burnCounts: burns({ '1d': [23_700, 24_000], '2h': [1970, 2000] }),
      }),
    );
    expect(evaluation.alerts).toEqual([
      {
        policy: expect.objectContaining({ name: 'ticket-24h' }),
        firing: true,
        longBurnRate: expect.closeTo(2.5, 9),
        shortBurnRate: expect.closeTo(3, 9),
      },
    ]);
  });

  it('reports the elapsed fraction of a calendar window and scales thresholds to it', () => {
    // Halfway through a 28-day February.
    const evaluation = evaluateSlo(
      input({
        slo: {
          timeWindow: { type: 'calendar', unit: 'month', timeZone: 'UTC' },
        },
        at: new Date('2026-02-15T00:00:00Z'),
        burnCounts: burns({ '1h': [995, 1000] }), // burn rate 1
      }),
    );
    expect(evaluation.window).toEqual({
      start: '2026-02-01T00:00:00.000Z',
      end: '2026-02-15T00:00:00.000Z',
    });
    expect(evaluation.errorBudget!.windowElapsed).toBe(0.5);
    expect(evaluation.explanation.formulas[0]).toBe(
      'window = calendar month in UTC: 2026-02-01T00:00:00.000Z to 2026-02-15T00:00:00.000Z (period 2419200 s, elapsed = (at − start) / period = 0.5)',
    );
    // 2 % × 28 d / 1 h.
    expect(evaluation.alerts[0].policy.burnRate).toBe(13.44);
    // At burn rate 1 a calendar budget's allowance grows as fast as its bad events: it lasts.
    expect(evaluation.errorBudget!.secondsToExhaustion).toBeUndefined();
    expect(evaluation.explanation.formulas).toContain(
      'time to exhaustion: none, at burn rate 1h 1 ≤ 1 a calendar budget never runs out (its allowance grows with every event)',
    );
  });

  it('runs a calendar budget out only above burn rate 1, from the share of the period gone', () => {
    // Halfway through February (14 of 28 days), 0.8 of the budget left, burning at 3 for an hour.
    const evaluation = evaluateSlo(
      input({
        slo: {
          timeWindow: { type: 'calendar', unit: 'month', timeZone: 'UTC' },
        },
        at: new Date('2026-02-15T00:00:00Z'),
        burnCounts: burns({ '1h': [985, 1000] }), // 1.5 % errors / 0.5 % = burn rate 3
      }),
    );
    expect(evaluation.errorBudget!.remaining).toBeCloseTo(0.8, 12);
    // Allowed bad grows at 1 × and bad at 3 × the allowed rate: the 0.8 × 14 days' allowance
    // left is gone after 0.8 × 14 d / (3 − 1) = 5.6 days, before the 14 days left are.
    expect(evaluation.errorBudget!.secondsToExhaustion).toBeCloseTo(
      5.6 * DAY,
      3,
    );
    expect(evaluation.explanation.formulas).toContain(
      'time to exhaustion = remaining × elapsed × period / (burn rate 1h − 1) = 0.8 × 0.5 × 2419200 / (3 − 1) = 483840 s',
    );
  });

  it('evaluates timeslice counts like event counts', () => {
    const slices = [
      ...Array.from({ length: 199 }, () => ({ good: 20, total: 20 })),
      { good: 10, total: 20 }, // one bad slice
      ...Array.from({ length: 50 }, () => ({ good: 0, total: 0 })), // quiet night
    ];
    const evaluation = evaluateSlo(
      input({
        slo: {
          objective: 0.99,
          budgetingMethod: 'timeslices',
          timeslice: { duration: '5m', target: 0.95 },
        },
        windowCounts: countGoodSlices(slices, 0.95),
        burnCounts: { '1h': countGoodSlices(slices.slice(0, 12), 0.95) },
      }),
    );
    // 1 bad slice of 200 against 1 % × 200 = 2 allowed: half the budget left.
    expect(evaluation.status).toBe('healthy');
    expect(evaluation.counts).toEqual({ good: 199, total: 200 });
    expect(evaluation.sli).toBe(0.995);
    expect(evaluation.errorBudget).toMatchObject({
      remaining: expect.closeTo(0.5, 12),
      allowedBad: expect.closeTo(2, 12),
      bad: 1,
    });
    expect(evaluation.burnRates[2]).toMatchObject({
      window: '1h',
      burnRate: 0,
    });
    expect(evaluation.explanation.formulas).toContain(
      'counting 5m slices with traffic; a slice is good when its good / total ≥ 0.95',
    );
  });

  describe('without data to judge', () => {
    it('says a query matched no series', () => {
      expect(evaluateSlo(input({ windowCounts: null }))).toEqual({
        sloId: 'slo-1',
        sloVersion: 3,
        entityRef: 'component:default/checkout',
        at: '2026-03-31T00:00:00.000Z',
        evaluatedAt: '2026-03-31T00:00:07.000Z',
        status: 'no-data',
        noDataReason: 'no-series',
        reason: 'a query matched no series: the SLI is broken',
        window: {
          start: '2026-03-01T00:00:00.000Z',
          end: '2026-03-31T00:00:00.000Z',
        },
        objective: 0.995,
        burnRates: [],
        alerts: [],
        explanation: {
          queries,
          formulas: [
            'window = rolling 30d: 2026-03-01T00:00:00.000Z to 2026-03-31T00:00:00.000Z (period 2592000 s)',
            'no data (no-series): a query matched no series: the SLI is broken',
          ],
        },
      });
    });

    it('says there was no traffic', () => {
      const evaluation = evaluateSlo(
        input({ windowCounts: { good: 0, total: 0 } }),
      );
      expect(evaluation).toMatchObject({
        status: 'no-data',
        noDataReason: 'no-traffic',
        counts: { good: 0, total: 0 },
      });
      expect(evaluation.sli).toBeUndefined();
      expect(evaluation.errorBudget).toBeUndefined();
    });

    it('says there were too few events', () => {
      const evaluation = evaluateSlo(
        input({
          slo: { minEvents: 100 },
          windowCounts: { good: 40, total: 50 },
        }),
      );
      expect(evaluation).toMatchObject({
        status: 'no-data',
        noDataReason: 'too-few-events',
        reason:
          '50 events in the SLO window, fewer than the 100 needed to judge',
        counts: { good: 40, total: 50 },
      });
    });

    it('judges from a single event by default', () => {
      expect(
        evaluateSlo(input({ windowCounts: { good: 1, total: 1 } })).status,
      ).toBe('healthy');
    });

    it('does not judge from less than one event by default (an extrapolated 0.5)', () => {
      // Prometheus' increase() extrapolates, so a window can count half an event: 0.5 < 1, the
      // default minEvents, is too few to judge, not a 0.5 / 0.5 = 100 % SLI.
      expect(
        evaluateSlo(input({ windowCounts: { good: 0.5, total: 0.5 } })),
      ).toMatchObject({
        status: 'no-data',
        noDataReason: 'too-few-events',
        reason:
          '0.5 events in the SLO window, fewer than the 1 needed to judge',
      });
    });

    it.each([
      [{ good: 11, total: 10 }, 'good 11, total 10: more good than total'],
      [{ good: -1, total: 10 }, 'good -1, total 10 include a negative count'],
      [{ good: 0, total: -10 }, 'good 0, total -10 include a negative count'],
      [{ good: NaN, total: 10 }, 'good NaN, total 10 are not finite numbers'],
    ])('treats impossible counts %j as a source error', (counts, problem) => {
      expect(evaluateSlo(input({ windowCounts: counts }))).toMatchObject({
        status: 'no-data',
        noDataReason: 'source-error',
        reason: `the metric source returned impossible counts for the SLO window: ${problem}`,
      });
    });
  });

  it('forgives a good count above total by float noise only', () => {
    const evaluation = evaluateSlo(
      input({ windowCounts: { good: 10000.000000001, total: 10000 } }),
    );
    expect(evaluation.status).toBe('healthy');
    expect(evaluation.sli).toBe(1);
  });

  it('clamps good to total within 0.1 % (extrapolation noise) and says so, but not beyond', () => {
    const noisy = evaluateSlo(
      input({ windowCounts: { good: 10005, total: 10000 } }),
    );
    expect(noisy.counts).toEqual({ good: 10000, total: 10000 });
    expect(noisy.explanation.formulas).toContain(
      'good (10005) exceeded total (10000) by extrapolation noise; counted as good = total',
    );
    expect(
      evaluateSlo(input({ windowCounts: { good: 10011, total: 10000 } })),
    ).toMatchObject({ status: 'no-data', noDataReason: 'source-error' });
    // Exactly 0.1 % over (10 = 0.001 × 10,000) is still noise: "up to 0.1 %".
    expect(
      evaluateSlo(input({ windowCounts: { good: 10010, total: 10000 } })),
    ).toMatchObject({
      status: 'healthy',
      counts: { good: 10000, total: 10000 },
    });
  });

  it('refuses an SLO whose alert policies are invalid', () => {
    expect(() =>
      evaluateSlo(
        input({
          slo: {
            objective: 0.9,
            alertPolicies: [
              {
                severity: 'page',
                burnRate: 14.4,
                longWindow: '1h',
                shortWindow: '5m',
              },
            ],
          },
        }),
      ),
    ).toThrow(
      'SLO slo-1 has invalid alert policies: alertPolicies[0].burnRate',
    );
  });
});
