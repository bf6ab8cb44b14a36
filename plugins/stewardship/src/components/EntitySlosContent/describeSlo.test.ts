import { SloEvaluationSummary } from '@stewardship/backstage-plugin-stewardship-common';
import {
  budgetLeftText,
  noDataDetail,
  noDataReasonText,
  sliText,
} from './describeSlo';

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
