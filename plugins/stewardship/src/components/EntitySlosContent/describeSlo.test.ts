import {
  SloDefinition,
  SloEvaluationSummary,
} from '@stewardship/backstage-plugin-stewardship-common';
import {
  budgetEventsText,
  budgetLeftText,
  exhaustionText,
  sourceErrorDetail,
  noDataDetail,
  noDataReasonText,
  noDataText,
  sliText,
  staleText,
} from './describeSlo';
import { EntitySlo } from '../../api';

type Budget = NonNullable<SloEvaluationSummary['errorBudget']>;

describe('noDataDetail', () => {
  it("leaves out a reason that only repeats the reason's words", () => {
    // The engine's reason for no-series (stewardship-common evaluateSlo).
    const engine = 'a query matched no series: the SLI is broken';
    expect(noDataReasonText('no-series').toLowerCase()).toContain(
      engine.toLowerCase(),
    );
    expect(noDataDetail('no-series', engine)).toBeUndefined();
  });

  it('keeps a reason that says more', () => {
    expect(noDataDetail('no-series', 'payments_total matched no series')).toBe(
      'payments_total matched no series',
    );
    expect(
      noDataDetail('source-error', 'Metric source "prom" failed: HTTP 503'),
    ).toBe('Metric source "prom" failed: HTTP 503');
    expect(noDataDetail('no-series', undefined)).toBeUndefined();
  });
});

describe('noDataText', () => {
  it("says the source failed once when the backend's reason already says it", () => {
    // The evaluator's two sentences (SloEvaluator) and the engine's (evaluateSlo).
    expect(
      noDataText(
        'source-error',
        'Metric source "demo-prometheus" failed: Prometheus source could not be reached: connect ECONNREFUSED 127.0.0.1:19090',
      ),
    ).toBe(
      'Metric source "demo-prometheus" failed: Prometheus source could not be reached: connect ECONNREFUSED 127.0.0.1:19090',
    );
    expect(
      noDataText(
        'source-error',
        'Metric source "prom" did not answer within 30000 ms',
      ),
    ).toBe('Metric source "prom" did not answer within 30000 ms');
    expect(
      noDataText(
        'source-error',
        'the metric source returned impossible counts for the SLO window: good > total',
      ),
    ).toBe(
      'The metric source returned impossible counts for the SLO window: good > total',
    );
  });

  it('keeps the lead-in before a reason that does not say it', () => {
    expect(noDataText('source-error', 'HTTP 503 Service Unavailable')).toBe(
      'The metric source failed: HTTP 503 Service Unavailable',
    );
    expect(noDataText('source-error', undefined)).toBe(
      'The metric source failed',
    );
    // Another reason that starts with the words is not a source's failure to drop them for.
    expect(noDataText('no-traffic', 'metric source idle')).toBe(
      'No traffic in the SLO window: metric source idle',
    );
    expect(
      noDataText(
        'source-error',
        'HTTP 503',
        (why, detail) => `${why} (${detail})`,
      ),
    ).toBe('The metric source failed (HTTP 503)');
  });
});

describe('sourceErrorDetail', () => {
  it("drops the evaluator's lead-in naming the source, and keeps any other sentence whole", () => {
    expect(
      sourceErrorDetail(
        'demo-prometheus',
        'Metric source "demo-prometheus" failed: connect ECONNREFUSED 127.0.0.1:19090',
      ),
    ).toBe('connect ECONNREFUSED 127.0.0.1:19090');
    expect(
      sourceErrorDetail(
        'prom',
        'Metric source "prom" did not answer within 30000 ms',
      ),
    ).toBe('did not answer within 30000 ms');
    // Another source's name in the sentence is not the lead-in.
    expect(sourceErrorDetail('prom', 'Metric source "other" failed: x')).toBe(
      'Metric source "other" failed: x',
    );
    expect(sourceErrorDetail('prom', undefined)).toBe('no reason recorded');
  });
});

describe('sliText', () => {
  it('never rounds an SLI or an objective that is not 100 % to 100 %', () => {
    // An objective of 99.9999 % (the editor accepts it) is 100.000 to three decimals: four show it.
    // SLI 0.99999 = 99.999 % fits in three.
    expect(
      sliText({ sli: 0.99999, objective: 0.999999 } as SloEvaluationSummary),
    ).toBe('99.999 % (objective 99.9999 %)');
    // 99.99996 %: 100.000 to three decimals, 99.99996 to five.
    expect(
      sliText({ sli: 0.9999996, objective: 0.999 } as SloEvaluationSummary),
    ).toBe('99.99996 % (objective 99.9 %)');
    expect(sliText({ sli: 1, objective: 0.999 } as SloEvaluationSummary)).toBe(
      '100 % (objective 99.9 %)',
    );
  });
});

describe('sliText beside an exhausted budget', () => {
  it('never writes an SLI below the objective as the objective', () => {
    // 99.9499 % and 99.95 % are both 99.95 to three decimals: four tell them apart.
    expect(
      sliText({ sli: 0.999499, objective: 0.9995 } as SloEvaluationSummary),
    ).toBe('99.9499 % (objective 99.95 %)');
    // Three decimals where they differ there: the demo's figures read as before.
    expect(
      sliText({ sli: 0.99944, objective: 0.999 } as SloEvaluationSummary),
    ).toBe('99.944 % (objective 99.9 %)');
  });
});

describe('budgetEventsText', () => {
  const slo = {
    budgetingMethod: 'occurrences',
    sli: { type: 'ratio' },
  } as SloDefinition;
  const budget = (bad: number, allowedBad: number) =>
    ({ bad, allowedBad, remaining: 0, consumed: 0 } as Budget);

  it('never writes more bad requests than allowed as the same count', () => {
    // Overspent by 0.04 of a request (−0.4 % left): 10 of 10 read as within the budget.
    expect(budgetEventsText(slo, budget(10, 9.96))).toBe(
      '10 of 9.96 allowed bad requests used',
    );
  });

  it('keeps one decimal where the counts differ there', () => {
    expect(budgetEventsText(slo, budget(9989, 17278.032))).toBe(
      '9,989 of 17,278 allowed bad requests used',
    );
    expect(budgetEventsText(slo, budget(6, 20.16))).toBe(
      '6 of 20.2 allowed bad requests used',
    );
  });
});

describe('budgetLeftText', () => {
  it.each([
    // One decimal as a rule; a budget near 0 % or 100 % gets the decimals that tell it apart.
    [0.42186596828336616, '42.2 % left'],
    [-0.5, '\u221250 % left (overspent)'],
    [-0.0004, '\u22120.04 % left (overspent)'],
    [0.0004, '0.04 % left'],
    [0.9996, '99.96 % left'],
    [0, '0 % left'],
    [1, '100 % left'],
  ])('%p → %p', (remaining, expected) => {
    expect(budgetLeftText({ remaining } as Budget)).toBe(expected);
  });
});

describe('exhaustionText', () => {
  const text = (
    errorBudget: Partial<Budget>,
    burnRates: SloEvaluationSummary['burnRates'],
  ) =>
    exhaustionText({
      errorBudget: { remaining: 0.6, ...errorBudget } as Budget,
      burnRates,
    });

  it('gives the time when the budget runs out at the current burn', () => {
    // 90,061 s: its two largest units, rounded down.
    expect(
      text({ secondsToExhaustion: 90_061 }, [{ window: '1h', burnRate: 3 }]),
    ).toBe('1 day 1 hour at the current burn');
  });

  it('tells a budget that lasts apart from a burn rate nobody knows', () => {
    expect(text({}, [{ window: '1h', burnRate: 0.5 }])).toBe(
      'does not run out at the current burn',
    );
    // 60 % left and no events in the last hour: the rate is unknown, not zero.
    expect(text({}, [{ window: '1h' }])).toBe(
      'unknown: no events in the last 1h',
    );
    expect(text({}, [])).toBe('unknown: no events in the last 1h');
  });

  it('says a spent budget is spent', () => {
    expect(
      text({ remaining: -0.2, secondsToExhaustion: 0 }, [
        { window: '1h', burnRate: 9 },
      ]),
    ).toBe('already spent');
  });
});

describe('staleText', () => {
  it('measures the age from the moment the evaluation describes, not from when it ran', () => {
    // History stored after the fact: evaluated as of 07:08, run at 11:59:30. As of 12:00 it is
    // 4 h 52 min old (it read "less than a minute ago" when measured from the run).
    const item = {
      stale: true,
      evaluation: {
        at: '2026-11-20T07:08:00.000Z',
        evaluatedAt: '2026-11-20T11:59:30.000Z',
      },
    } as unknown as EntitySlo;
    expect(staleText(item, '2026-11-20T12:00:00.000Z')).toBe(
      'stale: last evaluated 4 hours 52 minutes ago',
    );
  });

  it('says, live, that the evaluation is of an earlier version of the SLO', () => {
    const item = {
      stale: true,
      slo: { version: 4 },
      evaluation: {
        at: '2026-11-20T11:59:00.000Z',
        sloVersion: 3,
      },
    } as unknown as EntitySlo;
    expect(staleText(item, '2026-11-20T12:00:00.000Z', { live: true })).toBe(
      'stale: evaluated before the SLO was last changed (version 3, now 4), last evaluated 1 minute ago; the next evaluation uses the change',
    );
    // As of a past moment the version the SLO had then is the backend's to compare: the age only.
    expect(staleText(item, '2026-11-20T12:00:00.000Z')).toBe(
      'stale: last evaluated 1 minute ago',
    );
  });
});
