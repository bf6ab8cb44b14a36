import { noDataDetail, noDataReasonText } from './describeSlo';

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
