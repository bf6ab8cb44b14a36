import { incidentBudgetImpact } from './incidentBudget';

const windows = {
  incidentWindow: {
    start: new Date('2026-09-10T10:00:00Z'),
    end: new Date('2026-09-10T10:30:00Z'),
  },
  sloWindow: {
    start: new Date('2026-09-03T10:30:00Z'),
    end: new Date('2026-09-10T10:30:00Z'),
  },
  computedAt: new Date('2026-09-10T11:00:00Z'),
};
const slo = { id: 'slo-1', name: 'availability', objective: 0.99 };

describe('incidentBudgetImpact', () => {
  it('divides the bad events of the incident by the bad events the window allows', () => {
    const impact = incidentBudgetImpact({
      ...windows,
      slo,
      // 30 minutes at 100 requests a minute, 20 of them failing.
      incidentCounts: { good: 3000 - 600, total: 3000 },
      // 7 days at 100 a minute: 7 × 1440 × 100 = 1,008,000 events.
      windowCounts: { good: 1_008_000 - 650, total: 1_008_000 },
    });
    // allowed = (1 − 0.99) × 1,008,000 = 10,080; consumed = 600 ÷ 10,080 = 5.952… %
    expect(impact).toMatchObject({
      status: 'computed',
      badEvents: 600,
      sloWindow: {
        start: '2026-09-03T10:30:00.000Z',
        end: '2026-09-10T10:30:00.000Z',
      },
    });
    // (1 − 0.99 is 0.010000000000000009 in binary floating point: equal to 9 places.)
    expect(impact.allowedBadEvents).toBeCloseTo(10_080, 6);
    expect(impact.consumedPercent).toBeCloseTo((600 / 10_080) * 100, 9);
    expect(impact.formula).toContain('600 ÷ ((1 − 0.99) × 1008000)');
  });

  it('writes the extrapolated counts of its formula to 10 significant digits, as the SLO formulas', () => {
    // Prometheus' increase() extrapolates, so counts are fractional (the demo's numbers).
    const impact = incidentBudgetImpact({
      ...windows,
      slo: { ...slo, objective: 0.999 },
      incidentCounts: { good: 50_000 - 1230.8444444444467, total: 50_000 },
      windowCounts: { good: 17_000_000, total: 17279891.857505836 },
    });
    // 1230.8444444444467 ÷ ((1 − 0.999) × 17279891.857505836) × 100 = 7.12298696… %
    expect(impact.formula).toMatch(
      / = 1230\.844444 ÷ \(\(1 − 0\.999\) × 17279891\.86\) = 7\.12298696\d %$/,
    );
  });

  it('says no-data, not 0 %, without data or traffic', () => {
    expect(
      incidentBudgetImpact({
        ...windows,
        slo,
        incidentCounts: null,
        windowCounts: { good: 10, total: 10 },
      }),
    ).toMatchObject({ status: 'no-data', reason: expect.any(String) });
    const quiet = incidentBudgetImpact({
      ...windows,
      slo,
      incidentCounts: { good: 0, total: 0 },
      windowCounts: { good: 0, total: 0 },
    });
    expect(quiet).toMatchObject({ status: 'no-data' });
    expect(quiet.consumedPercent).toBeUndefined();
  });

  it('counts good above total by extrapolation noise as good = total, as the SLO engine does: 0 %, never negative', () => {
    const impact = incidentBudgetImpact({
      ...windows,
      slo: { ...slo, objective: 0.999 },
      // increase() extrapolated good 1.5 above total: within the engine's 0.1 % (3000 × 0.001 = 3).
      incidentCounts: { good: 3001.5, total: 3000 },
      windowCounts: { good: 1_000_000, total: 1_000_000 },
    });
    // Counted as good = total = 3000: bad = 3000 − 3000 = 0; allowed = (1 − 0.999) × 1,000,000
    // = 1000; consumed = 0 ÷ 1000 = 0 % (without the check: −1.5 ÷ 1000 = −0.15 %).
    expect(impact).toMatchObject({
      status: 'computed',
      badEvents: 0,
      consumedPercent: 0,
    });
    // (1 − 0.999 is 0.0010000000000000009 in binary floating point.)
    expect(impact.allowedBadEvents).toBeCloseTo(1000, 9);
    expect(impact.formula).toContain(
      'good (3001.5) exceeded total (3000) by extrapolation noise',
    );
  });

  it.each([
    ['more good than total beyond the noise', { good: 3004, total: 3000 }], // 4 > 3000 × 0.001 = 3
    ['a negative good count', { good: -1, total: 3000 }],
    ['a negative total', { good: 0, total: -5 }],
    ['a NaN count', { good: NaN, total: 3000 }],
    ['an infinite count', { good: 3000, total: Infinity }],
  ])(
    'says no-data, never a figure, for impossible incident counts: %s',
    (_, incidentCounts) => {
      const impact = incidentBudgetImpact({
        ...windows,
        slo,
        incidentCounts,
        windowCounts: { good: 1_000_000, total: 1_000_000 },
      });
      expect(impact).toMatchObject({
        status: 'no-data',
        reason: expect.stringContaining(
          'the metric source returned impossible counts for the incident',
        ),
      });
      expect(impact.consumedPercent).toBeUndefined();
    },
  );

  it.each([
    [
      'more good than total beyond the noise',
      { good: 1_002_000, total: 1_000_000 },
    ], // 2000 > 1000
    ['a negative total', { good: 0, total: -1_000_000 }],
    ['a NaN total', { good: 1_000_000, total: NaN }],
  ])(
    'says no-data for impossible counts of the SLO window: %s',
    (_, windowCounts) => {
      const impact = incidentBudgetImpact({
        ...windows,
        slo,
        incidentCounts: { good: 2400, total: 3000 },
        windowCounts,
      });
      expect(impact).toMatchObject({
        status: 'no-data',
        reason: expect.stringContaining(
          'the metric source returned impossible counts for the SLO window',
        ),
      });
      expect(impact.consumedPercent).toBeUndefined();
    },
  );
});
