import { SloEvaluation } from '@stewardship/backstage-plugin-stewardship-common';
import { describeSliPreview } from './describeSliPreview';

const base: SloEvaluation = {
  sloId: 'preview',
  sloVersion: 0,
  entityRef: 'component:default/checkout',
  at: '2026-11-30T12:00:00.000Z',
  evaluatedAt: '2026-11-30T12:00:01.000Z',
  status: 'healthy',
  window: {
    start: '2026-10-31T12:00:00.000Z',
    end: '2026-11-30T12:00:00.000Z',
  },
  // 1 % bad against a 2 % budget: half of it left.
  sli: 0.99,
  counts: { good: 1_425_600, total: 1_440_000 },
  objective: 0.98,
  errorBudget: {
    remaining: 0.5,
    consumed: 0.5,
    allowedBad: 28_800,
    bad: 14_400,
  },
  burnRates: [],
  alerts: [],
  explanation: { queries: [], formulas: [] },
};

describe('describeSliPreview', () => {
  it('counts events, good events, the SLI against the objective and the budget left', () => {
    expect(
      describeSliPreview({ budgetingMethod: 'occurrences' }, base),
    ).toEqual({
      severity: 'success',
      text: 'Over 2026-10-31 12:00 UTC – 2026-11-30 12:00 UTC the queries count 1,440,000 events, 1,425,600 of them good: SLI 99 % against the objective of 98 %; error budget 50 % left.',
    });
  });

  it('counts slices with timeslices budgeting, and says when the budget is overspent', () => {
    const { text } = describeSliPreview(
      { budgetingMethod: 'timeslices' },
      {
        ...base,
        status: 'exhausted',
        // 4 bad of 100 slices against a 2 % budget (2 allowed): −100 % left.
        sli: 0.96,
        counts: { good: 96, total: 100 },
        errorBudget: { remaining: -1, consumed: 2, allowedBad: 2, bad: 4 },
      },
    );
    expect(text).toBe(
      'Over 2026-10-31 12:00 UTC – 2026-11-30 12:00 UTC the queries count 100 slices, 96 of them good: SLI 96 % against the objective of 98 %; error budget −100 % left (overspent).',
    );
  });

  it('never writes an SLI below the objective as the objective, nor good counts below the total as it', () => {
    const { text } = describeSliPreview(
      { budgetingMethod: 'occurrences' },
      {
        ...base,
        sli: 0.999499,
        objective: 0.9995,
        counts: { good: 999.96, total: 1000 },
      },
    );
    expect(text).toContain(
      'the queries count 1,000 events, 999.96 of them good: SLI 99.9499 % against the objective of 99.95 %;',
    );
  });

  it("does not repeat the engine's reason when the reason in words already says it", () => {
    // The engine's own no-series reason is the first words of the text the UI shows for it.
    const noData: SloEvaluation = {
      ...base,
      status: 'no-data',
      noDataReason: 'no-series',
      reason: 'a query matched no series: the SLI is broken',
      sli: undefined,
      counts: undefined,
      errorBudget: undefined,
    };
    expect(
      describeSliPreview({ budgetingMethod: 'occurrences' }, noData).text,
    ).toBe(
      'No data over 2026-10-31 12:00 UTC – 2026-11-30 12:00 UTC: A query matched no series: the SLI is broken (wrong selector, or the metric is gone). Check the queries and the metric source before saving.',
    );
  });

  it("says the source failed once when the evaluator's reason says it", () => {
    const noData: SloEvaluation = {
      ...base,
      status: 'no-data',
      noDataReason: 'source-error',
      reason:
        'Metric source "prom" failed: connect ECONNREFUSED 127.0.0.1:19090',
      sli: undefined,
      counts: undefined,
      errorBudget: undefined,
    };
    expect(
      describeSliPreview({ budgetingMethod: 'occurrences' }, noData).text,
    ).toBe(
      'No data over 2026-10-31 12:00 UTC – 2026-11-30 12:00 UTC: Metric source "prom" failed: connect ECONNREFUSED 127.0.0.1:19090. Check the queries and the metric source before saving.',
    );
  });

  it('warns with the reason when the SLI would judge nothing', () => {
    const noData: SloEvaluation = {
      ...base,
      status: 'no-data',
      noDataReason: 'no-series',
      reason: 'The total query matched no series',
      sli: undefined,
      counts: undefined,
      errorBudget: undefined,
    };
    expect(
      describeSliPreview({ budgetingMethod: 'occurrences' }, noData),
    ).toEqual({
      severity: 'warning',
      text: 'No data over 2026-10-31 12:00 UTC – 2026-11-30 12:00 UTC: A query matched no series: the SLI is broken (wrong selector, or the metric is gone) (The total query matched no series). Check the queries and the metric source before saving.',
    });
  });

  it('says that a business-hours SLO counted only its schedule', () => {
    const schedule = {
      days: ['mon', 'tue', 'wed', 'thu', 'fri'] as const,
      from: '09:00',
      to: '17:00',
      timeZone: 'Europe/Berlin',
    };
    expect(
      describeSliPreview(
        {
          budgetingMethod: 'occurrences',
          schedule: { ...schedule, days: [...schedule.days] },
        },
        base,
      ).text,
    ).toBe(
      'Over 2026-10-31 12:00 UTC – 2026-11-30 12:00 UTC (only Mon–Fri 09:00–17:00 Europe/Berlin counted) the queries count 1,440,000 events, 1,425,600 of them good: SLI 99 % against the objective of 98 %; error budget 50 % left.',
    );
  });
});
